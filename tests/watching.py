"""Run `designdoc watch` as a user does: a process of its own, read until it serves."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Watch:
    process: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)

    def wait_for_line(self, pattern: str, timeout: float = 30.0, nth: int = 1) -> str:
        """The `nth` line printed that matches `pattern`, waiting for it up to `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in list(self.lines) if re.search(pattern, line)]
            if len(found) >= nth:
                return found[nth - 1]
            time.sleep(0.05)
        raise AssertionError(f"no line {nth} matching {pattern!r} in {self.lines}")


def _reader(stream: object, out: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        out.put(line.rstrip("\n"))


@contextmanager
def watching(*args: str, tmpdir: Path, cwd: Path | None = None) -> Iterator[Watch]:
    """Start `designdoc watch ARGS` with its scratch files under `tmpdir`; stop it after."""
    env = {**os.environ, "TMPDIR": str(tmpdir), "COLUMNS": "200"}
    process = subprocess.Popen(
        [sys.executable, "-m", "designdoc", "watch", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=cwd,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    watch = Watch(process, "")
    threading.Thread(target=_collect, args=(lines, watch), daemon=True).start()
    try:
        line = watch.wait_for_line(r"serving http://127\.0\.0\.1:\d+/", timeout=60)
        watch.url = re.search(r"http://\S+/", line).group(0)  # type: ignore[union-attr]
        yield watch
    finally:
        if process.poll() is None:
            process.send_signal(2)  # SIGINT, as Ctrl-C
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _collect(lines: queue.Queue[str], watch: Watch) -> None:
    while True:
        watch.lines.append(lines.get())
