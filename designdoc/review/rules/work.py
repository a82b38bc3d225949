"""Rules for design docs at work: status, reviewers, decisions and open questions.

They apply only to a spec that fills its `work:` section, and count under step 1, where a
design states what it sets out to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from itertools import pairwise

from designdoc.review.rules.context import Context
from designdoc.review.rules.rule import INFO, WARNING, Check, Hit, Rule, empty
from designdoc.spec.models.work import Status, Verdict
from designdoc.spec.vocab import Severity

WORK = ("work",)
STATUS = (*WORK, "status")
DECIDED = (Status.approved, Status.rejected)
DESIGN_DOCS = "Design docs at work (e.g. eugeneyan/ml-design-docs)"


def _words(value: StrEnum) -> str:
    return value.value.replace("_", " ")


def _is_work_doc(ctx: Context) -> bool:
    return bool(ctx.spec.work.model_dump(exclude_defaults=True, exclude_none=True))


def _state(ctx: Context) -> Status | None:
    status = ctx.spec.work.status
    return status.state if status else None


def _wrk001(ctx: Context) -> Iterator[Hit]:
    if _state(ctx) is not Status.approved:
        return
    for index, question in enumerate(ctx.spec.work.open_questions):
        if empty(question.answer):
            yield Hit(
                (*WORK, "open_questions", index),
                f"the document is approved but a question is still open: {question.question}",
            )


def _wrk002(ctx: Context) -> Iterator[Hit]:
    status = ctx.spec.work.status
    if status and status.state in DECIDED and status.decision_date is None:
        yield Hit((*STATUS, "state"), f"the document is {_words(status.state)}: set decision_date")


def _wrk003(ctx: Context) -> Iterator[Hit]:
    status = ctx.spec.work.status
    if status and status.state in (Status.in_review, *DECIDED) and not status.reviewers:
        yield Hit(
            (*STATUS, "state"), f"the document is {_words(status.state)} but has no reviewers"
        )


def _wrk004(ctx: Context) -> Iterator[Hit]:
    status = ctx.spec.work.status
    if status is None or status.state is not Status.approved:
        return
    for index, reviewer in enumerate(status.reviewers):
        if reviewer.verdict is not Verdict.approved:
            yield Hit(
                (*STATUS, "reviewers", index),
                f"approved, but reviewer {reviewer.name}'s verdict is {_words(reviewer.verdict)}",
            )


def _wrk005(ctx: Context) -> Iterator[Hit]:
    for index, alternative in enumerate(ctx.spec.work.alternatives):
        if empty(alternative.why_not):
            yield Hit(
                (*WORK, "alternatives", index),
                f"alternative '{alternative.name}' does not say why it was not chosen (why_not)",
            )


def _wrk006(ctx: Context) -> Iterator[Hit]:
    work = ctx.spec.work
    if work.goals and not work.non_goals:
        yield Hit((*WORK, "goals"), "goals are listed but no non_goals: what is left out?")


def _wrk007(ctx: Context) -> Iterator[Hit]:
    dated = [(i, m) for i, m in enumerate(ctx.spec.work.milestones) if m.date is not None]
    for (_, before), (index, after) in pairwise(dated):
        if after.date is not None and before.date is not None and after.date < before.date:
            yield Hit(
                (*WORK, "milestones", index),
                f"milestone '{after.name}' ({after.date}) is dated before "
                f"'{before.name}' ({before.date}), which comes first",
            )


def _rule(ident: str, severity: Severity, title: str, why: str, check: Check) -> Rule:
    return Rule(ident, 1, severity, title, why, DESIGN_DOCS, check, applies=_is_work_doc)


RULES = [
    _rule(
        "WRK001",
        WARNING,
        "Approved with open questions.",
        "An approval covers what was decided; an open question is a decision still to make.",
        _wrk001,
    ),
    _rule(
        "WRK002",
        WARNING,
        "Decided without a decision date.",
        "Readers weigh a decision by when it was made and what was known then.",
        _wrk002,
    ),
    _rule(
        "WRK003",
        WARNING,
        "In review or decided without reviewers.",
        "A review names who reviews; a decision names who decided.",
        _wrk003,
    ),
    _rule(
        "WRK004",
        WARNING,
        "Approved while a reviewer has not approved.",
        "An approved status should match every reviewer's verdict.",
        _wrk004,
    ),
    _rule(
        "WRK005",
        INFO,
        "An alternative without why not.",
        "Saying why an option lost stops the same debate in the next review.",
        _wrk005,
    ),
    _rule(
        "WRK006",
        INFO,
        "Goals without non-goals.",
        "Non-goals fix the scope as much as goals do.",
        _wrk006,
    ),
    _rule(
        "WRK007",
        WARNING,
        "Milestones out of date order.",
        "A plan whose dates run backwards has a typo or a hidden dependency.",
        _wrk007,
    ),
]
