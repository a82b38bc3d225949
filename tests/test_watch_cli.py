"""`designdoc watch` as a process: status lines, the server's limits, --pdf, a clean stop."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner
from watching import watching

from designdoc.cli.main import app

runner = CliRunner()

SMALL = """designdoc: 1
title: Small design
requirements:
  business_objective: Rank things.
framing: {category: binary_classification}
"""


def get(url: str, host: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def first_event(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url + "events", timeout=10) as stream:
        for raw in stream:
            line = raw.decode()
            if line.startswith("data: "):
                return json.loads(line[6:])  # type: ignore[no-any-return]
    raise AssertionError("no event")


def test_status_lines_events_and_what_the_server_refuses(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(SMALL, "small.yaml")
    with watching(str(spec), "--port", "0", tmpdir=tmp_path) as watch:
        assert watch.wait_for_line(r"^\d\d:\d\d:\d\d rebuilt small\.yaml in \d+ ms")
        state = first_event(watch.url)
        assert state["ok"] is True and state["title"] == "Small design"
        spec.write_text(SMALL + "surprise: 1\n", encoding="utf-8")
        line = watch.wait_for_line(r"invalid")
        assert f"{spec}:6:1: surprise: unknown key" in line and "last good page stays" in line
        assert first_event(watch.url)["problems"][0]["line"] == 6  # type: ignore[index]
        status, page = get(watch.url)
        assert status == 200 and b"Small design" in page  # still the last good page
        for path in ("../../etc/passwd", "small.yaml", "%2e%2e/etc/passwd", "document/../x"):
            assert get(watch.url + path)[0] == 404
        assert get(watch.url, host="attacker.example")[0] == 403


def test_ctrl_c_stops_cleanly_and_leaves_nothing(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(SMALL, "small.yaml")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with watching(str(spec), "--port", "0", tmpdir=scratch) as watch:
        watch.wait_for_line("rebuilt")
        assert any(scratch.iterdir()), "the preview keeps its figures in a scratch folder"
        watch.process.send_signal(signal.SIGINT)
        assert watch.process.wait(timeout=20) == 0
    assert list(scratch.iterdir()) == []
    assert not any("Traceback" in line for line in watch.lines)


def test_a_port_in_use_is_a_one_line_error(write_spec) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(SMALL, "small.yaml")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "designdoc", "watch", str(spec), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: port {port} is in use; choose another with --port (e.g. --port {port + 1})"
    ]


def test_pdf_is_remade_in_the_background(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(SMALL, "small.yaml")
    out = tmp_path / "out"
    with watching(str(spec), "--port", "0", "--pdf", "-o", str(out), tmpdir=tmp_path) as watch:
        watch.wait_for_line(r"pdf .*small\.pdf in [\d.]+ s", timeout=120)
        spec.write_text(SMALL.replace("Small design", "Second title"), encoding="utf-8")
        watch.wait_for_line("rebuilt", nth=2)
        # An invalid save while that PDF is being made: the PDF follows the last valid text.
        spec.write_text("designdoc: 1\ntitle: [\n", encoding="utf-8")
        watch.wait_for_line("invalid")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if "Second title" in (PdfReader(out / "small.pdf").metadata or {}).get("/Title", ""):
                break
            time.sleep(0.2)
        assert PdfReader(out / "small.pdf").metadata["/Title"] == "Second title"
    assert not any("pdf failed" in line for line in watch.lines), watch.lines
    assert sorted(p.name for p in out.iterdir()) == ["small.pdf"]  # no partial file left


def test_a_spec_invalid_from_the_start_gets_a_styled_page_once_fixed(
    write_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec("designdoc: 1\ntitle: [\n", "late.yaml")
    with watching(str(spec), "--port", "0", tmpdir=tmp_path) as watch:
        watch.wait_for_line("invalid")
        status, page = get(watch.url)
        assert status == 200 and b'id="dd-overlay"' in page
        # The first good build is swapped into this page: it must carry the document's styles.
        assert b"@font-face" in page and b'class="web-document"' in page
        spec.write_text(SMALL, encoding="utf-8")
        watch.wait_for_line("rebuilt")
        assert b"Small design" in get(watch.url + "document")[1]


def test_a_bad_set_is_a_located_error_before_anything_is_served(write_spec) -> None:  # type: ignore[no-untyped-def]
    spec = str(write_spec(SMALL, "small.yaml"))
    bad_path = runner.invoke(
        app, ["watch", spec, "--port", "0", "--set", "requirements.scale.dua=3B"]
    )
    assert bad_path.exit_code == 1
    assert bad_path.output.splitlines() == [
        "error: --set requirements.scale.dua=3B: requirements.scale.dua: unknown key 'dua'; "
        "did you mean 'dau'?"
    ]
    bad_value = runner.invoke(
        app, ["watch", spec, "--port", "0", "--set", "requirements.scale.dau=lots"]
    )
    assert bad_value.exit_code == 1 and "serving" not in bad_value.output
    assert bad_value.output.startswith(
        "error: --set requirements.scale.dau=lots: requirements.scale.dau: 'lots' is not a count"
    )
    assert runner.invoke(app, ["watch", spec, "--set", "no-equals"]).exit_code == 2


def test_set_applies_on_every_rebuild_and_the_cover_says_so(write_spec) -> None:  # type: ignore[no-untyped-def]
    from designdoc.preview.session import PreviewSession

    spec = write_spec(SMALL, "small.yaml")
    session = PreviewSession(spec, overrides=["requirements.scale.dau=3B", "title=What if"])
    try:
        assert session.rebuild().ok and session.state.title == "What if"
        assert session.unchanged()  # a second event of the same save rebuilds nothing
        assert "What-if build: 2 values set on the command line" in session.document
        assert "<td>3B</td><td>(not set)</td>" in session.document
        spec.write_text(SMALL.replace("Rank things.", "Rank more things."), encoding="utf-8")
        assert not session.unchanged()
        assert session.rebuild().ok
        assert "Rank more things." in session.document and "<td>3B</td>" in session.document
        # A save that leaves an assignment no field to set: located at the assignment.
        spec.write_text(SMALL.replace("  business_objective: Rank things.\n", " x\n"), "utf-8")
        state = session.rebuild()
        assert not state.ok
        assert state.problems[0]["headline"] == (
            "--set requirements.scale.dau=3B: requirements: requirements is not a mapping; "
            "cannot set 'scale'"
        )
    finally:
        session.close()


def test_an_edit_to_the_theme_rebuilds_the_preview(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert runner.invoke(app, ["theme", "new", str(tmp_path / "house")]).exit_code == 0
    spec = write_spec(SMALL + "document:\n  theme: house\n", "small.yaml")
    css = tmp_path / "house" / "document" / "theme.css"
    with watching(str(spec), "--port", "0", tmpdir=tmp_path) as watch:
        watch.wait_for_line(r"rebuilt small\.yaml")
        assert b"house-marker" not in get(watch.url)[1]
        time.sleep(0.3)  # the theme's watch starts after the first rebuild
        css.write_text(css.read_text(encoding="utf-8") + "\n.house-marker { color: red; }\n")
        watch.wait_for_line(r"rebuilt small\.yaml", nth=2)
        assert b"house-marker" in get(watch.url)[1]  # the page inlines the theme's stylesheet
        spec.write_text(SMALL, encoding="utf-8")  # the spec drops the theme
        watch.wait_for_line(r"rebuilt small\.yaml", nth=3)
        assert b"house-marker" not in get(watch.url)[1]
        css.write_text("/* an edit to a theme no longer used */\n", encoding="utf-8")
        time.sleep(1.0)
        assert len([line for line in watch.lines if "rebuilt small.yaml" in line]) == 3
