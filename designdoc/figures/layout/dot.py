"""Running Graphviz `dot`, with fontconfig seeing the bundled fonts so text is measured right."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from designdoc.errors import BuildError, GraphvizMissingError
from designdoc.files.resources import fonts_dir

DOT_TIMEOUT_SECONDS = 120  # one run of dot
FIGURE_TIMEOUT_SECONDS = 180  # every run of dot for one figure (fitting tries several layouts)
TEXT_FORMATS = ("svg", "plain", "dot", "json")
_deadline: ContextVar[float | None] = ContextVar("dot_deadline", default=None)


def dot_program() -> str:
    """The path of `dot`; raises GraphvizMissingError when Graphviz is not installed."""
    found = shutil.which("dot")
    if found is None:
        raise GraphvizMissingError()
    return found


def fonts_conf() -> Path:
    """The packaged fontconfig file: the system's configuration plus the bundled fonts.

    It names the fonts folder relative to itself, so nothing is written at run time and
    no file in a shared temporary folder is ever trusted.
    """
    return fonts_dir() / "fonts.conf"


def dot_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(fonts_conf())
    return env


@contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Every `run_dot` inside shares one budget (FIGURE_TIMEOUT_SECONDS); past it, a BuildError."""
    budget = FIGURE_TIMEOUT_SECONDS if seconds is None else seconds
    token = _deadline.set(time.monotonic() + budget)
    try:
        yield
    finally:
        _deadline.reset(token)


def _timeout() -> float:
    deadline = _deadline.get()
    if deadline is None:
        return DOT_TIMEOUT_SECONDS
    left = deadline - time.monotonic()
    if left <= 0:
        raise BuildError(f"Graphviz took longer than {FIGURE_TIMEOUT_SECONDS}s in all")
    return min(DOT_TIMEOUT_SECONDS, left)


def run_dot(source: str, fmt: str = "svg", extra: tuple[str, ...] = ()) -> bytes:
    """Lay out and render a DOT source; returns the output bytes or raises BuildError."""
    command = [dot_program(), f"-T{fmt}", *extra]
    timeout = _timeout()
    try:
        done = subprocess.run(
            command,
            input=source.encode("utf-8"),
            capture_output=True,
            env=dot_environment(),
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"Graphviz took longer than {timeout:.0f}s") from exc
    except OSError as exc:
        raise BuildError(f"could not run Graphviz: {exc}") from exc
    if done.returncode != 0 or not done.stdout:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BuildError("Graphviz failed: " + (detail[-1] if detail else "no output"))
    if fmt in TEXT_FORMATS:
        try:
            done.stdout.decode("utf-8")
        except UnicodeDecodeError:
            raise BuildError(f"Graphviz wrote {fmt} output that is not UTF-8") from None
    return done.stdout


@cache
def dot_version() -> str:
    """`dot -V` output, part of the cache key (another Graphviz lays out differently)."""
    done = subprocess.run([dot_program(), "-V"], capture_output=True, check=False)
    return done.stderr.decode("utf-8", "replace").strip()
