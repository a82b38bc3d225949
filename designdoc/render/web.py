"""The web form of a document: one self-contained HTML page, styles, fonts and figures inline.

`render_web` serves both `build --format html` and the live preview (which adds its own
panel and script): one renderer, fed the same template context as the PDF.
"""

from __future__ import annotations

import base64
import dataclasses
import mimetypes
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
from designdoc.render.theme import themed_stylesheet
from designdoc.render.webfonts import font_data_url

WEB_TEMPLATE = "web/page.html.j2"
# The PDF's stylesheets (a theme's theme.css last among them), then the screen layout.
STYLESHEETS = ("document/document.css", "document/review.css", "document/theme.css", "web/web.css")
START, END = "<!--designdoc:document-->", "<!--/designdoc:document-->"

_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
_IMPORT = re.compile(r"@import\b", re.IGNORECASE)


def _asset(css_file: Path, ref: str, theme: Path | None) -> Path | None:
    """The file a stylesheet's `url()` names: a bundled font, or a file of the theme; a
    path in the theme that it lacks means the bundled file there, as in the PDF."""
    target = (css_file.parent / ref).resolve()
    root = theme.resolve() if theme is not None else None
    if root is not None and target.is_relative_to(root):
        if target.is_file():
            return target
        target = (templates_dir() / target.relative_to(root)).resolve()
    return target if target.is_relative_to(fonts_dir().resolve()) and target.is_file() else None


def _inline_url(css_file: Path, match: re.Match[str], theme: Path | None) -> str:
    target = _asset(css_file, match.group(1), theme)
    if target is None:
        raise BuildError(
            f"{css_file}: {match.group(1)}: a web page may embed only designdoc's fonts "
            "and the theme's own files"
        )
    if target.is_relative_to(fonts_dir().resolve()):
        return f'url("{font_data_url(target)}")'
    mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return f'url("data:{mime};base64,{base64.b64encode(target.read_bytes()).decode("ascii")}")'


def _styles(names: tuple[str, ...], theme: Path | None) -> str:
    texts = []
    for name in names:
        css_file = themed_stylesheet(name, theme)
        text = css_file.read_text(encoding="utf-8")
        if _IMPORT.search(text):
            # An import would be fetched by the reader's browser: the page would not stand alone.
            raise BuildError(f"{css_file}: a web page cannot @import; write the rules in place")
        texts.append(_CSS_URL.sub(lambda m, f=css_file: _inline_url(f, m, theme), text))  # type: ignore[misc]
    return "\n".join(texts)


_bundled_styles = cache(_styles)


def inline_styles(names: tuple[str, ...] = STYLESHEETS, theme: Path | None = None) -> str:
    """The stylesheets as one text (a theme's copy of each in place of the bundled one), each
    font or asset reference replaced by a data URL. A theme's are read afresh each time, so
    that the preview follows edits to them."""
    return _styles(names, theme) if theme is not None else _bundled_styles(names, None)


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
        "inline_css": Markup(inline_styles(theme=context["user_templates"])),
        "preview": preview,
    }
    return render_html(page, WEB_TEMPLATE)


def document_part(page: str) -> str:
    """The document itself out of a rendered page: what the preview swaps in place."""
    start, end = page.index(START) + len(START), page.index(END)
    return page[start:end]
