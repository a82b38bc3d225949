"""A wall-clock limit for a stage that runs in this process (WeasyPrint's layout).

It uses SIGALRM, so it applies only in the main thread of a POSIX process (the CLI and its
batch workers); elsewhere the stage runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from designdoc.errors import BuildError


class StageTimeout(BuildError):
    """A stage ran past its time limit."""


@contextmanager
def time_limit(seconds: float, stage: str) -> Iterator[None]:
    """Raise StageTimeout naming `stage` when the block runs longer than `seconds`."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise StageTimeout(f"{stage} took longer than {seconds:g}s; stopped")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
