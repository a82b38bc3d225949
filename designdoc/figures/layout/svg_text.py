"""Moving the text of some groups (clusters, edges) of a Graphviz SVG, named as the figure
audit reads them."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

_GROUP = re.compile(
    r'(<g id="(?:clust|edge)\d+" class="(?:cluster|edge)">\n<title>([^<]*)</title>)(.*?)(</g>)',
    re.S,
)
_TEXT_XY = re.compile(r'(<text [^>]*?\bx=")(-?[\d.]+)(" y=")(-?[\d.]+)(")')


def move_texts(svg: str, moves: Mapping[str, tuple[float, float]]) -> str:
    """`svg` with every text line of each group named in `moves` shifted by its (dx, dy)."""
    if not moves:
        return svg

    def move_group(match: re.Match[str]) -> str:
        shift = moves.get(html.unescape(match.group(2)))
        if shift is None:
            return match.group(0)
        dx, dy = shift

        def move_text(m: re.Match[str]) -> str:
            x, y = float(m.group(2)) + dx, float(m.group(4)) + dy
            return f"{m.group(1)}{x:.2f}{m.group(3)}{y:.2f}{m.group(5)}"

        return match.group(1) + _TEXT_XY.sub(move_text, match.group(3)) + match.group(4)

    return _GROUP.sub(move_group, svg)
