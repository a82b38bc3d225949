"""Caches and temporary folders are private and verified: nothing poisoned is ever trusted."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jinja2
import pytest

from designdoc.errors import BuildError
from designdoc.figures import cache, draw_figures
from designdoc.figures.layout.dot import dot_environment
from designdoc.files.private import private_dir
from designdoc.files.resources import fonts_dir
from designdoc.files.scratch import scratch_dir
from designdoc.render.template_cache import VerifiedBytecodeCache, template_cache
from designdoc.spec.loader import load_spec

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def spec():  # type: ignore[no-untyped-def]
    return load_spec(ROOT / "specs" / "fraud_detection.yaml").spec


@pytest.fixture(scope="module")
def drawn(spec, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:  # type: ignore[no-untyped-def]
    """A cache holding the spec's figures, drawn once, and the figures' bytes: each test
    poisons a copy of it."""
    folder = tmp_path_factory.mktemp("drawn")
    fresh = draw_figures(spec, folder / "first", cache_dir=folder / "cache")
    return folder / "cache", {f.id: f.path.read_bytes() for f in fresh}


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _dead_pid() -> int:
    """The pid of a process that has ended (a killed run's)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _svg(entry: Path) -> Path:
    return next(entry.glob("*.svg"))


POISONS = {
    "garbage svg": lambda e: _svg(e).write_bytes(b"\x00garbage"),
    "truncated svg": lambda e: _svg(e).write_bytes(_svg(e).read_bytes()[:100]),
    "empty svg": lambda e: _svg(e).write_bytes(b""),
    "missing svg": lambda e: _svg(e).unlink(),
    "garbage manifest": lambda e: (e / cache.MANIFEST).write_bytes(b"\xff\xfe not json"),
    "manifest of wrong types": lambda e: (e / cache.MANIFEST).write_text(
        json.dumps({"format": cache.FORMAT, "parts": [{"id": 3, "title": None}]})
    ),
    "old manifest format": lambda e: (e / cache.MANIFEST).write_text("[]"),
    "id outside the entry": lambda e: (e / cache.MANIFEST).write_text(
        (e / cache.MANIFEST).read_text().replace('"id": "', '"id": "../')
    ),
}


@pytest.mark.parametrize("poison", list(POISONS), ids=list(POISONS))
def test_a_damaged_figure_entry_is_discarded_and_drawn_again(
    tmp_path: Path, spec, drawn, poison: str, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "cache"
    shutil.copytree(drawn[0], store)
    expected = drawn[1]
    for entry in _entries(store):
        POISONS[poison](entry)
    with caplog.at_level(logging.WARNING, logger="designdoc.cache"):
        again = draw_figures(spec, tmp_path / "second", cache_dir=store)
    assert {f.id: f.path.read_bytes() for f in again} == expected
    warnings = [r.getMessage() for r in caplog.records if r.name == "designdoc.cache"]
    count = len(_entries(store))
    assert len(warnings) == 1 and f"discarded {count} damaged or outdated" in warnings[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="designdoc.cache"):
        draw_figures(spec, tmp_path / "third", cache_dir=store)  # rebuilt: trusted again
    assert not caplog.records


def test_a_cache_of_an_older_format_is_one_warning_per_build(
    tmp_path: Path, spec, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "cache"
    draw_figures(spec, tmp_path / "first", cache_dir=store)
    old = _entries(store)
    assert len(old) >= 3
    for entry in old:  # as an older designdoc wrote them
        manifest = json.loads((entry / cache.MANIFEST).read_text())
        (entry / cache.MANIFEST).write_text(json.dumps({**manifest, "format": 1}))
    with caplog.at_level(logging.WARNING, logger="designdoc.cache"):
        draw_figures(spec, tmp_path / "second", cache_dir=store)
    assert [r.getMessage() for r in caplog.records] == [
        f"warning: discarded {len(old)} damaged or outdated cached figures in {store} "
        "(its manifest has another format); drawing them again"
    ]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="designdoc.cache"):
        draw_figures(spec, tmp_path / "third", cache_dir=store)
    assert not caplog.records  # redrawn and stored in the current format


def test_a_cache_folder_of_another_kind_is_not_used(tmp_path: Path) -> None:
    (tmp_path / "figures").write_text("a file in the way")
    assert private_dir(tmp_path / "figures") is None
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o777)
    os.chmod(loose, 0o777)
    assert private_dir(loose) == loose
    assert loose.stat().st_mode & 0o777 == 0o700


def _render(folder: Path) -> str:
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"t.html": "{% for i in items %}<{{ i }}>{% endfor %}"}),
        bytecode_cache=VerifiedBytecodeCache(folder),
    )
    return env.get_template("t.html").render(items=[1, 2])


@pytest.mark.parametrize("damage", ["bit flip", "truncate", "empty"])
def test_a_damaged_compiled_template_is_discarded(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert _render(tmp_path) == "<1><2>"
    (compiled,) = tmp_path.glob("*.jinja")
    data = bytearray(compiled.read_bytes())
    if damage == "bit flip":
        data[len(data) // 2] ^= 0x10
    compiled.write_bytes(bytes(data[: len(data) // 3] if damage == "truncate" else data))
    if damage == "empty":
        compiled.write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="designdoc.cache"):
        assert _render(tmp_path) == "<1><2>"
    assert [r.getMessage() for r in caplog.records if "discarded" in r.getMessage()]
    assert _render(tmp_path) == "<1><2>"  # stored again, verified


def test_graphviz_fonts_come_from_the_package_not_shared_temp(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shared = tmp_path / "shared-temp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    conf = Path(dot_environment()["FONTCONFIG_FILE"])
    assert conf == fonts_dir() / "fonts.conf" and conf.is_file()
    assert list(shared.iterdir()) == []  # nothing written to, or read from, the shared temp
    assert '<dir prefix="relative">.</dir>' in conf.read_text(encoding="utf-8")


def test_an_unusable_temp_folder_is_one_clear_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    with pytest.raises(BuildError) as info, scratch_dir():
        pass
    assert str(blocked) in info.value.message and "cannot create a scratch folder" in str(
        info.value
    )


def test_a_compiled_template_part_left_by_a_killed_run_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    assert template_cache(folder) is not None
    left = folder / f".0123abcd.{_dead_pid()}.abcd1234.part"
    left.write_bytes(b"half")
    assert _render(folder) == "<1><2>"
    assert list(folder.glob("*.part")) == [left]  # the render's own .part was renamed in place
    assert left.exists()  # only a new cache (the next run) sweeps
    assert template_cache(folder) is not None
    assert not left.exists()


def test_a_half_figure_entry_left_by_a_killed_run_is_removed(tmp_path: Path, spec) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "cache"
    store.mkdir(mode=0o700)
    half = store / f".0123abcd.{_dead_pid()}.abcd1234.part"
    half.mkdir()
    (half / "a.svg").write_bytes(b"<svg")
    draw_figures(spec, tmp_path / "out", cache_dir=store)
    assert not half.exists()
    assert not [p for p in store.iterdir() if p.name.startswith(".")]
