"""User text as GitHub-flavoured Markdown: escaped so that it reads as text and nothing else.

Free text keeps its Markdown-lite marks (emphasis, strong, code, bullet lists); every other
character that Markdown or HTML could read as markup is backslash-escaped, so a spec can
never inject a link, an image, raw HTML or a script into the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from designdoc.render.markup import _CODE, _EMPH, _STRONG, text_blocks

# Characters with a meaning anywhere in a line (CommonMark allows escaping any of them).
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&!#])")
# What GitHub would turn into a link by itself: a URL scheme, www., an e-mail address.
_AUTOLINK = re.compile(r"(?<=[A-Za-z]):(?=//)|(?<![\w.])(www)\.|@", re.IGNORECASE)
# Marks that mean something only at the start of a line: headings, quotes, lists, rules.
_LINE_START = re.compile(r"^(\s*)(\d{1,9}[.)](?=\s|$)|[-+](?=\s|$)|[-=]{2,})")


def _plain(text: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda m: f"{m.group(1)}\\." if m.group(1) else "\\" + m.group(0), escaped)


def escape(text: object) -> str:
    """Plain text, every Markdown and HTML mark escaped, autolinks broken; newlines: spaces."""
    return _plain(" ".join(str(text).split()))


def line_start(markdown: str) -> str:
    """Escape a mark that would start a heading, quote or list where a line begins."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), markdown)


def _code(text: str) -> str:
    # A code span shows its text literally; only pipes are escaped, which GFM tables read
    # even inside code. The text cannot hold a backtick (the code pattern excludes it).
    return "`" + text.replace("|", "\\|") + "`"


def _emphasis(text: str) -> str:
    out, last = [], 0
    marks = sorted(  # at the same place, strong wins, as in the HTML
        [(m.start(), m.end(), "**", m.group(1)) for m in _STRONG.finditer(text)]
        + [(m.start(), m.end(), "*", m.group(1) or m.group(2)) for m in _EMPH.finditer(text)],
        key=lambda mark: (mark[0], mark[2] != "**"),
    )
    for start, end, mark, inner in marks:
        if start < last:
            continue  # overlaps a mark already taken
        out.append(_plain(text[last:start]))
        out.append(mark + _plain(inner) + mark)
        last = end
    out.append(_plain(text[last:]))
    return "".join(out)


def inline(text: object) -> str:
    """One line of user text: its emphasis and code kept, everything else escaped."""
    flat = " ".join(str(text).split())
    parts = _CODE.split(flat)
    return "".join(_code(p) if i % 2 else _emphasis(p) for i, p in enumerate(parts))


def block(text: object) -> str:
    """User text as Markdown paragraphs and bullet lists."""
    out = []
    for kind, lines in text_blocks(text):
        if kind == "p":
            out.append(line_start(inline(" ".join(lines))))
        else:
            out.append("\n".join(f"- {line_start(inline(i))}" for i in lines))
    return "\n\n".join(out)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GFM table of cells that are already Markdown (escaped by `inline` or `escape`)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)
