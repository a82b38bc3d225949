"""Alerts a day against the people who review them, from `serving.decisions`."""

from __future__ import annotations

from designdoc.review.estimates.base import Estimate, Inputs, make
from designdoc.spec import numbers as fmt
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Decision
from designdoc.spec.vocab import Category

DAY = 86_400.0


def band(spec: Spec) -> tuple[int, Decision] | None:
    """The score band sent to people: the first with a capacity, else the first with a rate."""
    decisions = list(enumerate(spec.serving.decisions))
    with_capacity = [(i, d) for i, d in decisions if d.capacity_per_day is not None]
    with_rate = [(i, d) for i, d in decisions if d.rate is not None]
    return next(iter(with_capacity or with_rate), None)


def wanted(spec: Spec) -> bool:
    """Anomaly detection asks the question; any design that states a band's rate answers it."""
    return spec.framing.category == Category.anomaly_detection or band(spec) is not None


def alerts_per_day(spec: Spec, traffic: list[Estimate]) -> list[Estimate]:
    if not wanted(spec):
        return []
    average = next((e for e in traffic if e.key == "average_qps"), None)
    inputs = Inputs()
    events = inputs.result("average QPS", average)
    found = band(spec)
    where = f"serving.decisions[{found[0]}]" if found else "serving.decisions[]"
    rate = inputs.add("alert rate", found[1].rate if found else None, f"{where}.rate")
    capacity = found[1].capacity_per_day if found else None

    def compare(value: float) -> str:
        if capacity is None:
            return f"no reviewer capacity stated (`{where}.capacity_per_day`)"
        return f"reviewers handle {fmt.count(capacity.value)} a day"

    return [
        make(
            "alerts_per_day",
            "alerts per day",
            "average QPS × 86,400 × alert rate",
            "alerts/day",
            inputs,
            lambda: events * DAY * rate,
            lambda v: fmt.count(v, "a day"),
            key_figure=True,
            compare=compare,
        )
    ]
