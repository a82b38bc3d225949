"""The sections a design doc at work needs beyond the seven steps, all optional.

Status and reviewers, motivation, goals and non-goals, alternatives considered, milestones,
cost, open questions and related documents: what team templates for ML design docs hold.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from designdoc.spec.models.base import Section, Text
from designdoc.spec.vocab import _coerce


class Status(StrEnum):
    draft = "draft"
    in_review = "in_review"
    approved = "approved"
    rejected = "rejected"
    superseded = "superseded"


class Verdict(StrEnum):
    pending = "pending"
    approved = "approved"
    changes_requested = "changes_requested"


StatusField = Annotated[Status, _coerce(Status)]
VerdictField = Annotated[Verdict, _coerce(Verdict)]


def _named(key: str) -> BeforeValidator:
    """Accept plain text for an item whose main field is `key`: `- Ada` is `- {name: Ada}`."""

    def wrap(raw: Any) -> Any:
        return {key: raw} if isinstance(raw, str) else raw

    return BeforeValidator(wrap)


class Reviewer(Section):
    name: Text = Field(min_length=1, description="Who reviews the design.")
    role: Text | None = Field(None, description="e.g. ML platform, privacy, product.")
    verdict: VerdictField = Field(
        default=Verdict.pending, description="pending, approved or changes_requested."
    )


class Alternative(Section):
    name: Text = Field(min_length=1, description="The approach considered.")
    description: Text | None = Field(None, description="What it would have been.")
    why_not: Text | None = Field(None, description="Why it was not chosen.")


class Milestone(Section):
    name: Text = Field(min_length=1, description="What is delivered.")
    date: dt.date | None = Field(None, description="Target date, YYYY-MM-DD.")
    owner: Text | None = Field(None, description="Who delivers it.")
    done: bool = Field(False, description="Whether it is delivered.")


class CostItem(Section):
    item: Text = Field(min_length=1, description="e.g. GPU training, feature store, an engineer.")
    amount: Text | None = Field(None, description="As budgeted, e.g. $12k/month, 2 FTE.")
    notes: Text | None = Field(None, description="How the amount was reached.")


class Cost(Section):
    infrastructure: list[CostItem] = Field(
        default_factory=list, description="Compute, storage, services."
    )
    people: list[CostItem] = Field(
        default_factory=list, description="Who works on it, for how long."
    )
    notes: Text | None = Field(None, description="Totals, assumptions.")


class OpenQuestion(Section):
    question: Text = Field(min_length=1, description="What is not decided yet.")
    owner: Text | None = Field(None, description="Who will answer it.")
    answer: Text | None = Field(None, description="The answer, once there is one.")


class RelatedDoc(Section):
    title: Text = Field(min_length=1, description="The document's title.")
    url: Text | None = Field(None, description="Where it lives (printed, never fetched).")
    relation: Text | None = Field(None, description="e.g. supersedes, depends on, background.")


class DocStatus(Section):
    state: StatusField = Field(
        default=Status.draft, description="draft, in_review, approved, rejected or superseded."
    )
    reviewers: list[Annotated[Reviewer, _named("name")]] = Field(
        default_factory=list, description="Who reviews it; a name or {name, role, verdict}."
    )
    decision_date: dt.date | None = Field(None, description="When it was approved or rejected.")
    decision: Text | None = Field(None, description="What was decided, in a sentence or two.")


class Work(Section):
    """A design doc's status, context and plan; each part is shown only when filled."""

    status: DocStatus | None = Field(None, description="Document status and reviewers.")
    motivation: Text | None = Field(None, description="Why this work, why now.")
    goals: list[Text] = Field(default_factory=list, description="What success means.")
    non_goals: list[Text] = Field(default_factory=list, description="What this work does not do.")
    alternatives: list[Alternative] = Field(
        default_factory=list, description="Approaches considered and why not."
    )
    milestones: list[Milestone] = Field(default_factory=list, description="The plan, in order.")
    cost: Cost | None = Field(None, description="Infrastructure and people.")
    open_questions: list[Annotated[OpenQuestion, _named("question")]] = Field(
        default_factory=list, description="What is not decided yet."
    )
    related: list[RelatedDoc] = Field(default_factory=list, description="Related documents.")
