"""load_version(): a spec from a file, or from a git revision written `REV:path`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from designdoc.errors import SpecFileError
from designdoc.spec.loader import MAX_BYTES, LoadedSpec, load_spec, parse, validate


def _git_show(revision: str, path: str, where: str) -> str:
    if shutil.which("git") is None:
        raise SpecFileError(where, "git is not installed; give a spec file instead")
    if revision.startswith("-") or not path:
        raise SpecFileError(where, "write a git version as REV:path, e.g. HEAD~1:specs/x.yaml")
    try:
        shown = subprocess.run(
            ["git", "show", f"{revision}:{path}"],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpecFileError(where, f"git show failed: {exc}") from None
    if shown.returncode != 0:
        reason = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SpecFileError(where, f"git show failed: {reason[0] if reason else 'no output'}")
    if len(shown.stdout) > MAX_BYTES:
        raise SpecFileError(where, "is larger than 5 MB; a spec may be at most 5 MB")
    try:
        return shown.stdout.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise SpecFileError(where, "is not UTF-8 text") from None


def is_revision(source: str) -> bool:
    """`REV:path` when no file of that name exists (a file always wins)."""
    return ":" in source and not Path(source).exists()


def load_version(source: str) -> LoadedSpec:
    """The spec at `source`: a file path, or `REV:path` read with `git show`."""
    if not is_revision(source):
        return load_spec(source)
    revision, _, path = source.partition(":")
    text = _git_show(revision, path, source)
    if not text.strip():
        raise SpecFileError(source, "is empty; a spec needs at least 'designdoc: 1' and a 'title'")
    doc = parse(text, source)
    spec = validate(doc, source, text.splitlines())
    return LoadedSpec(spec=spec, path=Path(path), positions=doc)
