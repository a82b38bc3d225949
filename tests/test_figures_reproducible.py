"""Same spec, same bytes; no paths into the installation; a cache that redraws only changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_figures_support import SMALL_SPEC, small_spec, spec_from

import designdoc.figures.layout.fit as fit
from designdoc.errors import GraphvizMissingError
from designdoc.figures import draw_figures


def test_two_runs_write_identical_bytes(tmp_path: Path) -> None:
    first = draw_figures(small_spec(), tmp_path / "one")
    second = draw_figures(small_spec(), tmp_path / "two")
    assert [f.path.name for f in first] == [f.path.name for f in second]
    for a, b in zip(first, second, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes()


def test_svg_is_self_contained(tmp_path: Path) -> None:
    for figure in draw_figures(small_spec(), tmp_path):
        text = figure.path.read_text("utf-8")
        assert "site-packages" not in text and "file:" not in text and "<!--" not in text
        assert 'font-family="Inter"' in text
    architecture = (tmp_path / "architecture.svg").read_text("utf-8")
    assert 'xlink:href="data:image/png;base64,' in architecture


def test_cache_redraws_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = draw_figures(small_spec(), tmp_path / "a", cache_dir=cache)
    drawn: list[str] = []
    real = fit.fit_drawing

    def counting(drawing, paper="a4"):  # type: ignore[no-untyped-def]
        drawn.append(drawing.kind)
        return real(drawing, paper)

    monkeypatch.setattr("designdoc.figures.fit_drawing", counting)
    again = draw_figures(small_spec(), tmp_path / "b", cache_dir=cache)
    assert drawn == []
    assert [f.path.read_bytes() for f in again] == [f.path.read_bytes() for f in first]
    changed = spec_from(SMALL_SPEC, monitoring={"ml": ["feature drift", "label drift"]})
    draw_figures(changed, tmp_path / "c", cache_dir=cache)
    assert drawn == ["lifecycle"]


def test_missing_dot_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(GraphvizMissingError):
        draw_figures(small_spec(), tmp_path)


def test_nothing_is_left_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    draw_figures(small_spec(), tmp_path / "out")
    assert list(work.iterdir()) == []
