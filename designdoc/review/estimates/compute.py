"""Every back-of-the-envelope estimate of a spec, computed from its quantities."""

from __future__ import annotations

from designdoc.review.estimates.alerts import alerts_per_day
from designdoc.review.estimates.base import Estimate, Input
from designdoc.review.estimates.llm import llm_estimates
from designdoc.review.estimates.serving import serving_estimates
from designdoc.review.estimates.traffic import traffic_estimates
from designdoc.spec.models.root import Spec

__all__ = ["Estimate", "Input", "compute_estimates"]


def compute_estimates(spec: Spec) -> list[Estimate]:
    """All estimates in the catalogue's order; skipped ones say which input would enable them."""
    traffic = traffic_estimates(spec)
    # A generative design's serving numbers follow the traffic they are sized for.
    return [
        *traffic,
        *llm_estimates(spec, traffic),
        *serving_estimates(spec),
        *alerts_per_day(spec, traffic),
    ]
