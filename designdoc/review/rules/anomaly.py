"""Rules for anomaly detection: the alerts a design raises against the people who review them."""

from __future__ import annotations

from collections.abc import Iterator

from designdoc.review.estimates.alerts import band
from designdoc.review.rules.context import Context, keywords
from designdoc.review.rules.rule import ERROR, WARNING, Hit, Rule
from designdoc.spec import numbers as fmt
from designdoc.spec.vocab import Category

ANOMALY = frozenset({Category.anomaly_detection})
DECISIONS = ("serving", "decisions")
CAPACITY_WORDS = keywords(
    "capacity | cases a day | alerts a day | reviews a day | reviewers handle | "
    "analysts handle | per reviewer | per analyst"
)
CAPACITY_SECTIONS = ("requirements", "evaluation", "serving")
RUNBOOK = "Site Reliability Engineering (Beyer et al.), ch. 6 (Monitoring Distributed Systems)"


def _in_words(ctx: Context) -> bool:
    """A band says how many items it sends (`volume`) and the spec names the reviewers'
    capacity in words: the comparison is there for a reader, if not for the estimate."""
    sized = next((i for i, d in enumerate(ctx.spec.serving.decisions) if d.volume), None)
    if sized is None or not ctx.mentions(CAPACITY_WORDS, CAPACITY_SECTIONS):
        return False
    return ctx.cite(f"serving.decisions[{sized}].volume")


def _ano001(ctx: Context) -> Iterator[Hit]:
    found = band(ctx.spec)
    stated = found is not None and found[1].capacity_per_day is not None
    if found is not None and stated and ctx.value("alerts_per_day") is not None:
        ctx.cite(f"serving.decisions[{found[0]}]")
        return
    if _in_words(ctx):
        return
    where = DECISIONS if found is None else (*DECISIONS, found[0])
    missing = []
    if found is None or found[1].rate is None:
        missing.append("the share of events it alerts on (rate)")
    if found is None or found[1].capacity_per_day is None:
        missing.append("how many alerts reviewers handle a day (capacity_per_day)")
    if ctx.value("alerts_per_day") is None and found is not None and found[1].rate is not None:
        missing.append("the events a day (requirements.scale.qps, or dau and requests per user)")
    yield Hit(
        where if ctx.spec.serving.decisions else ("serving",),
        "alerts a day cannot be compared with reviewer capacity; give the score band that "
        "reaches reviewers in serving.decisions with " + " and ".join(missing),
    )


def _ano002(ctx: Context) -> Iterator[Hit]:
    found = band(ctx.spec)
    alerts = ctx.value("alerts_per_day")
    if found is None or alerts is None or found[1].capacity_per_day is None:
        return
    i, decision = found
    capacity = decision.capacity_per_day.value if decision.capacity_per_day else 0.0
    if alerts > capacity:
        yield Hit(
            (*DECISIONS, i, "capacity_per_day"),
            f"about {fmt.count(alerts)} alerts a day reach reviewers who handle "
            f"{fmt.count(capacity)}; the queue grows by {fmt.count(alerts - capacity)} a day "
            "(raise the threshold, rank the queue, or add reviewers)",
        )
    else:
        ctx.cite(f"serving.decisions[{i}].capacity_per_day")


def _computed(ctx: Context) -> bool:
    found = band(ctx.spec)
    return (
        ctx.value("alerts_per_day") is not None
        and found is not None
        and found[1].capacity_per_day is not None
    )


RULES = [
    Rule(
        "ANO001",
        6,
        WARNING,
        "Anomaly detection and no alert volume against reviewer capacity.",
        "An alert nobody can look at is noise; the threshold follows from the queue's size.",
        RUNBOOK,
        _ano001,
        categories=ANOMALY,
        reads="serving.decisions",
    ),
    Rule(
        "ANO002",
        6,
        ERROR,
        "More alerts a day than reviewers can handle.",
        "A queue that grows every day ages its alerts until they are worthless.",
        RUNBOOK,
        _ano002,
        applies=_computed,
        when="the alerts a day can be estimated and a score band states its reviewers' capacity",
        reads="serving.decisions",
    ),
]
