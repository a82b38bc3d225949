"""SIGTERM and SIGINT end a run cleanly: scratch folders and `.part` files removed, exit 128+N.

The handler removes what this process registered (`designdoc.files.scratch`). In the main
process it first stops the batch workers (each removes its own scratch the same way) and
then raises `Interrupted`, so the progress display and open files unwind normally; a worker
exits at once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from types import FrameType

from designdoc.files import scratch

SIGNALS = (signal.SIGTERM, signal.SIGINT)
WORKER_GRACE_SECONDS = 10


class Interrupted(BaseException):
    """The run was stopped by a signal; `exit_code` is the shell's convention, 128 + N."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.exit_code = 128 + signum


def install() -> None:
    """Handle SIGTERM and SIGINT in this process (and in workers it forks)."""
    for signum in SIGNALS:
        signal.signal(signum, _handle)


def installed() -> bool:
    return signal.getsignal(signal.SIGTERM) is _handle


def _handle(signum: int, frame: FrameType | None) -> None:
    for other in SIGNALS:  # a second signal while cleaning up changes nothing
        signal.signal(other, signal.SIG_IGN)
    scratch.remove_own()
    if multiprocessing.parent_process() is not None:
        os._exit(128 + signum)  # a batch worker: its parent reports the interruption
    _stop_workers()
    raise Interrupted(signum)


def _stop_workers() -> None:
    workers = multiprocessing.active_children()
    for worker in workers:
        worker.terminate()  # SIGTERM: the worker's own handler removes its scratch
    for worker in workers:
        worker.join(WORKER_GRACE_SECONDS)
