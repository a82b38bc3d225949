"""Scratch files and folders of this process, known so that an interrupted run removes them.

A build's scratch folder and the `.part` file of an atomic write are registered while they
exist; on SIGTERM or SIGINT the CLI's handler (`designdoc.files.interrupts`) removes what
this process registered, then exits. Each entry records the pid that made it: a forked
worker inherits its parent's registry but removes only its own entries.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from designdoc.errors import BuildError

_live: dict[str, int] = {}  # path -> the pid that made it
_SIGNALS = {signal.SIGINT, signal.SIGTERM}
# `.NAME.PID.RANDOM.part`: the temporary file write_atomic renames into place.
PART = re.compile(r"^\..+\.(?P<pid>\d+)\.[a-z0-9_]{8}\.part$")
STALE_SECONDS = 24 * 3600  # a .part this old is stale whoever made it


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while a scratch path and its registration change together."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def track(path: str | Path) -> None:
    _live[str(path)] = os.getpid()


def untrack(path: str | Path) -> None:
    _live.pop(str(path), None)


@contextlib.contextmanager
def scratch_dir(prefix: str = "designdoc-") -> Iterator[Path]:
    """A private (0700, randomly named) scratch folder, removed afterwards or on a signal."""
    with deferred_signals():
        try:
            folder = tempfile.mkdtemp(prefix=prefix)
        except OSError as exc:
            where = tempfile.gettempdir()
            raise BuildError(f"{where}: cannot create a scratch folder ({exc.strerror})") from None
        track(folder)
    try:
        yield Path(folder)
    finally:
        with deferred_signals():
            shutil.rmtree(folder, ignore_errors=True)
            untrack(folder)


def remove_own() -> None:
    """Remove every registered path this process made (the signal handler calls this)."""
    me = os.getpid()
    for path, owner in list(_live.items()):
        if owner != me:
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(path)
        _live.pop(path, None)


def remove_stale_parts(folder: Path) -> None:
    """Remove `.part` files and folders in `folder` left by a killed writer (its pid is
    gone, or they are old).

    A `.part` of a live process is never touched: concurrent builds to one folder go on.
    """
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(".") and entry.name.endswith(".part")):
                continue
            match = PART.match(entry.name)
            with contextlib.suppress(OSError):
                folder_part = entry.is_dir(follow_symlinks=False)  # a figures folder's
                if not (folder_part or entry.is_file(follow_symlinks=False)):
                    continue
                dead = match is not None and not _alive(int(match["pid"]))
                if dead or now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                    if folder_part:
                        shutil.rmtree(entry.path)
                    else:
                        os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no permission to ask: treat as alive
        return True
    return True
