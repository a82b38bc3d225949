"""Compiled templates kept between runs, each file verified by a digest before it is loaded.

Jinja's own file cache unmarshals whatever it finds; a truncated or bit-flipped file then
fails every later render. Here each file is the SHA-256 of its body and the body (Jinja's
bytecode, which carries its own Python-version header and the template's checksum); a file
whose digest does not match is removed with one warning line and the template compiled anew.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from pathlib import Path

import jinja2

from designdoc.files import scratch
from designdoc.files.private import private_dir

log = logging.getLogger("designdoc.cache")
DIGEST = hashlib.sha256().digest_size
SUFFIX = ".v1.jinja"


class VerifiedBytecodeCache(jinja2.BytecodeCache):
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}{SUFFIX}"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self._path(bucket)
        try:
            data = path.read_bytes()
        except OSError:
            return  # a miss (or an unreadable file, which the next dump replaces)
        body = data[DIGEST:]
        if len(data) <= DIGEST or hashlib.sha256(body).digest() != data[:DIGEST]:
            self._discard(path, "it does not match its digest")
            return
        try:
            bucket.bytecode_from_string(body)
        except Exception:  # a body that verifies but will not load: same treatment
            bucket.reset()
            self._discard(path, "it cannot be loaded")

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        body = bucket.bytecode_to_string()
        data = hashlib.sha256(body).digest() + body
        with contextlib.suppress(OSError):
            with scratch.deferred_signals():  # a signal removes the .part; SIGKILL's goes later
                fd, tmp = tempfile.mkstemp(
                    prefix=f".{bucket.key}.{os.getpid()}.", suffix=".part", dir=self.folder
                )
                scratch.track(tmp)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, self._path(bucket))
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            finally:
                scratch.untrack(tmp)

    def clear(self) -> None:
        for path in self.folder.glob(f"*{SUFFIX}"):
            with contextlib.suppress(OSError):
                path.unlink()

    @staticmethod
    def _discard(path: Path, why: str) -> None:
        log.warning("warning: discarded the damaged compiled template %s (%s)", path, why)
        with contextlib.suppress(OSError):
            path.unlink()


def template_cache(folder: Path) -> VerifiedBytecodeCache | None:
    """The cache in `folder`, or None when the folder is not private and usable."""
    usable = private_dir(folder)
    if usable is None:
        return None
    scratch.remove_stale_parts(usable)
    return VerifiedBytecodeCache(usable)
