"""File names as shown to people: bytes that are not UTF-8 are written as `\\xNN` escapes."""

from __future__ import annotations

import os
from pathlib import PurePath


def shown(path: str | PurePath) -> str:
    """`path` as text any output can carry (terminal, JSON, PDF).

    Python decodes a file name that is not UTF-8 with surrogate escapes, which no UTF-8
    stream or PDF accepts; those bytes are shown as `\\xff` instead, so the name can still
    be recognised.
    """
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate that no file name decoding makes
        raw = str(path).encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")
