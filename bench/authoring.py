"""Benchmarks of the authoring loop: the live preview, watch-mode PDFs, the other formats
and the study book with 1 and 2 worker processes.

Save-to-preview is measured in a real browser (headless Chromium through selenium, the test
set-up): from just before the spec file is written to the moment the page has swapped the
new document in and decoded its figures (the page records that time itself).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

Row = Callable[..., str]


class Watch:
    """`designdoc watch` in its own process, its output lines collected."""

    def __init__(self, designdoc: str, spec: Path, env: dict[str, str], *extra: str) -> None:
        self.process = subprocess.Popen(
            [designdoc, "watch", str(spec), "--port", "0", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**env, "COLUMNS": "200"},
        )
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = re.search(r"http://\S+/", self.wait(r"serving http", 0, 120)).group(0)  # type: ignore[union-attr]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append((time.time(), line.rstrip()))

    def wait(self, pattern: str, after: float, timeout: float = 120) -> str:
        """The first line matching `pattern` printed after time `after`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for at, line in list(self.lines):
                if at >= after and re.search(pattern, line):
                    return line
            time.sleep(0.01)
        raise SystemExit(f"watch printed no {pattern!r}: {self.lines}")

    def wait_time(self, pattern: str, after: float, timeout: float = 120) -> float:
        line = self.wait(pattern, after, timeout)
        return next(at for at, text in self.lines if text == line and at >= after)

    def stop(self) -> None:
        self.process.send_signal(2)
        self.process.wait(timeout=60)


def _retitle(spec: Path, title: str) -> None:
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", spec.read_text(encoding="utf-8"))
    spec.write_text(text, encoding="utf-8")


def preview_rows(
    designdoc: str, example: Path, tmp: Path, env: dict[str, str], row: Row
) -> list[str]:
    from chromium import chromium

    spec = tmp / "preview" / example.name
    spec.parent.mkdir()
    spec.write_bytes(example.read_bytes())
    watch = Watch(designdoc, spec, env)
    delays, rebuilds = [], []
    try:
        with chromium() as driver:
            driver.get(watch.url)
            _until(driver, "return document.documentElement.dataset.state === 'ok'")
            for n in range(10):
                before = int(
                    driver.execute_script(
                        "return Number(document.documentElement.dataset.updatedAt || 0)"
                    )
                )
                time.sleep(0.3)
                start = time.time()
                _retitle(spec, f"Benchmark save {n}")
                _until(
                    driver,
                    f"return Number(document.documentElement.dataset.updatedAt || 0) > {before}",
                )
                done = driver.execute_script(
                    "return Number(document.documentElement.dataset.updatedAt)"
                )
                delays.append(done / 1000 - start)
                line = watch.wait(r"rebuilt .* in \d+ ms", start)
                rebuilds.append(int(re.search(r"in (\d+) ms", line).group(1)) / 1000)  # type: ignore[union-attr]
    finally:
        watch.stop()
    median = statistics.median(delays)
    rebuild_ms = statistics.median(rebuilds) * 1000
    return [
        row(
            "`designdoc watch`: save to updated preview (median of 10 saves)",
            median,
            None,
            f"max {max(delays):.2f} s; of which the rebuild {rebuild_ms:.0f} ms",
        )
    ]


def _until(driver, script: str, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout, poll_frequency=0.005).until(lambda d: d.execute_script(script))


def watch_pdf_rows(
    designdoc: str, example: Path, tmp: Path, env: dict[str, str], cold_build_s: float, row: Row
) -> list[str]:
    """Save to rewritten PDF in watch mode (a warm process), against a cold `build`."""
    spec = tmp / "pdf" / example.name
    spec.parent.mkdir()
    spec.write_bytes(example.read_bytes())
    watch = Watch(designdoc, spec, env, "--pdf", "-o", str(tmp / "pdf" / "out"))
    times = []
    try:
        watch.wait(r" pdf ", 0, 300)  # the first PDF, made when the watch starts
        for n in range(5):
            start = time.time()
            _retitle(spec, f"PDF save {n}")
            times.append(watch.wait_time(r" pdf .* in ", start, 300) - start)
    finally:
        watch.stop()
    median = statistics.median(times)
    return [
        row(
            "`designdoc watch --pdf`: save to rewritten PDF (median of 5)",
            median,
            None,
            f"{median / cold_build_s:.2f}x a cold `build`",
        )
    ]


def timed(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    from run import timed_process

    results = [timed_process(argv, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def format_rows(
    designdoc: str, example: Path, tmp: Path, env: dict[str, str], runs: int, row: Row
) -> list[str]:
    rows = []
    for fmt, name in (("html", "self-contained HTML"), ("md", "Markdown and SVG figures")):
        seconds, memory = timed(
            [designdoc, "build", str(example), "-o", str(tmp / fmt), "--format", fmt], env, runs
        )
        rows.append(row(f"`build --format {fmt}` of the example ({name})", seconds, memory))
    return rows


def book_rows(designdoc: str, tmp: Path, env: dict[str, str], row: Row) -> list[str]:
    specs = str(ROOT / "specs")
    count = len(list((ROOT / "specs").glob("*.yaml")))
    one, one_mb = timed([designdoc, "book", specs, "-o", str(tmp / "b1.pdf"), "-j", "1"], env, 1)
    two, two_mb = timed([designdoc, "book", specs, "-o", str(tmp / "b2.pdf"), "-j", "2"], env, 1)
    return [
        row(f"study book of the {count} bundled specs, 1 job", one, one_mb, "peak of one process"),
        row(
            f"study book of the {count} bundled specs, 2 jobs",
            two,
            two_mb,
            f"{one / two:.2f}x faster; peak of the largest process",
        ),
    ]
