"""Graphviz SVG made portable and reproducible, and measured for the fitting rules."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from designdoc.errors import BuildError
from designdoc.figures.layout.edge_labels import place_edge_labels
from designdoc.figures.layout.labels import BACKSLASH_GUARD
from designdoc.figures.layout.titles import clear_titles

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_FONT_SIZE = re.compile(r'font-size="([\d.]+)"')
_HREF = re.compile(r'xlink:href="([^"]*)"')
_GRAPH_TITLE = re.compile(r'(<g id="graph0" class="graph"[^>]*>\n)<title>[^<]*</title>\n')


@dataclass(frozen=True)
class SvgMeasure:
    """The natural size of a drawing (points at scale 1) and its smallest text."""

    width: float
    height: float
    min_font: float


def measure(svg: str) -> SvgMeasure:
    """Read the size Graphviz gave the drawing and the smallest font size used in it."""
    size = _SIZE.search(svg)
    if size is None:
        raise BuildError("Graphviz produced an SVG without a size")
    fonts = [float(f) for f in _FONT_SIZE.findall(svg)]
    return SvgMeasure(float(size.group(1)), float(size.group(2)), min(fonts, default=14.0))


def data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def inline_images(svg: str, icons: Mapping[str, Path]) -> str:
    """Replace each icon file reference by a data: URI; any other reference is an error."""

    def replace(match: re.Match[str]) -> str:
        path = icons.get(_unescape_path(match.group(1)))
        if path is None:
            raise BuildError("a figure refers to an image that is not one of designdoc's icons")
        return f'xlink:href="{data_uri(path)}"'

    return _HREF.sub(replace, svg)


def _unescape_path(text: str) -> str:
    return text.replace("&#45;", "-").replace("&amp;", "&")


def tidy(svg: str) -> str:
    """Drop Graphviz's comments (version, titles) and the graph's internal name."""
    svg = _COMMENT.sub("", svg)
    return _GRAPH_TITLE.sub(r"\1", svg)


def finish(raw: bytes, icons: Mapping[str, Path]) -> str:
    """The SVG as written to disk: tidy, edge labels beside their edges, cluster titles clear
    of edges, icons inlined, ending in one newline."""
    text = clear_titles(place_edge_labels(raw.decode("utf-8").replace(BACKSLASH_GUARD, "\\")))
    return tidy(inline_images(text, icons)).rstrip("\n") + "\n"


_DATA_URI = re.compile(r'xlink:href="data:image/png;base64,([^"]*)"')
_NUMBER = re.compile(r"-?\d+\.\d+")


def normalise(svg: str) -> str:
    """A stable text for golden files: comments gone, icons named by size, numbers rounded."""

    def short_icon(match: re.Match[str]) -> str:
        digest = hashlib.sha256(match.group(1).encode("ascii")).hexdigest()[:12]
        return f'xlink:href="icon:{digest}"'

    text = _DATA_URI.sub(short_icon, tidy(svg))
    return _NUMBER.sub(lambda m: f"{round(float(m.group()))}", text)
