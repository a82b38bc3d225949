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


def test_a_folder_that_cannot_be_created_is_a_clear_error(tmp_path: Path):
    """Works as root too: no permission bit stops root, but a regular file in the path does."""
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot create the output folder"):
        ensure_dir(tmp_path / "file" / "out")
    with pytest.raises(OutputError, match="cannot"):
        write_atomic(tmp_path / "file" / "out" / "a.pdf", b"%PDF")


def test_build_into_an_unusable_folder_fails_cleanly(tmp_path: Path, example_spec: Path):
    import subprocess
    import sys

    (tmp_path / "file").write_text("x")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "designdoc",
            "build",
            str(example_spec),
            "-o",
            str(tmp_path / "file" / "o"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "cannot create the output folder" in out.stderr
    assert (tmp_path / "file").read_text() == "x"


def test_unwritable_folder() -> None:
    """/proc is a folder that nobody, root included, can create files in."""
    with pytest.raises(OutputError, match="the output folder is not writable"):
        ensure_dir(Path("/proc"))


def test_suite_cache_is_not_the_users() -> None:
    from designdoc.files.resources import user_cache_dir

    home_cache = Path.home() / ".cache" / "designdoc"
    assert not user_cache_dir().is_relative_to(home_cache)
    assert user_cache_dir().parent.name.startswith("designdoc-test-cache-")
