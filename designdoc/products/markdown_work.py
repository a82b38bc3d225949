"""The work sections in Markdown, as in the PDF: status and what-if values under the title,
a "Context" chapter before step 1 and a "Plan and decisions" chapter at the end.

Each part appears only when the spec fills it (`render.work.plan_work` decides, for every
format alike); user text goes through `render.markdown_text`, so it stays inert.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from designdoc.render.chapters import Chapter
from designdoc.render.format import as_words as words
from designdoc.render.markdown_text import block, escape, inline, line_start, table
from designdoc.spec.models.work import DocStatus, Work


def _opt(text: Any) -> str:
    return inline(text) if text else ""


def _code(text: str) -> str:
    return "`" + text.replace("`", "").replace("|", "\\|") + "`"


def _bullets(items: Sequence[Any]) -> str:
    return "\n".join(f"- {line_start(inline(i))}" for i in items)


def status_markdown(status: DocStatus | None) -> list[str]:
    """The document's state, decision and reviewers, as the cover shows them."""
    if status is None:
        return []
    state = f"**Status: {escape(words(status.state))}**"
    if status.decision_date:
        state += f" (decided {status.decision_date.isoformat()})"
    out = [state]
    if status.decision:
        out.append(block(status.decision))
    if status.reviewers:
        rows = [[inline(r.name), _opt(r.role), escape(words(r.verdict))] for r in status.reviewers]
        out.append(table(["Reviewer", "Role", "Verdict"], rows))
    return out


def overrides_markdown(overrides: Sequence[Any]) -> list[str]:
    """The values a what-if build set on the command line, with the spec's own."""
    if not overrides:
        return []
    count = len(overrides)
    rows = [
        [
            _code(o.path),
            escape(o.value) if o.value else "(cleared)",
            escape(o.previous) if o.previous is not None else "(not set)",
        ]
        for o in overrides
    ]
    return [
        f"**What-if build: {count} value{'s' if count != 1 else ''} set on the command line**",
        table(["Field", "Set to", "In the spec"], rows),
    ]


def _heading(chapter: Chapter) -> list[str]:
    return [f"## {escape(chapter.title)}", f"*{chapter.lead}*"]


def context_markdown(chapter: Chapter | None, work: Work) -> list[str]:
    """Motivation, goals and non-goals: the chapter before step 1."""
    if chapter is None:
        return []
    out = _heading(chapter)
    if chapter.has("motivation"):
        out += [f"### {chapter.sections['motivation']}", block(work.motivation)]
    if chapter.has("goals"):
        out.append(f"### {chapter.sections['goals']}")
        if work.goals:
            out += ["#### Goals", _bullets(work.goals)]
        if work.non_goals:
            out += ["#### Non-goals", _bullets(work.non_goals)]
    return out


def _cost(work: Work) -> list[str]:
    cost = work.cost
    if cost is None:
        return []
    out = []
    for name, items in (("Infrastructure", cost.infrastructure), ("People", cost.people)):
        if items:
            rows = [[inline(c.item), _opt(c.amount), _opt(c.notes)] for c in items]
            out += [f"#### {name}", table(["Item", "Amount", "Notes"], rows)]
    if cost.notes:
        out.append(block(cost.notes))
    return out


def _related(work: Work) -> str:
    lines = []
    for d in work.related:
        text = inline(d.title) + (f" ({inline(d.relation)})" if d.relation else "")
        if d.url:
            text += f": {escape(d.url)}"  # printed, never a link (as in the PDF)
        lines.append(f"- {line_start(text)}")
    return "\n".join(lines)


def plan_markdown(chapter: Chapter | None, work: Work) -> list[str]:
    """Alternatives, milestones, cost, open questions and related documents."""
    if chapter is None:
        return []
    parts: dict[str, list[str]] = {
        "alternatives": [
            table(
                ["Alternative", "What it is", "Why not"],
                [
                    [inline(a.name), _opt(a.description), _opt(a.why_not) or "*not given*"]
                    for a in work.alternatives
                ],
            )
        ],
        "milestones": [
            table(
                ["Milestone", "Target", "Owner", "Status"],
                [
                    [
                        inline(m.name),
                        m.date.isoformat() if m.date else "",
                        _opt(m.owner),
                        "done" if m.done else "planned",
                    ]
                    for m in work.milestones
                ],
            )
        ],
        "cost": _cost(work),
        "questions": [
            table(
                ["Question", "Owner", "Answer"],
                [
                    [inline(q.question), _opt(q.owner), _opt(q.answer) or "**open**"]
                    for q in work.open_questions
                ],
            )
        ],
        "related": [_related(work)],
    }
    out = _heading(chapter)
    for key, body in parts.items():
        if chapter.has(key):
            out += [f"### {chapter.sections[key]}", *body]
    return out
