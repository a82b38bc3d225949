"""The design review: back-of-the-envelope estimates, rule findings and coverage.

Imports are lazy so that importing the package costs nothing until a name is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["CATALOGUE", "Estimate", "Finding", "Review", "Rule", "review", "review_spec"]

if TYPE_CHECKING:
    from designdoc.review.engine import review, review_spec
    from designdoc.review.estimates.base import Estimate
    from designdoc.review.result import Finding, Review
    from designdoc.review.rules.catalogue import CATALOGUE
    from designdoc.review.rules.rule import Rule

_HOMES = {
    "CATALOGUE": "designdoc.review.rules.catalogue",
    "review": "designdoc.review.engine",
    "review_spec": "designdoc.review.engine",
    "Estimate": "designdoc.review.estimates.base",
    "Finding": "designdoc.review.result",
    "Review": "designdoc.review.result",
    "Rule": "designdoc.review.rules.rule",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
