"""What a batch job scores: the entities of each run, times how often it runs.

A batch stage's `items_in` is read per run when it covers the precomputed entities (an
uplift job scoring 20M customers), and per entity when it is smaller (2k candidates for
each of 300M users). The job's cadence is `serving.precompute.cadence`, one run a day
when it is not given.
"""

from __future__ import annotations

import re

from designdoc.review.estimates.base import Estimate, Input, Inputs, make
from designdoc.spec import numbers as fmt
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Stage
from designdoc.spec.units import DURATION_UNITS

DAY = 86_400.0
PRECOMPUTE = "serving.precompute"
# Runs a day for the words a cadence is written in.
_WORDS = (
    (r"twice (a|per) day|twice daily", 2.0),
    (r"hourly|every hour|each hour|an hour|per hour", 24.0),
    (r"twice (a|per) week", 2 / 7),
    (r"fortnightly|biweekly|every (two|2) weeks", 1 / 14),
    (r"daily|nightly|overnight|every (day|night)|each (day|night)|a day|per day", 1.0),
    (r"weekly|every week|each week|a week|per week", 1 / 7),
    (r"monthly|every month|each month|a month|per month", 1 / 30.44),
    (r"quarterly", 1 / 91.3),
    (r"yearly|annually|every year", 1 / 365),
)
_EVERY = re.compile(r"every\s+([0-9]+(?:\.[0-9]+)?)\s*([a-zµ]+)")


def runs_per_day(cadence: str | None) -> float | None:
    """How many runs a day a cadence such as `weekly` or `every 6 hours` means; None if unclear."""
    if not cadence:
        return None
    text = cadence.lower()
    every = _EVERY.search(text)
    if every:
        unit = DURATION_UNITS.get(every.group(2))
        if unit:
            return DAY / (float(every.group(1)) * unit) if float(every.group(1)) else None
    for pattern, runs in _WORDS:
        if re.search(rf"\b(?:{pattern})\b", text):
            return runs
    return None


def runs_text(runs: float) -> str:
    """One run a day, a week, every 6 hours..."""
    named = {1.0: "one run a day", 1 / 7: "one run a week", 24.0: "one run an hour"}
    for value, text in named.items():
        if abs(runs - value) < 1e-9:
            return text
    if runs >= 1:
        return f"{fmt.count(runs)} runs a day"
    return f"one run every {fmt.duration(DAY / runs)}"


def _cadence(spec: Spec, inputs: Inputs) -> float:
    pre = spec.serving.precompute
    written = pre.cadence if pre else None
    runs = runs_per_day(written)
    if runs is None:
        note = f"{written!r} not understood; " if written else ""
        inputs.items.append(Input("runs/day", f"1 ({note}assumed daily)", "default", 1.0))
        return 1.0
    inputs.items.append(
        Input("runs/day", f"{written} ({runs_text(runs)})", f"{PRECOMPUTE}.cadence", runs)
    )
    return runs


def items_scored_per_day(spec: Spec, i: int, stage: Stage) -> Estimate:
    """Items a batch stage scores a day: per run (the entities, or entities × items per
    entity) times runs a day."""
    inputs = Inputs()
    pre = spec.serving.precompute
    entities = inputs.add("entities", pre.entities if pre else None, f"{PRECOMPUTE}.entities")
    items = inputs.add("items in", stage.items_in, f"serving.stages[{i}].items_in")
    runs = _cadence(spec, inputs)
    whole_run = items >= entities
    if whole_run:
        formula = "items in per run (it covers the entities) × runs/day"
    else:
        formula = "entities × items in per entity × runs/day"

    def per_run() -> float:
        return items if whole_run else entities * items

    return make(
        f"items_scored_per_day.{stage.id}",
        f"items scored per day (batch): {stage.name or stage.id}",
        formula,
        "items/day",
        inputs,
        lambda: per_run() * runs,
        lambda v: fmt.count(v, "items/day"),
        compare=lambda _: f"{fmt.count(per_run())} per run, {runs_text(runs)}",
    )
