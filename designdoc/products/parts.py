"""A spec's chapters as one part of a larger document (the study book, a worksheet's answers).

Document chapters carry ids such as `requirements-scale`; several specs in one HTML file
would clash, so a part's ids, and the links to them, get the part's prefix.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from designdoc.pipeline import Clock, prepare
from designdoc.render.context import DocumentContext
from designdoc.spec.loader import LoadedSpec
from designdoc.spec.models.root import Spec

_ID = re.compile(r'(\sid=")([^"]+)(")')
_HREF = re.compile(r'(\shref="#)([^"]+)(")')


def prefix_ids(html: str, prefix: str) -> str:
    """Prefix every id and every in-page link of our own generated HTML.

    User text is autoescaped (a quote becomes `&#34;`), so it cannot fake an attribute.
    """
    html = _ID.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}{m.group(3)}", html)
    return _HREF.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}{m.group(3)}", html)


def with_figure_prefix(context: DocumentContext, prefix: str) -> DocumentContext:
    """The context with its figures numbered `prefix` + number ("2.3")."""
    if not prefix:
        return context
    numbered = {f.id: dataclasses.replace(f, prefix=prefix) for f in context["figures"]}
    named = context["figures_named"]
    return {
        **context,
        "figures": list(numbered.values()),
        "figures_named": lambda family: [numbered[f.id] for f in named(family)],
    }


@dataclass
class Part:
    """One spec rendered as a part: its context, its chapters' HTML and its contents entries."""

    number: int
    prefix: str
    loaded: LoadedSpec
    context: DocumentContext
    html: Markup

    @property
    def spec(self) -> Spec:
        return self.loaded.spec

    @property
    def toc(self) -> list[Any]:
        """Level-1 entries of the spec's own contents, with ids as they are in the part."""
        return [
            {"id": self.prefix + e.id, "title": e.title, "number": e.number}
            for e in self.context["toc"]
            if e.level == 1
        ]


def render_part(
    loaded: LoadedSpec,
    number: int,
    figures_dir: Path,
    *,
    paper: str,
    review: bool = True,
    steps: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7),
    extras: bool = True,
    numbered: bool = False,
    clock: Clock | None = None,
) -> Part:
    """Review the spec, draw its figures and render the chapters `steps` (plus talking
    points and review when `extras`) with ids prefixed `p<number>-`. When `numbered`,
    chapters and figures carry the part's number (chapter 2.1, Figure 2.3)."""
    from designdoc.render.html import render_html

    clock = clock or Clock()
    context = prepare(loaded, figures_dir, paper=paper, review=review, clock=clock)
    prefix = f"p{number}-"
    number_prefix = f"{number}." if numbered else ""
    with clock.stage("html"):
        html = render_html(
            {
                **with_figure_prefix(context, number_prefix),
                "part_steps": steps,
                "part_extras": extras,
                "part_number": number,
                "number_prefix": number_prefix,
            },
            "book/part.html.j2",
        )
    return Part(number, prefix, loaded, context, Markup(prefix_ids(html, prefix)))
