"""Every back-of-the-envelope estimate of a spec, computed from its quantities."""

from __future__ import annotations

from designdoc.review.estimates.base import Estimate, Input
from designdoc.review.estimates.llm import llm_estimates
from designdoc.review.estimates.serving import serving_estimates
from designdoc.review.estimates.traffic import traffic_estimates
from designdoc.spec.models.root import Spec

__all__ = ["Estimate", "Input", "compute_estimates"]


def compute_estimates(spec: Spec) -> list[Estimate]:
    """All estimates in the catalogue's order; skipped ones say which input would enable them."""
    done = [*traffic_estimates(spec), *serving_estimates(spec)]
    return [*done, *llm_estimates(spec, done)]
