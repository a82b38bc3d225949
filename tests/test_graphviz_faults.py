"""Graphviz or WeasyPrint that hang or write garbage end in a clear error naming the stage."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from designdoc.errors import BuildError
from designdoc.figures import draw_figures
from designdoc.figures.layout import dot
from designdoc.spec.loader import load_spec

ROOT = Path(__file__).resolve().parent.parent


def _fake_dot(folder: Path, body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    script = folder / "dot"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-V" ]; then echo "dot - graphviz version 0.0 (fake)" >&2; exit 0; fi\n'
        "cat >/dev/null\n" + body + "\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def _spec():  # type: ignore[no-untyped-def]
    return load_spec(ROOT / "specs" / "fraud_detection.yaml").spec


def test_output_that_is_not_utf8_is_a_build_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _fake_dot(tmp_path, r"printf '<svg>\377\376</svg>'", monkeypatch)
    with pytest.raises(BuildError) as info:
        draw_figures(_spec(), tmp_path / "out")
    assert "not UTF-8" in info.value.message
    assert info.value.message.startswith("the figure '")


def test_a_hanging_dot_hits_the_figure_time_limit(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _fake_dot(tmp_path, "sleep 30", monkeypatch)
    monkeypatch.setattr(dot, "FIGURE_TIMEOUT_SECONDS", 0.5)
    with pytest.raises(BuildError) as info:
        draw_figures(_spec(), tmp_path / "out")
    assert "the figure '" in info.value.message and "took longer than" in info.value.message


def test_typesetting_past_its_time_limit_is_a_clear_error(tmp_path: Path) -> None:
    from designdoc.typeset.pdf import lay_out

    html = "<html><body>" + "<p>words and more words</p>" * 3000 + "</body></html>"
    with pytest.raises(BuildError) as info:
        lay_out(html, tmp_path, seconds=0.05)
    assert info.value.message == "typesetting the PDF took longer than 0.05s; stopped"
