"""Every figure fits its page's text block and keeps its smallest text at 7 pt or more."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_figures_support import SMALL_SPEC, font_sizes, small_spec, spec_from

from designdoc.figures import draw_figures, draw_funnel
from designdoc.figures.layout.fit import LANDSCAPE_HEIGHT_SHARE
from designdoc.figures.layout.svg import measure
from designdoc.render.page import FIGURE_MAX_HEIGHT_SHARE, MIN_FIGURE_TEXT_PT, PAPERS


def assert_fits(figure, paper: str) -> None:  # type: ignore[no-untyped-def]
    page = PAPERS[paper]
    width, height = page.text_block(figure.landscape)
    share = LANDSCAPE_HEIGHT_SHARE if figure.landscape else FIGURE_MAX_HEIGHT_SHARE
    assert figure.width_pt <= width + 0.01, figure.id
    assert figure.height_pt <= height * share + 0.01, figure.id
    natural = measure(figure.path.read_text("utf-8"))
    scale = figure.width_pt / natural.width
    assert abs(figure.height_pt / natural.height - scale) < 0.01
    assert min(font_sizes(figure.path)) * scale >= MIN_FIGURE_TEXT_PT - 0.05, figure.id


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_small_spec_figures_fit_portrait(tmp_path: Path, paper: str) -> None:
    figures = draw_figures(small_spec(), tmp_path, paper=paper)
    assert {f.id for f in figures} == {"data", "architecture", "funnel", "lifecycle"}
    for figure in figures:
        assert_fits(figure, paper)
        assert figure.path == tmp_path / f"{figure.id}.svg"


def test_figure_steps_and_captions(tmp_path: Path) -> None:
    steps = {f.id: f.step for f in draw_figures(small_spec(), tmp_path)}
    assert steps == {"data": 3, "architecture": 6, "funnel": 6, "lifecycle": 7}
    for figure in draw_figures(small_spec(), tmp_path):
        assert figure.caption.endswith(".") and "Figure" not in figure.caption


def long_chain(count: int, words: str = "") -> list[dict[str, str]]:
    return [
        {
            "id": f"s{n}",
            "name": f"Stage number {n} {words}",
            "latency": "5ms",
            "model": "a model with a rather long description of what it does",
        }
        for n in range(count)
    ]


def test_long_funnel_is_split_by_stage_and_every_part_fits(tmp_path: Path) -> None:
    spec = spec_from(SMALL_SPEC, serving={"stages": long_chain(30)})
    parts = draw_funnel(spec, tmp_path)
    assert len(parts) > 1
    assert [p.id for p in parts] == [f"funnel-{n}" for n in range(1, len(parts) + 1)]
    for part in parts:
        assert part.parts == len(parts)
        assert f"of {len(parts)}" in part.caption
        assert_fits(part, "a4")


def parallel_levels(levels: int, width: int) -> list[dict[str, object]]:
    stages: list[dict[str, object]] = []
    for level in range(levels):
        ids = [f"p{level}_{n}" for n in range(width)]
        stages += [
            {
                "id": i,
                "name": f"Parallel source {i}",
                "latency": "5ms",
                "items_in": "1M",
                "items_out": "1k",
                "model": "a model with a long description of itself",
                "parallel_with": [j for j in ids if j != i],
            }
            for i in ids
        ]
    return stages


def test_too_wide_for_portrait_gets_a_landscape_page(tmp_path: Path) -> None:
    spec = spec_from(SMALL_SPEC, serving={"stages": parallel_levels(3, 5)})
    (figure,) = draw_funnel(spec, tmp_path)
    assert figure.landscape
    assert_fits(figure, "a4")
    portrait_width, _ = PAPERS["a4"].text_block(False)
    assert figure.width_pt > portrait_width


def test_layout_direction_follows_the_graph_shape(tmp_path: Path) -> None:
    chain = spec_from(SMALL_SPEC, serving={"stages": long_chain(6)})
    (tall,) = draw_funnel(chain, tmp_path)
    assert "rankdir=TB" in tall.dot_source  # a long chain reads top to bottom on a portrait page
    wide = spec_from(SMALL_SPEC, serving={"stages": parallel_levels(1, 6)})
    (flat,) = draw_funnel(wide, tmp_path)
    assert "rankdir=LR" in flat.dot_source  # six stages side by side are stacked instead
    assert not flat.landscape


def test_no_content_means_no_figure(tmp_path: Path) -> None:
    bare = spec_from("designdoc: 1\ntitle: Bare\n")
    assert draw_figures(bare, tmp_path) == []


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_example_spec_figures_all_fit(example_spec: Path, tmp_path: Path, paper: str) -> None:
    from designdoc.spec.loader import load_spec

    figures = draw_figures(load_spec(example_spec).spec, tmp_path, paper=paper)
    assert {f.kind for f in figures} == {"data", "architecture", "funnel", "lifecycle"}
    for figure in figures:
        assert_fits(figure, paper)
