"""The Markdown product: a design as GitHub-flavoured Markdown, figures as SVG files beside it.

One heading per framework step; each filled field of a step follows as a GFM table, a list
or a paragraph; the estimates form one table and the review's findings are GitHub alerts.
The work sections, when filled, come where the PDF has them (`products.markdown_work`).
User text goes through `render.markdown_text`, so it is always inert.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel

from designdoc.products.markdown_work import (
    context_markdown,
    overrides_markdown,
    plan_markdown,
    status_markdown,
)
from designdoc.render.chapters import filled
from designdoc.render.context import DocumentContext
from designdoc.render.format import as_words as words
from designdoc.render.markdown_text import block, escape, inline, line_start, table
from designdoc.spec.units import Quantity

# The step a figure belongs to, by the family in its id (architecture-2 -> architecture).
FIGURE_STEPS = {"data": "data", "funnel": "serving", "architecture": "serving"}
FIGURE_STEPS["lifecycle"] = "monitoring"
ALERTS = {"error": "CAUTION", "warning": "WARNING", "info": "NOTE"}
# Fields whose content the document shows elsewhere, or never: settings, not design.
SKIPPED_FIELDS = {"review", "document"}


ACRONYMS = {"dau": "DAU", "qps": "QPS", "ml": "ML", "ab": "A/B", "id": "ID", "pii": "PII"}


def label(name: str) -> str:
    text = " ".join(ACRONYMS.get(word, word) for word in name.split("_"))
    return text[:1].upper() + text[1:]


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | Enum | Quantity | dt.date) or value is None


def cell(value: Any) -> str:
    """One value as inline Markdown: lists joined, models as `key: value` pairs."""
    if isinstance(value, Quantity | dt.date):
        return escape(words(value) if isinstance(value, Quantity) else value.isoformat())
    if isinstance(value, BaseModel):
        pairs = [f"{label(k)}: {cell(v)}" for k, v in _items(value)]
        return "; ".join(pairs)
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value if filled(v))
    if isinstance(value, dict):
        return "; ".join(f"{escape(k)}: {cell(v)}" for k, v in value.items())
    return inline(words(value)) if isinstance(value, str) else escape(words(value))


def _items(model: BaseModel) -> list[tuple[str, Any]]:
    names = type(model).model_fields
    return [(n, getattr(model, n)) for n in names if filled(getattr(model, n))]


def _rows_table(items: Sequence[BaseModel]) -> str:
    columns = [n for n in type(items[0]).model_fields if any(filled(getattr(i, n)) for i in items)]
    rows = [
        [cell(getattr(item, n)) if filled(getattr(item, n)) else "" for n in columns]
        for item in items
    ]
    return table([label(c) for c in columns], rows)


def field_markdown(name: str, value: Any, level: int) -> list[str]:
    """A field of a step: a heading, then a table, a list or a paragraph."""
    heading = "#" * level + " " + label(name)
    if isinstance(value, BaseModel) and not isinstance(value, Quantity):
        items = _items(value)
        scalars = [(k, v) for k, v in items if _scalar(v) and not _long(v)]
        out = [heading]
        if scalars:
            out.append(table(["Field", "Value"], [[label(k), cell(v)] for k, v in scalars]))
        for k, v in items:
            if (k, v) not in scalars:
                out += field_markdown(k, v, min(level + 1, 6))
        return out
    if isinstance(value, list) and value and all(_record(v) for v in value):
        return [heading, _rows_table(value)]
    if isinstance(value, list):
        return [heading, "\n".join(f"- {line_start(cell(v))}" for v in value)]
    if isinstance(value, dict):
        rows = [[escape(k), cell(v)] for k, v in value.items()]
        return [heading, table(["Name", "Value"], rows)]
    if isinstance(value, str) and not isinstance(value, Enum):
        return [heading, block(value)]
    return [heading, cell(value)]


def _record(value: Any) -> bool:
    return isinstance(value, BaseModel) and not isinstance(value, Quantity)


def _long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > 120 or "\n" in value.strip())


def estimates_markdown(review: Any) -> list[str]:
    if review is None or not review.estimates:
        return []
    out = ["### Back-of-the-envelope estimates"]
    if review.computed:
        rows = [
            [
                escape(e.name),
                "`" + e.formula.replace("|", "\\|").replace("`", "'") + "`",
                "; ".join(f"{escape(i.name)} = {escape(i.text)}" for i in e.inputs),
                f"**{escape(e.display)}**" + (f" ({escape(e.comparison)})" if e.comparison else ""),
            ]
            for e in review.computed
        ]
        out.append(table(["Estimate", "Formula", "Inputs", "Result"], rows))
    if review.skipped_groups:
        lines = [
            f"- {escape(names)}: "
            + ("set " + " and ".join(f"`{m}`" for m in missing) if missing else escape(reason))
            for names, missing, reason in review.skipped_groups
        ]
        out.append("Not estimated:\n\n" + "\n".join(lines))
    return out


def figures_markdown(figures: Sequence[Any], step: str, folder: str) -> list[str]:
    out = []
    for f in figures:
        if FIGURE_STEPS.get(f.id.split("-", 1)[0]) == step:
            out.append(f"![{escape(f.title)}]({folder}/{f.id}.svg)")
            out.append(f"*Figure {f.label}.* {escape(f.caption)}")
    return out


def finding_alert(finding: Any) -> str:
    where = f"`{finding.path}`, line {finding.line}" if finding.path else f"line {finding.line}"
    lines = [
        f"> [!{ALERTS.get(finding.severity, 'NOTE')}]",
        f"> **{finding.rule}** ({where}): {escape(finding.message)}",
    ]
    if finding.note:
        lines.append(f"> Accepted: {escape(finding.note)}")
    return "\n".join(lines)


def review_markdown(review: Any) -> list[str]:
    out = [
        "## Review",
        f"{review.errors} errors, {review.warnings} warnings, {review.infos} notes.",
        "### Coverage by step",
        table(
            ["Step", "Coverage", "Empty fields"],
            [
                [
                    f"{c.step}. {escape(c.name)}",
                    f"{c.percent}%" if c.percent is not None else "n/a",
                    ", ".join(f"`{f}`" for f in c.empty_fields),
                ]
                for c in review.coverage
            ],
        ),
    ]
    for step, name, findings in review.by_step():
        out.append(f"### {step}. {escape(name)}")
        out += [finding_alert(f) for f in findings]
    return out


def _front(context: DocumentContext) -> list[str]:
    spec = context["spec"]
    out = [f"# {escape(spec.title)}"]
    if spec.summary:
        out.append(block(spec.summary))
    facts = [
        ("Authors", ", ".join(escape(a) for a in spec.authors)),
        ("Date", spec.date.isoformat() if spec.date else ""),
        ("ML category", escape(words(spec.framing.category)) if spec.framing.category else ""),
        ("Tags", ", ".join(escape(t) for t in spec.tags)),
        ("Source", inline(spec.based_on) if spec.based_on else ""),
    ]
    shown = [[k, v] for k, v in facts if v]
    if shown:
        out.append(table(["", ""], shown))
    out += status_markdown(spec.work.status)
    out += overrides_markdown(context["overrides"])
    out.append(
        f"*Made with designdoc {context['version']} from "
        f"`{context['source_name'].replace('`', '')}`.*"
    )
    return out


def _extras(spec: Any) -> list[str]:
    if not (spec.talking_points or spec.risks):
        return []
    out = ["## 8. Talking points and risks"]
    if spec.talking_points:
        out += field_markdown("talking_points", list(spec.talking_points), 3)
    if spec.risks:
        out += field_markdown("risks", list(spec.risks), 3)
    return out


# Which fields of `genai:` each step shows, as the PDF's generative sections do.
GENAI_FIELDS = {
    "framing": ("approach", "model"),
    "evaluation": ("evaluation",),
    "serving": (
        "tokens",
        "decoding",
        "hardware",
        "api",
        "latency",
        "caches",
        "routing",
        "retrieval",
        "guardrails",
        "diffusion",
        "notes",
    ),
    "monitoring": ("monitoring",),
}


def genai_markdown(spec: Any, chapter: Any) -> list[str]:
    """The step's part of the `genai:` section, under the title the PDF gives it."""
    if spec.genai is None or not chapter.has("genai"):
        return []
    out = [f"### {escape(chapter.sections['genai'])}"]
    names = GENAI_FIELDS.get(chapter.id, ())
    for name in names:
        value = getattr(spec.genai, name)
        if filled(value):
            shown = field_markdown(name, value, 4)
            # A step's only field needs no heading of its own under the section's.
            out += shown[1:] if len(names) == 1 else shown
    return out


def markdown_document(context: DocumentContext, figures_folder: str) -> str:
    """The Markdown of a design from its template context; figures under `figures_folder`."""
    spec, review = context["spec"], context["review"]
    out = _front(context)
    out += context_markdown(context["work"]["context"], spec.work)
    for chapter in context["chapters"]:
        out.append(f"## {chapter.number}. {chapter.title}")
        out.append(f"*{chapter.lead}*")
        step = getattr(spec, chapter.id)
        items = [(k, v) for k, v in _items(step) if k not in SKIPPED_FIELDS]
        if not items and not chapter.sections:
            out.append("Nothing is specified for this step yet.")
        for name, value in items:
            out += field_markdown(name, value, 3)
        out += genai_markdown(spec, chapter)
        if chapter.id == "requirements":
            out += estimates_markdown(review)
        out += figures_markdown(context["figures"], chapter.id, figures_folder)
    out += _extras(spec)
    out += plan_markdown(context["work"]["plan"], spec.work)
    if context["show_review"]:
        out += review_markdown(review)
    return "\n\n".join(part for part in out if part) + "\n"
