"""Each figure of a small spec against its golden, normalised SVG (`pytest --update-golden`).

Graphviz lays out differently from one version to the next, so the goldens record the
version that made them (`GRAPHVIZ_VERSION`); under another version the comparison is
skipped, naming both. `--update-golden` rewrites the files and then skips: a rewrite is
never reported as a passing run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_figures_support import small_spec

from designdoc.figures import draw_architecture, draw_data, draw_funnel, draw_lifecycle
from designdoc.figures.layout.dot import dot_version
from designdoc.figures.layout.svg import normalise

GOLDEN = Path(__file__).parent / "golden" / "figures"
VERSION_FILE = GOLDEN / "GRAPHVIZ_VERSION"
DRAWERS = {
    "architecture": draw_architecture,
    "funnel": draw_funnel,
    "lifecycle": draw_lifecycle,
    "data": draw_data,
}


@pytest.mark.parametrize("kind", sorted(DRAWERS))
def test_figure_matches_golden(kind: str, tmp_path: Path, update_golden: bool) -> None:
    (figure,) = DRAWERS[kind](small_spec(), tmp_path)
    actual = normalise(figure.path.read_text("utf-8"))
    golden = GOLDEN / f"{kind}.svg"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        VERSION_FILE.write_text(dot_version() + "\n", encoding="utf-8")
        pytest.skip(f"rewrote {golden.name} with {dot_version()}; run pytest again to compare")
    assert golden.exists(), f"no golden file; run pytest --update-golden to create {golden}"
    recorded = VERSION_FILE.read_text("utf-8").strip() if VERSION_FILE.exists() else "unknown"
    if recorded != dot_version():
        pytest.skip(f"goldens were made with '{recorded}', this is '{dot_version()}'")
    assert actual == golden.read_text(encoding="utf-8")
