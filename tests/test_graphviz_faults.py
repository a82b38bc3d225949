"""Graphviz or WeasyPrint that hang or write garbage end in a clear error naming the stage."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from designdoc.errors import BuildError
from designdoc.figures import draw_figures
from designdoc.figures.layout import dot
from designdoc.spec.loader import load_spec
from designdoc.typeset.time_limit import time_limit

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


def _in_thread(work: Callable[[], object]) -> BaseException | None:
    """Run `work` in a thread that is not the main one (as `watch` and library callers do)."""
    caught: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # handed back to the test
            caught.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the time limit did not stop the work"
    return caught[0] if caught else None


def test_the_typesetting_limit_holds_outside_the_main_thread(tmp_path: Path) -> None:
    from designdoc.typeset.pdf import lay_out

    html = "<html><body>" + "<p>words and more words</p>" * 3000 + "</body></html>"
    failure = _in_thread(lambda: lay_out(html, tmp_path, seconds=0.05))
    assert isinstance(failure, BuildError)
    assert failure.message == "typesetting the PDF took longer than 0.05s; stopped"


def test_a_thread_that_ends_in_time_is_never_interrupted_later() -> None:
    def work() -> None:
        with time_limit(0.2, "a quick stage"):
            pass
        time.sleep(0.5)  # past the limit: nothing may be raised here

    assert _in_thread(work) is None


def test_a_hanging_dot_hits_the_figure_time_limit_in_a_thread(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _fake_dot(tmp_path, "sleep 30", monkeypatch)
    monkeypatch.setattr(dot, "FIGURE_TIMEOUT_SECONDS", 0.5)
    spec = _spec()
    failure = _in_thread(lambda: draw_figures(spec, tmp_path / "out"))
    assert isinstance(failure, BuildError) and "took longer than" in failure.message


def _dropping_the_first_timeout(then: float) -> None:
    """A stage whose first timeout is caught and dropped, as one raised inside a garbage
    collector callback or a __del__ is; it then runs `then` seconds more."""
    with time_limit(0.05, "the stage"):
        with contextlib.suppress(BuildError):
            time.sleep(1.0)
        time.sleep(then)


@pytest.mark.parametrize("then", [0.0, 1.0], ids=["then ends", "then runs on"])
def test_a_timeout_dropped_once_still_stops_the_stage(then: float) -> None:
    start = time.monotonic()
    with pytest.raises(BuildError, match=r"the stage took longer than 0\.05s"):
        _dropping_the_first_timeout(then)
    assert time.monotonic() - start < 0.8  # raised again, not after the second sleep
    failure = _in_thread(lambda: _dropping_the_first_timeout(then))
    assert isinstance(failure, BuildError) and "took longer than 0.05s" in failure.message
