"""Markdown-lite for free text: emphasis, strong, code and lists; everything else escaped."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_CODE = re.compile(r"`([^`\n]+)`")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EMPH = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")


def _inline(text: str) -> str:
    """Escape `text`, then turn the few inline marks into tags. Code spans stay literal."""
    parts = _CODE.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f"<code>{escape(part)}</code>")
            continue
        html = str(escape(part))
        html = _STRONG.sub(r"<strong>\1</strong>", html)
        html = _EMPH.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", html)
        out.append(html)
    return "".join(out)


def render_inline(text: object) -> Markup:
    """One line of user text as safe HTML."""
    return Markup(_inline(str(text)))


def text_blocks(text: object) -> list[tuple[str, list[str]]]:
    """User text split into blocks: ("p", the lines of a paragraph) or ("ul", its items).

    A bullet line (`- ` or `* `) starts or continues a list; a blank line ends a block. The
    HTML and Markdown renderings both read this one split.
    """
    blocks: list[tuple[str, list[str]]] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("p", paragraph.copy()))
            paragraph.clear()
        if items:
            blocks.append(("ul", items.copy()))
            items.clear()

    for line in str(text).splitlines():
        bullet = _BULLET.match(line)
        if bullet:
            if paragraph:
                flush()
            items.append(bullet.group(1))
        elif not line.strip():
            flush()
        else:
            if items:
                flush()
            paragraph.append(line.strip())
    flush()
    return blocks


def render_block(text: object) -> Markup:
    """User text as paragraphs and bullet lists, safe HTML."""
    html = []
    for kind, lines in text_blocks(text):
        if kind == "p":
            html.append(f"<p>{_inline(' '.join(lines))}</p>")
        else:
            html.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in lines) + "</ul>")
    return Markup("".join(html))
