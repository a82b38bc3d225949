"""The web form of a document: one self-contained HTML page, styles, fonts and figures inline.

`render_web` serves both `build --format html` and the live preview (which adds its own
panel and script): one renderer, fed the same template context as the PDF.
"""

from __future__ import annotations

import base64
import dataclasses
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from designdoc.errors import BuildError
from designdoc.files.resources import fonts_dir, templates_dir
from designdoc.render.context import DocumentContext
from designdoc.render.html import render_html
from designdoc.render.webfonts import font_data_url

WEB_TEMPLATE = "web/page.html.j2"
STYLESHEETS = ("document/document.css", "document/review.css", "web/web.css")
START, END = "<!--designdoc:document-->", "<!--/designdoc:document-->"

_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


def _inline_url(css_file: Path, match: re.Match[str]) -> str:
    target = (css_file.parent / match.group(1)).resolve()
    if not target.is_relative_to(fonts_dir().resolve()) or not target.is_file():
        raise BuildError(f"{css_file.name}: a web page may embed only designdoc's fonts")
    return f'url("{font_data_url(target)}")'


@cache
def inline_styles(names: tuple[str, ...] = STYLESHEETS) -> str:
    """The packaged stylesheets as one text, each font reference replaced by a data URL."""
    texts = []
    for name in names:
        css_file = templates_dir() / name
        text = css_file.read_text(encoding="utf-8")
        texts.append(_CSS_URL.sub(lambda m, f=css_file: _inline_url(f, m), text))  # type: ignore[misc]
    return "\n".join(texts)


def figure_file(file_uri: str) -> Path:
    """The file of a figure of this build, from its file: URI in the template context."""
    return Path(unquote(urlsplit(file_uri).path))


def svg_data_url(file_uri: str) -> str:
    """A figure of this build as a data URL."""
    data = figure_file(file_uri).read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def inline_figures(context: DocumentContext) -> dict[str, Any]:
    """The context with every figure's source a data URL instead of a file of the build."""
    inlined = {f.id: dataclasses.replace(f, src=svg_data_url(f.src)) for f in context["figures"]}
    named: Callable[[str], list[Any]] = context["figures_named"]
    return {
        **context,
        "figures": list(inlined.values()),
        "figures_named": lambda prefix: [inlined[f.id] for f in named(prefix)],
    }


def render_web(context: DocumentContext, *, preview: dict[str, Any] | None = None) -> str:
    """The whole page; `preview` adds the live preview's panel, styles and script."""
    page = {
        **inline_figures(context),
        "inline_css": Markup(inline_styles()),
        "preview": preview,
    }
    return render_html(page, WEB_TEMPLATE)


def document_part(page: str) -> str:
    """The document itself out of a rendered page: what the preview swaps in place."""
    start, end = page.index(START) + len(START), page.index(END)
    return page[start:end]
