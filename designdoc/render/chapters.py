"""Which chapters and sections a spec fills: the one place that decides what is shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from designdoc.spec.framework import STEPS
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Serving


def filled(value: Any) -> bool:
    """Whether a section or field holds anything a reader would want to see."""
    if isinstance(value, BaseModel):
        return bool(value.model_dump(exclude_defaults=True, exclude_none=True))
    return value not in (None, "", [], {})


@dataclass
class Chapter:
    number: int
    id: str
    title: str
    lead: str
    template: str
    sections: dict[str, str] = field(default_factory=dict)  # id -> title, in order

    @property
    def empty(self) -> bool:
        return not self.sections

    def has(self, section: str) -> bool:
        return section in self.sections


def _genai_sections(spec: Spec) -> dict[str, tuple[str, bool]]:
    """The `genai:` section's parts, each shown as a section at the end of its step."""
    g = spec.genai
    if g is None:
        return {}
    serving = (g.tokens, g.decoding, g.hardware, g.api, g.latency, g.caches, g.routing)
    return {
        "framing": ("Generative approach and model", filled(g.approach) or filled(g.model)),
        "evaluation": ("Evaluating generations", filled(g.evaluation)),
        "serving": (
            "Generative serving",
            any(filled(v) for v in (*serving, g.retrieval, g.guardrails, g.diffusion)),
        ),
        "monitoring": ("Watching generations", filled(g.monitoring)),
    }


def _sections(spec: Spec, step: str, figure_ids: set[str], has_estimates: bool) -> dict[str, str]:
    r, f, d, m = spec.requirements, spec.framing, spec.data, spec.model
    e, s, mo = spec.evaluation, spec.serving, spec.monitoring
    candidates: dict[str, list[tuple[str, str, Any]]] = {
        "requirements": [
            ("objective", "Business objective", r.business_objective or r.product_features),
            ("clarifications", "Clarifying questions", r.clarifications),
            ("constraints", "Data and constraints", r.constraints or r.data_available),
            ("scope", "Requirements and scope", r.requirements or r.out_of_scope),
            ("scale", "Scale and performance", filled(r.scale) or filled(r.performance)),
            ("estimates", "Back-of-the-envelope", has_estimates),
        ],
        "framing": [
            ("ml-objective", "ML objective", f.ml_objective or f.objective_alternatives),
            (
                "io",
                "Input, output and category",
                f.input or f.output or f.category or f.models or f.heads,
            ),
            ("labels", "Labels", filled(f.labels) or f.continual_learning or f.explainability),
        ],
        "data": [
            ("sources", "Data sources", d.sources),
            ("features", "Features", d.features or "data" in figure_ids),
            (
                "training-data",
                "Sampling, split and balance",
                d.sampling or d.split or d.class_balance,
            ),
            ("privacy", "Privacy and bias", d.privacy or d.bias or d.notes),
        ],
        "model": [
            ("baseline", "Baseline", m.baseline),
            ("candidates", "Models compared", m.candidates),
            ("training", "Training", filled(m.training) or m.notes),
        ],
        "evaluation": [
            ("offline", "Offline metrics", e.offline),
            ("online", "Online metrics", e.online),
            ("fairness", "Fairness", e.fairness or e.notes),
        ],
        "serving": [
            ("deployment", "Deployment", s.deployment or s.prediction or s.compression or s.notes),
            ("funnel", "Serving funnel", s.stages),
            (
                "architecture",
                "Architecture",
                s.components or any(i.startswith("architecture") for i in figure_ids),
            ),
            ("index", _index_title(s), s.index or s.capacity or s.precompute),
            ("decisions", "Decisions on the score", s.decisions),
            ("fallbacks", "Fallbacks", s.fallbacks),
            ("rollout", "Testing in production", filled(s.rollout) if s.rollout else False),
        ],
        "monitoring": [
            (
                "signals",
                "What is monitored",
                mo.operational or mo.ml or mo.feature_logging is not None,
            ),
            ("alerts", "Alerts", mo.alerts),
            ("retraining", "Retraining", m.training.retraining),
            ("lifecycle", "ML lifecycle", "lifecycle" in figure_ids),
            ("infrastructure", "Infrastructure", mo.infrastructure or mo.notes),
        ],
    }
    genai = _genai_sections(spec).get(step)
    if genai is not None:
        candidates[step].append(("genai", *genai))
    return {sid: title for sid, title, present in candidates[step] if present}


def _index_title(serving: Serving) -> str:
    """The section's title names only what it holds: "Index", "Capacity", or both."""
    held = [
        word
        for word, present in (
            ("index", serving.index),
            ("capacity", serving.capacity),
            ("precomputation", serving.precompute),
        )
        if present
    ]
    if not held:
        return "Index and capacity"
    title = held[0] if len(held) == 1 else ", ".join(held[:-1]) + " and " + held[-1]
    return title[0].upper() + title[1:]


def plan_chapters(spec: Spec, figure_ids: set[str], has_estimates: bool) -> list[Chapter]:
    chapters = []
    for step in STEPS:
        template = f"document/step{step.number}_{step.key}.html.j2"
        chapter = Chapter(step.number, step.key, step.title, step.lead, template)
        chapter.sections = _sections(spec, step.key, figure_ids, has_estimates)
        chapters.append(chapter)
    return chapters
