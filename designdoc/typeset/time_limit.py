"""A wall-clock limit for a stage that runs in this process (WeasyPrint's layout).

In the main thread of a POSIX process (the CLI, batch and book workers, `watch`'s PDF
process) the limit is SIGALRM. In any other thread (a program calling designdoc.build from
a thread) a timer raises the timeout into the thread instead. Either way the stage stops at
its next Python instruction: a single call into a C library (one Pango layout) finishes first.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType

from designdoc.errors import BuildError

AGAIN = 0.1  # seconds between a timeout that was dropped and the next one


class StageTimeout(BuildError):
    """A stage ran past its time limit."""


def _message(stage: str, seconds: float) -> str:
    return f"{stage} took longer than {seconds:g}s; stopped"


@contextmanager
def time_limit(seconds: float, stage: str) -> Iterator[None]:
    """Raise StageTimeout naming `stage` when the block runs longer than `seconds`."""
    if threading.current_thread() is not threading.main_thread():
        with _ThreadLimit(seconds, stage):
            yield
        return
    if not hasattr(signal, "setitimer"):
        yield
        return

    expired = False

    def expire(signum: int, frame: FrameType | None) -> None:
        nonlocal expired
        expired = True
        # Raised inside a garbage-collector callback or a __del__, the timeout is printed
        # and dropped: the alarm rings again until one reaches the stage's own code.
        signal.setitimer(signal.ITIMER_REAL, AGAIN)
        raise StageTimeout(_message(stage, seconds))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:  # every alarm was dropped and the stage finished: still past its limit
        raise StageTimeout(_message(stage, seconds))


class _ThreadLimit:
    """The limit for a thread that is not the main one: a timer thread raises into it.

    CPython raises an exception given as a class, so each limit gets its own StageTimeout
    subclass that carries the message. Once the block has ended no timeout is raised: one
    not yet delivered is withdrawn, and the overrun is reported as a StageTimeout anyway.
    """

    def __init__(self, seconds: float, stage: str) -> None:
        message = _message(stage, seconds)

        def init(self: StageTimeout) -> None:
            StageTimeout.__init__(self, message)

        self._expired_type = type("StageTimeout", (StageTimeout,), {"__init__": init})
        self._message = message
        self._seconds = seconds
        self._lock = threading.Lock()
        self._state = "running"
        self._target = threading.get_ident()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> None:
        self._timer.start()

    def _expire(self) -> None:
        with self._lock:
            if self._state not in ("running", "expired"):
                return
            self._state = "expired"
            _raise_in(self._target, self._expired_type)
            # Raised inside a garbage-collector callback or a __del__, it is dropped: it is
            # raised again until the block ends.
            self._timer = threading.Timer(AGAIN, self._expire)
            self._timer.daemon = True
            self._timer.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._timer.cancel()
        with self._lock:
            self._timer.cancel()  # one started again meanwhile
            expired = self._state == "expired"
            self._state = "done"
            if expired:
                _raise_in(self._target, None)  # withdraw it if it is still pending
        if expired:
            raise StageTimeout(self._message) from None


def _raise_in(thread_id: int, kind: type[BaseException] | None) -> None:
    """Have `thread_id` raise `kind` at its next instruction (None: withdraw a pending one)."""
    exception = ctypes.py_object(kind) if kind is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), exception)
