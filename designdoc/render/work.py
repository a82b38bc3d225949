"""Which work sections a spec fills: a context chapter before step 1, a plan chapter after.

Like the steps' chapters (render/chapters.py), a section exists only when it holds something.
"""

from __future__ import annotations

from typing import Any

from designdoc.render.chapters import Chapter, filled
from designdoc.spec.models.root import Spec

CONTEXT = ("context", "Context", "Why this work, and what it sets out to do.")
PLAN = ("plan", "Plan and decisions", "What else was considered, what it costs and what is open.")


def _chapter(
    meta: tuple[str, str, str], template: str, rows: list[tuple[str, str, Any]]
) -> Chapter | None:
    ident, title, lead = meta
    sections = {key: name for key, name, present in rows if present}
    return Chapter(0, ident, title, lead, template, sections) if sections else None


def plan_work(spec: Spec) -> dict[str, Chapter | None]:
    """The context and plan chapters, or None for each that the spec leaves empty."""
    w = spec.work
    context = _chapter(
        CONTEXT,
        "document/work_context.html.j2",
        [
            ("motivation", "Motivation", w.motivation),
            ("goals", "Goals and non-goals", w.goals or w.non_goals),
        ],
    )
    plan = _chapter(
        PLAN,
        "document/work_plan.html.j2",
        [
            ("alternatives", "Alternatives considered", w.alternatives),
            ("milestones", "Milestones", w.milestones),
            ("cost", "Cost", filled(w.cost) if w.cost else False),
            ("questions", "Open questions", w.open_questions),
            ("related", "Related documents", w.related),
        ],
    )
    return {"context": context, "plan": plan}
