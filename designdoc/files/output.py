"""Writing output safely: a temporary file beside the target, renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from designdoc.errors import OutputError
from designdoc.files import scratch


def ensure_dir(folder: Path) -> Path:
    """Create `folder` if missing; a clear error when it cannot be, or is not writable."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: exists and is not a folder") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder ({exc.strerror})") from None
    # Try it: permission bits do not tell root about read-only or special file systems.
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        reason = f" ({exc.strerror})" if exc.strerror else ""
        raise OutputError(f"{folder}: the output folder is not writable{reason}") from None
    return folder


def write_atomic(target: Path, data: bytes) -> Path:
    """Write `data` to `target` all at once: readers see the old file or the new, never half."""
    ensure_dir(target.parent if str(target.parent) else Path("."))
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name")
    scratch.remove_stale_parts(target.parent)
    with scratch.deferred_signals():  # the .part is registered the moment it exists
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent
        )
        scratch.track(tmp)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        with scratch.deferred_signals():
            os.replace(tmp, target)
            scratch.untrack(tmp)
    except OSError as exc:
        _discard(tmp)
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        _discard(tmp)
        raise
    return target


def _discard(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    scratch.untrack(tmp)
