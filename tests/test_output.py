"""Writing output: atomic, never half a file, clear errors for unwritable places."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from designdoc.errors import OutputError
from designdoc.files.output import ensure_dir, write_atomic


def test_write_atomic_replaces_whole_file(tmp_path: Path):
    target = tmp_path / "out" / "doc.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["doc.pdf"]


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch):
    target = tmp_path / "doc.pdf"
    target.write_bytes(b"good")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]


def test_output_folder_is_created(tmp_path: Path):
    folder = ensure_dir(tmp_path / "a" / "b")
    assert folder.is_dir()


def test_a_file_in_the_way_is_a_clear_error(tmp_path: Path):
    (tmp_path / "taken").write_text("x")
    with pytest.raises(OutputError, match="exists and is not a folder"):
        ensure_dir(tmp_path / "taken")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder(tmp_path: Path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(OutputError, match="not writable"):
        ensure_dir(locked)


def test_suite_cache_is_not_the_users() -> None:
    from designdoc.files.resources import user_cache_dir

    home_cache = Path.home() / ".cache" / "designdoc"
    assert not user_cache_dir().is_relative_to(home_cache)
    assert user_cache_dir().parent.name.startswith("designdoc-test-cache-")
