"""The root of a spec: metadata, the seven steps, talking points, review and document settings."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from designdoc.spec.models.base import Section, Text
from designdoc.spec.models.genai import GenAI
from designdoc.spec.models.serving import Monitoring, Serving
from designdoc.spec.models.steps import Data, Evaluation, Framing, Model, Requirements
from designdoc.spec.models.work import Work
from designdoc.spec.units import ThresholdNumber
from designdoc.spec.vocab import Paper, PaperField, SeverityField

TALKING_POINT_TOPICS: tuple[str, ...] = (
    "cold_start",
    "position_bias",
    "selection_bias",
    "feedback_loop",
    "exploration",
    "diversity",
    "freshness",
    "calibration",
    "delayed_feedback",
    "seasonality",
    "data_leakage",
    "catastrophic_forgetting",
    "privacy",
    "fairness",
)


class TalkingPoint(Section):
    topic: str = Field(
        description="A well-known topic (" + ", ".join(TALKING_POINT_TOPICS) + ") or free text."
    )
    notes: Text | None = Field(None, description="What a strong answer says about it.")
    step: int | None = Field(None, ge=1, le=7, description="The framework step it belongs to.")


class Risk(Section):
    risk: Text = Field(description="What could go wrong.")
    mitigation: Text | None = Field(None, description="What is done about it.")


class ReviewSettings(Section):
    disable: list[str] = Field(default_factory=list, description="Rule ids to switch off.")
    severity: dict[str, SeverityField] = Field(
        default_factory=dict, description="Rule id -> error, warning or info."
    )
    thresholds: dict[str, ThresholdNumber] = Field(
        default_factory=dict,
        description="Threshold name -> value, e.g. imbalance_positive_rate: 5% (or 0.05).",
    )
    notes: dict[str, Text] = Field(
        default_factory=dict, description="Rule id -> why the spec accepts that finding."
    )


class DocumentSettings(Section):
    paper: PaperField = Field(default=Paper.a4, description="a4 or letter.")
    review_appendix: bool = Field(True, description="Whether the PDF has the review appendix.")
    theme: str | None = Field(
        None,
        description="A shipped theme (compact, memo) or a theme folder, relative to the spec.",
    )


class Spec(Section):
    """A machine-learning system design, in the order of the seven-step framework."""

    designdoc: Literal[1] = Field(description="The spec format version; 1.")

    @field_validator("designdoc", mode="before")
    @classmethod
    def _integer_version(cls, value: object) -> object:
        # Lax mode would take `true` and `1.0` for 1; a format version is an integer.
        if isinstance(value, bool | float):
            shown = str(value).lower() if isinstance(value, bool) else repr(value)
            raise PydanticCustomError(
                "version", "the format version must be the integer 1, not {v}", {"v": shown}
            )
        return value

    title: Text = Field(min_length=1, description="The system's name.")
    summary: Text | None = Field(None, description="One paragraph on what the system does.")
    authors: list[Text] = Field(default_factory=list, description="Who wrote the design.")
    date: dt.date | None = Field(None, description="When it was written, YYYY-MM-DD.")
    tags: list[str] = Field(default_factory=list, description="Keywords, e.g. recommendation.")
    based_on: Text | None = Field(
        None, description="Source, e.g. ML System Design Interview, ch. 6."
    )
    work: Work = Field(
        default_factory=Work,
        description="Status, motivation, goals, alternatives, plan and cost of a design doc.",
    )
    requirements: Requirements = Field(default_factory=Requirements, description="Step 1.")
    framing: Framing = Field(default_factory=Framing, description="Step 2.")
    data: Data = Field(default_factory=Data, description="Step 3.")
    model: Model = Field(default_factory=Model, description="Step 4.")
    evaluation: Evaluation = Field(default_factory=Evaluation, description="Step 5.")
    serving: Serving = Field(default_factory=Serving, description="Step 6.")
    monitoring: Monitoring = Field(default_factory=Monitoring, description="Step 7.")
    genai: GenAI | None = Field(None, description="A generative AI design's own decisions.")
    talking_points: list[TalkingPoint] = Field(
        default_factory=list, description="Trade-offs a strong answer raises."
    )
    risks: list[Risk] = Field(default_factory=list, description="Risks and mitigations.")
    review: ReviewSettings = Field(default_factory=ReviewSettings, description="Review settings.")
    document: DocumentSettings = Field(
        default_factory=DocumentSettings, description="How the PDF looks."
    )
