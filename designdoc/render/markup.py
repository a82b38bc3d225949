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


def render_block(text: object) -> Markup:
    """User text as paragraphs and bullet lists, safe HTML."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
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
    return Markup("".join(blocks))
