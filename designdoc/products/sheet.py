"""The whiteboard sheet: one landscape page to glance at before an interview.

The sheet holds the funnel, the key numbers, the ML framing, the metrics and the top
trade-offs. It must fit one page for any spec, so it is laid out at the fullest density
first and tightened step by step (fewer items, shorter notes, smaller type) until it does.
The summary and the primary metrics are never cut: they wrap, and the rest makes room.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from designdoc import __version__
from designdoc.errors import BuildError
from designdoc.files.names import shown
from designdoc.files.output import ensure_dir, write_atomic
from designdoc.files.scratch import scratch_dir
from designdoc.pipeline import BuildResult, Clock, load, paper_of, review_of
from designdoc.render.html import stylesheet_uris
from designdoc.render.page import PAPERS
from designdoc.spec.loader import LoadedSpec
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Stage
from designdoc.spec.models.steps import OfflineMetric, OnlineMetric

if TYPE_CHECKING:
    from designdoc.review.result import Review


@dataclass(frozen=True)
class Density:
    """How much of each list the sheet shows, and how long a note may run."""

    name: str
    items: int  # entries per list (metrics, trade-offs, clarifications...)
    note_chars: int  # 0 drops the notes
    numbers: int  # rows of key numbers
    font_pt: float


DENSITIES = (
    Density("full", 6, 170, 12, 8.0),
    Density("compact", 5, 110, 10, 7.6),
    Density("tight", 4, 70, 8, 7.2),
    Density("minimal", 3, 0, 6, 7.0),
)

_MARKS = re.compile(r"[*`]")
M = TypeVar("M")


def _first_upper(text: str) -> str:
    """A heading from user text: its first letter raised, the rest as the user wrote it
    ("RAG vs fine-tuning" stays so; `capitalize` would print "Rag vs fine-tuning")."""
    return text[:1].upper() + text[1:]


def flat(text: object) -> str:
    """User text as one line of plain text, whole: marks dropped, list items joined."""
    if text is None:
        return ""
    return " ".join(_MARKS.sub("", str(text)).replace("\n- ", "; ").split()).lstrip("- ")


def clip(text: object, limit: int) -> str:
    """One line of plain text, cut at a word boundary to `limit` characters (0: nothing)."""
    if limit <= 0 or text is None:
        return ""
    flat_text = flat(text)
    if len(flat_text) <= limit:
        return flat_text
    cut = flat_text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def key_numbers(spec: Spec, review: Review) -> list[tuple[str, str]]:
    """Scale, performance and the review's key estimates, as (label, value) rows."""
    scale, perf = spec.requirements.scale, spec.requirements.performance
    rows: list[tuple[str, object]] = [
        ("Users", scale.users),
        ("Daily active users", scale.dau),
        ("Items", scale.items),
        ("New items a day", scale.new_items_per_day),
        ("QPS", scale.qps),
    ]
    if perf.latency_budget:
        rows.append(("Latency budget", f"{perf.latency_budget} {perf.latency_percentile or ''}"))
    if perf.availability:
        rows.append(("Availability", f"{perf.availability:g}%"))
    for estimate in review.key_estimates:
        rows.append((estimate.name[:1].upper() + estimate.name[1:], estimate.display))
    return [(label, str(value).strip()) for label, value in rows if value]


def shown_metrics(metrics: Sequence[M], limit: int, primary: Callable[[M], bool]) -> list[M]:
    """The first `limit` metrics in the spec's order, always including every primary one."""
    kept = sum(1 for m in metrics if primary(m))
    room = max(limit - kept, 0)
    shown = []
    for metric in metrics:
        if primary(metric):
            shown.append(metric)
        elif room:
            shown.append(metric)
            room -= 1
    return shown


def _offline_primary(metric: OfflineMetric) -> bool:
    return metric.primary


def _online_primary(metric: OnlineMetric) -> bool:
    return metric.role is not None and metric.role.value == "primary"


def funnel_rows(spec: Spec) -> list[list[Stage]]:
    """The serving stages, grouped so that stages running side by side share a row."""
    from designdoc.spec.serving_path import latency_budget

    return [list(group) for group in latency_budget(spec).all_groups]


def sheet_context(
    loaded: LoadedSpec, review: Review, paper: str, density: Density
) -> dict[str, Any]:
    spec = loaded.spec
    points = [(_first_upper(tp.topic.replace("_", " ")), tp.notes) for tp in spec.talking_points]
    points += [(r.risk, r.mitigation) for r in spec.risks]
    return {
        "spec": spec,
        "version": __version__,
        "source_name": shown(loaded.path.name),
        "paper": PAPERS[paper],
        "density": density,
        "numbers": key_numbers(spec, review)[: density.numbers],
        "funnel": funnel_rows(spec),
        "points": points[: density.items + 1],
        "offline": shown_metrics(spec.evaluation.offline, density.items, _offline_primary),
        "online": shown_metrics(spec.evaluation.online, density.items, _online_primary),
        "latency": review.latency,
        "clip": clip,
        "flat": flat,
        "stylesheets": stylesheet_uris("sheet/sheet.css"),
    }


def render_sheet(loaded: LoadedSpec, review: Review, paper: str) -> tuple[bytes, list[str], int]:
    """Typeset the sheet at the fullest density that fits one page; PDF, warnings, pages."""
    from designdoc.render.html import render_html
    from designdoc.typeset.pdf import typeset_if

    with scratch_dir(prefix="designdoc-sheet-") as scratch:
        for density in DENSITIES:
            html = render_html(sheet_context(loaded, review, paper, density), "sheet/sheet.html.j2")
            result = typeset_if(html, Path(scratch), lambda pages: pages == 1)
            if result is not None:
                return result.pdf, list(result.warnings), result.pages
    raise BuildError(
        f"{loaded.file}: the whiteboard sheet does not fit on one page even at its tightest;"
        " it keeps the summary and the primary metrics whole, so shorten the longest of them"
    )


def build_sheet(
    spec_path: str | Path,
    output_dir: str | Path = "output",
    *,
    paper: str | None = None,
    output_name: str | None = None,
) -> BuildResult:
    """Build the one-page sheet of a spec into `output_dir/<name>-sheet.pdf`."""
    clock = Clock()
    loaded = load(Path(spec_path), clock)
    target = ensure_dir(Path(output_dir)) / f"{output_name or loaded.name + '-sheet'}.pdf"
    with clock.stage("review"):
        review = review_of(loaded)
    with clock.stage("pdf"):
        pdf, warnings, pages = render_sheet(loaded, review, paper_of(loaded, paper))
    with clock.stage("write"):
        write_atomic(target, pdf)
    return BuildResult(loaded, target, clock.timings, warnings, pages)
