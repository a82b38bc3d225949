"""check(): the review of one or more specs, with the exit status `designdoc check` reports.

A spec that does not load is kept with its error, so that one bad file never hides the
reviews of the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from designdoc.errors import DesignDocError
from designdoc.review.result import Review
from designdoc.spec.loader import LoadedSpec

Strictness = Literal["errors", "warnings"]

EXIT_OK, EXIT_INVALID, EXIT_FINDINGS = 0, 1, 3


@dataclass(frozen=True)
class Checked:
    """One spec's outcome: its review, or why it could not be reviewed."""

    path: Path
    review: Review | None = None
    error: DesignDocError | None = None
    loaded: LoadedSpec | None = None  # the spec the review read, with its positions


@dataclass(frozen=True)
class CheckResult:
    specs: tuple[Checked, ...]
    strict: Strictness | None = None

    @property
    def invalid(self) -> bool:
        return any(c.error is not None for c in self.specs)

    @property
    def failed(self) -> bool:
        """Whether a review fails under the strictness asked for."""
        return any(c.review is not None and fails(c.review, self.strict) for c in self.specs)

    @property
    def exit_code(self) -> int:
        if self.invalid:
            return EXIT_INVALID
        return EXIT_FINDINGS if self.failed else EXIT_OK


def fails(review: Review, strict: Strictness | None) -> bool:
    """Errors fail under any strictness; warnings too under `warnings`."""
    if strict is None:
        return False
    return review.errors > 0 or (strict == "warnings" and review.warnings > 0)


def check_one(path: str | Path, overrides: Sequence[str] = ()) -> Checked:
    """Review one spec, with `overrides` (`path=value`) applied before validation."""
    from designdoc.pipeline import load, review_of

    path = Path(path)
    try:
        loaded = load(path, overrides=overrides)
        return Checked(path, review=review_of(loaded), loaded=loaded)
    except DesignDocError as exc:
        return Checked(path, error=exc)


def check(
    paths: Sequence[str | Path],
    *,
    strict: Strictness | None = None,
    overrides: Sequence[str] = (),
) -> CheckResult:
    """Review every spec in `paths`, in order."""
    return CheckResult(tuple(check_one(p, overrides) for p in paths), strict)
