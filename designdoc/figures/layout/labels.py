"""Safe Graphviz labels: any text from a spec is drawn as text, never read as syntax.

Every piece of user text enters a DOT source through `html_label`, which XML-escapes
it inside a Graphviz HTML-like label. In such labels a backslash, a quote, braces or
`->` mean nothing, and `<`, `>` and `&` arrive as entities, so no text can open a tag.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from designdoc.figures.layout.metrics import line_height
from designdoc.figures.layout.style import INK, MUTED

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u2060]")
# Graphviz expands \N, \G, \L and \\ even inside HTML-like labels (entities included), so
# a word joiner follows every backslash while dot runs; `svg.finish` removes it again.
BACKSLASH_GUARD = "\\\u2060"
_SPACES = re.compile(r"[ \t\r\f\v]+")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
ELLIPSIS = "…"


@dataclass(frozen=True)
class Line:
    """One logical line of a label: the text and how it looks."""

    text: str
    size: float
    bold: bool = False
    color: str = INK
    width: int = 24  # wrap width, in Latin characters
    max_lines: int = 3


def clean(text: str) -> str:
    """Text without control characters, with runs of blanks made one space."""
    without_controls = _CONTROL.sub(" ", str(text))
    return "\n".join(_SPACES.sub(" ", part).strip() for part in without_controls.split("\n"))


def char_width(char: str) -> int:
    """How many Latin-letter widths a character takes (wide East Asian glyphs take two)."""
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def _pieces(word: str, width: int) -> list[str]:
    """A word longer than `width` broken only after a hyphen or slash; otherwise whole."""
    parts = re.findall(r"[^-/]+[-/]*|[-/]+", word)
    pieces, current = [], ""
    for part in parts:
        if current and _text_width(current + part) > width:
            pieces.append(current)
            current = ""
        current += part
    return [*pieces, current] if current else pieces


def _cut(line: str, width: int) -> str:
    """A line ended with an ellipsis at a word boundary, never inside a word or a number."""
    words = line.split(" ")
    while len(words) > 1 and _text_width(" ".join(words)) > width - 1:
        words.pop()
    return " ".join(words).rstrip(",;:·-–—→+&/ ") + ELLIPSIS


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Wrap text at word boundaries to lines of about `width`; past `max_lines` the last
    line ends in an ellipsis after its last whole word. A word is never broken mid-way."""
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        current = ""
        for word in paragraph.split(" "):
            for piece in _pieces(word, width) if _text_width(word) > width else [word]:
                candidate = f"{current} {piece}" if current else piece
                if current and _text_width(candidate) > width:
                    lines.append(current)
                    current = piece
                else:
                    current = candidate
        if current:
            lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _cut(lines[max_lines - 1], width)]
        shorter = _at_a_clause(" ".join(lines))
        if shorter is not None:
            lines = wrap(shorter, width, max_lines)
    return lines


_CLAUSE_END = re.compile(r"[,;:.](?= )|\s[(—–-]\s?")


def _at_a_clause(kept: str) -> str | None:
    """A cut text ended at its last clause boundary instead (a comma, semicolon, colon, full
    stop, dash or bracket), when that keeps most of it: the ellipsis then follows a phrase
    that reads on its own, not a phrase broken off ("so heavy users do not…")."""
    body = kept.removesuffix(ELLIPSIS)
    ends = [m.start() for m in _CLAUSE_END.finditer(body)]
    if not ends or ends[-1] < len(body) * 0.4:
        return None
    return body[: ends[-1]].rstrip() + ELLIPSIS


def _font(text: str, line: Line) -> str:
    body = escape(text, quote=True).replace("\\", BACKSLASH_GUARD)
    if line.bold:
        body = f"<B>{body}</B>"
    return f'<FONT POINT-SIZE="{line.size:g}" COLOR="{line.color}">{body}</FONT>'


def row(fragment: str, size: float) -> str:
    """One line of a label as a table row as tall as the font's own line height."""
    return f'<TR><TD HEIGHT="{math.ceil(line_height(size))}">{fragment}</TD></TR>'


def label_rows(lines: Iterable[Line]) -> list[str]:
    """The escaped, wrapped lines of a label, each a table row (see `stack`)."""
    rows: list[str] = []
    for line in lines:
        if not line.text.strip():
            continue
        rows.extend(
            row(_font(part, line), line.size)
            for part in wrap(line.text, line.width, line.max_lines)
        )
    return rows


def stack(rows: Sequence[str]) -> str:
    """Rows stacked into one borderless table: Graphviz spaces `<BR/>` lines only one font
    size apart, so capitals and descenders of neighbouring lines would touch."""
    if not rows:
        return " "
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        + "".join(rows)
        + "</TABLE>"
    )


def html_label(lines: Iterable[Line]) -> str:
    """A complete Graphviz HTML-like label (with its outer angle brackets) of the lines."""
    return "<" + stack(label_rows(lines)) + ">"


def title_and_details(
    title: str, details: Sequence[str] = (), *, size: float = 11, width: int = 22
) -> str:
    """The usual node label: a bold title and smaller, muted detail lines."""
    lines = [Line(title, size, bold=True, width=width)]
    lines += [
        Line(d, max(size - 1, 10.0), color=MUTED, width=width + 4, max_lines=4) for d in details
    ]
    return html_label(lines)


def edge_label(text: str | None, *, size: float = 10, lines: int = 3) -> str | None:
    """A short edge label wrapped at word boundaries, or None for no label."""
    if not text or not clean(text).strip():
        return None
    return html_label([Line(text, size, color=MUTED, width=22, max_lines=lines)])


def node_id(prefix: str, spec_id: str) -> str:
    """A stable ASCII Graphviz node id derived from a spec id (any letters become hex)."""
    safe = _ID_UNSAFE.sub(lambda m: "_x" + m.group().encode("utf-8").hex() + "_", spec_id)
    return f"{prefix}_{safe}"
