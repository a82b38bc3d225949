"""build_context(): everything the templates may use, gathered in one place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from designdoc import __version__
from designdoc.render.chapters import Chapter, plan_chapters
from designdoc.render.html import stylesheet_uris
from designdoc.render.page import PAPERS, PageSize
from designdoc.render.work import plan_work
from designdoc.spec.models.root import Spec

if TYPE_CHECKING:
    from designdoc.figures.figure import Figure
    from designdoc.review.result import Review
    from designdoc.spec.overrides import Applied

# Figures appear in this order in the document; each is placed by its id's prefix.
FIGURE_ORDER = ("data", "funnel", "architecture", "lifecycle")
# The document's stylesheets, in cascade order; theme.css is empty unless a theme fills it.
DOCUMENT_STYLESHEETS = ("document/document.css", "document/review.css", "document/theme.css")


@dataclass(frozen=True)
class PlacedFigure:
    """A drawn figure with its number in the document and how the text refers to it."""

    number: int
    id: str
    title: str
    caption: str
    src: str
    width_pt: float
    landscape: bool
    prefix: str = ""  # the part's number in a book ("2."), so Figure 2.3

    @property
    def label(self) -> str:
        """The figure's number as printed: "3", or "2.3" in part 2 of a book."""
        return f"{self.prefix}{self.number}"

    @property
    def mention(self) -> str:
        # Lower-case the first word for mid-sentence use, unless it is an acronym (ML, A/B).
        first = self.title.split(" ", 1)[0]
        keep = len(first) > 1 and first[1:2].isupper()
        return "the " + (self.title if keep else self.title[:1].lower() + self.title[1:])


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    title: str
    number: str = ""


class DocumentContext(TypedDict):
    """Everything a design document's templates may use."""

    spec: Spec
    version: str
    source_name: str
    paper: PageSize
    chapters: list[Chapter]
    toc: list[TocEntry]
    work: dict[str, Chapter | None]
    figures: list[PlacedFigure]
    review: Review | None
    show_review: bool
    keywords: list[str]
    stylesheets: list[str]
    user_templates: Path | None
    overrides: list[Applied]
    figures_named: Callable[[str], list[PlacedFigure]]


def _family(figure_id: str) -> str:
    return figure_id.split("-", 1)[0]


def place_figures(figures: Sequence[Figure]) -> list[PlacedFigure]:
    ordered = sorted(
        figures,
        key=lambda f: FIGURE_ORDER.index(_family(f.id)) if _family(f.id) in FIGURE_ORDER else 99,
    )
    return [
        PlacedFigure(
            n, f.id, f.title, f.caption, Path(f.path).resolve().as_uri(), f.width_pt, f.landscape
        )
        for n, f in enumerate(ordered, start=1)
    ]


def _toc(
    chapters: list[Chapter], spec: Spec, review_shown: bool, work: dict[str, Chapter | None]
) -> list[TocEntry]:
    entries = []
    # The work chapters are listed without their sections (the bookmarks have them), so
    # that a work document's contents still fit on one page.
    if work["context"]:
        entries.append(TocEntry(1, work["context"].id, work["context"].title))
    for chapter in chapters:
        entries.append(TocEntry(1, chapter.id, chapter.title, str(chapter.number)))
        entries += [
            TocEntry(2, f"{chapter.id}-{key}", title) for key, title in chapter.sections.items()
        ]
    if spec.talking_points or spec.risks:
        entries.append(TocEntry(1, "talking-points", "Talking points and risks", "8"))
    plan = work["plan"]
    if plan:
        entries.append(TocEntry(1, plan.id, plan.title))
    if review_shown:
        entries.append(TocEntry(1, "review", "Review", "A"))
    return entries


def build_context(
    spec: Spec,
    *,
    source_name: str,
    review: Review | None = None,
    figures: Sequence[Figure] = (),
    paper: str | None = None,
    show_review: bool = True,
    theme: Path | None = None,
    overrides: Sequence[Applied] = (),
) -> DocumentContext:
    """The template context of one design document."""
    placed = place_figures(figures)
    paper_name = paper or spec.document.paper.value
    has_estimates = review is not None and bool(review.estimates)
    chapters = plan_chapters(spec, {f.id for f in placed}, has_estimates)
    review_shown = bool(show_review and review is not None and spec.document.review_appendix)
    work = plan_work(spec)

    def figures_named(prefix: str) -> list[PlacedFigure]:
        return [f for f in placed if _family(f.id) == prefix]

    keywords = [
        *spec.tags,
        *([spec.framing.category.value.replace("_", " ")] if spec.framing.category else []),
    ]
    return {
        "spec": spec,
        "version": __version__,
        "source_name": source_name,
        "paper": PAPERS[paper_name],
        "chapters": chapters,
        "toc": _toc(chapters, spec, review_shown, work),
        "work": work,
        "figures": placed,
        "review": review,
        "show_review": review_shown,
        "keywords": keywords,
        "stylesheets": stylesheet_uris(*DOCUMENT_STYLESHEETS, theme=theme),
        "user_templates": theme,
        "overrides": list(overrides),
        "figures_named": figures_named,
    }
