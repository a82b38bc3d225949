"""The latest message for the pages, handed to every page waiting for a newer one.

Each page's event stream runs in its own thread and waits here; a message replaces the one
before it, so a page that falls behind gets the latest state and never a backlog.
"""

from __future__ import annotations

import threading
from typing import Any


class Hub:
    def __init__(self) -> None:
        self._message: dict[str, Any] = {}
        self._seq = 0
        self._changed = threading.Condition()
        self.closed = False

    def publish(self, message: dict[str, Any]) -> int:
        with self._changed:
            self._seq += 1
            self._message = {**message, "seq": self._seq}
            self._changed.notify_all()
            return self._seq

    def latest(self) -> tuple[int, dict[str, Any]]:
        with self._changed:
            return self._seq, self._message

    def wait_newer(self, seen: int, timeout: float) -> tuple[int, dict[str, Any]] | None:
        """The message after number `seen`, or None after `timeout` seconds or once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self._seq > seen, timeout)
            if self.closed or self._seq <= seen:
                return None
            return self._seq, self._message

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()
