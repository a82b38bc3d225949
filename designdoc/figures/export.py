"""export_figures(): a spec's figures alone, as SVG or PNG files, for slides and wikis."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from designdoc.spec.models.root import Spec

PNG_DPI = 192
FigureFormat = Literal["svg", "png"]


def _as_png(dot_source: str, svg_path: Path) -> Path:
    """Redraw a figure as PNG beside its SVG, which it replaces."""
    from designdoc.figures.layout.dot import run_dot
    from designdoc.files.output import write_atomic

    png = run_dot(dot_source, "png", (f"-Gdpi={PNG_DPI}",))
    target = write_atomic(svg_path.with_suffix(".png"), png)
    svg_path.unlink(missing_ok=True)
    return target


def export_figures(spec: Spec, out_dir: Path, fmt: FigureFormat = "svg") -> list[Path]:
    """Draw every figure the spec has content for into `out_dir`; the files written."""
    from designdoc.figures import draw_figures

    written = []
    for figure in draw_figures(spec, out_dir, paper=str(spec.document.paper)):
        written.append(_as_png(figure.dot_source, figure.path) if fmt == "png" else figure.path)
    return written
