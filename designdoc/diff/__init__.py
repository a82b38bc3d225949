"""Design diffs: what changed between two versions of a spec, by step.

`diff_specs(old, new)` compares two loaded specs: fields added, removed and changed, the
estimates that moved, and the review findings that appeared or went away. `load_version`
reads a version from a file or from a git revision (`HEAD~1:specs/x.yaml`).
"""

from __future__ import annotations

from designdoc.diff.compare import SpecDiff, diff_specs
from designdoc.diff.versions import load_version

__all__ = ["SpecDiff", "diff_specs", "load_version"]
