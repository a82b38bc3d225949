"""SIGTERM and SIGINT leave nothing behind; a .part left by SIGKILL goes with the next build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from designdoc.files import scratch
from designdoc.files.output import write_atomic

ROOT = Path(__file__).resolve().parent.parent


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "TMPDIR": str(tmp)}


def _leftovers(*folders: Path) -> list[str]:
    """What is left besides PDFs, not counting the probes of ctypes.util.find_library (which
    runs the C compiler with `tmp*` and `cc*` files when a library is loaded): a process
    killed during that probe leaves them, whatever designdoc does."""
    return [
        str(p)
        for folder in folders
        for p in folder.iterdir()
        if p.suffix != ".pdf" and not p.name.startswith(("tmp", "cc"))
    ]


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_at_write_time_removes_the_part_file(tmp_path: Path, signum: int, code: int):
    out, temp = tmp_path / "out", tmp_path / "tmp"
    out.mkdir()
    temp.mkdir()
    (out / "small.pdf").write_bytes(b"%PDF-old")
    spec = tmp_path / "small.yaml"
    spec.write_text("designdoc: 1\ntitle: Small\ndata: {sources: [{id: a}]}\n", encoding="utf-8")
    # The signal arrives while write_atomic syncs the PDF's .part: the moment a kill leaves it.
    script = textwrap.dedent(
        f"""
        import os, sys
        from pathlib import Path
        from designdoc.cli.main import main
        from designdoc.files import output

        real_fsync = os.fsync
        def fsync(fd):
            if list(Path({str(out)!r}).glob("*.part")):
                os.kill(os.getpid(), {int(signum)})
            real_fsync(fd)
        output.os.fsync = fsync
        sys.argv = ["designdoc", "build", {str(spec)!r}, "-o", {str(out)!r}]
        main()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=_env(temp), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert _leftovers(out, temp) == []
    assert (out / "small.pdf").read_bytes() == b"%PDF-old"


def test_sigterm_during_a_build_exits_143_and_leaves_nothing(tmp_path: Path):
    out, temp = tmp_path / "out", tmp_path / "tmp"
    out.mkdir()
    temp.mkdir()
    spec = ROOT / "specs" / "video_recommendation.yaml"
    build = subprocess.Popen(
        [sys.executable, "-m", "designdoc", "build", str(spec), "-o", str(out), "-j", "1"],
        env=_env(temp),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(temp.glob("designdoc-*")) and time.monotonic() < deadline:  # under way
        time.sleep(0.02)
    assert list(temp.glob("designdoc-*")), "the build never made its scratch folder"
    build.send_signal(signal.SIGTERM)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 143, stderr
    assert "Traceback" not in stderr and "interrupted (SIGTERM)" in stderr
    assert _leftovers(out, temp) == []


def test_sigterm_stops_batch_workers_and_their_scratch(tmp_path: Path):
    out, temp = tmp_path / "out", tmp_path / "tmp"
    out.mkdir()
    temp.mkdir()
    build = subprocess.Popen(
        [sys.executable, "-m", "designdoc", "build", str(ROOT / "specs"), "-o", str(out), "-j2"],
        env=_env(temp),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while len(list(temp.iterdir())) < 2 and time.monotonic() < deadline:  # both workers busy
        time.sleep(0.02)
    build.send_signal(signal.SIGTERM)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 143, stderr
    assert "Traceback" not in stderr
    assert _leftovers(temp) == []
    assert not [p for p in out.iterdir() if p.suffix == ".part"]


def test_remove_own_removes_registered_paths_of_this_process_only(tmp_path: Path):
    with scratch.scratch_dir(prefix="designdoc-test-") as folder:
        (folder / "figure.svg").write_text("x")
        inherited = tmp_path / "parent.part"
        inherited.write_text("x")
        scratch._live[str(inherited)] = os.getpid() + 1  # made by another (parent) process
        scratch.remove_own()
        assert not folder.exists()
        assert inherited.exists()
        scratch.untrack(inherited)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_part_left_by_sigkill_is_removed_by_the_next_write(tmp_path: Path):
    dead = tmp_path / f".spec.pdf.{_dead_pid()}.abcd1234.part"
    dead.write_bytes(b"half a pdf")
    live = tmp_path / f".spec.pdf.{os.getppid()}.efgh5678.part"  # a concurrent build's
    live.write_bytes(b"being written")
    other = tmp_path / ".notes.part.txt"
    other.write_text("not ours")
    write_atomic(tmp_path / "spec.pdf", b"%PDF-new")
    assert not dead.exists()
    assert live.exists() and other.exists()
    assert (tmp_path / "spec.pdf").read_bytes() == b"%PDF-new"


def test_sigkill_at_write_time_then_the_next_build_cleans_up(tmp_path: Path):
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from designdoc.files import output
        output.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
        output.write_atomic(Path({str(tmp_path)!r}) / "spec.pdf", b"%PDF-half")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert done.returncode == -signal.SIGKILL
    (left,) = tmp_path.glob(".spec.pdf.*.part")
    write_atomic(tmp_path / "other.pdf", b"%PDF-new")
    assert not left.exists()


def test_a_figures_folder_being_written_is_registered_and_removed_on_a_signal(tmp_path: Path):
    from designdoc.products.document import replace_folder

    class Stop(BaseException):  # what the signal handler raises after remove_own()
        pass

    class Signalled(dict[str, bytes]):
        def items(self):  # type: ignore[no-untyped-def]
            yield "a.svg", b"<svg/>"
            scratch.remove_own()  # the handler's clean-up, in the middle of the writes
            raise Stop

    with pytest.raises(Stop):
        replace_folder(tmp_path / "spec-figures", Signalled())
    assert list(tmp_path.iterdir()) == []


def test_a_figures_folder_left_by_sigkill_is_removed_by_the_next_write(tmp_path: Path):
    from designdoc.products.document import replace_folder

    dead = tmp_path / f".spec-figures.{_dead_pid()}.abcd1234.part"
    dead.mkdir()
    (dead / "a.svg").write_bytes(b"<svg")
    replace_folder(tmp_path / "spec-figures", {"b.svg": b"<svg/>"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec-figures"]
    assert [p.name for p in (tmp_path / "spec-figures").iterdir()] == ["b.svg"]
