"""Per-user private folders for what designdoc keeps outside the output folder (its caches)."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("designdoc.cache")


def private_dir(folder: Path) -> Path | None:
    """`folder`, created 0700 if missing, when it is a real folder this user alone owns.

    None when it cannot be used: then a cache is skipped, never trusted. A folder that
    exists but belongs to someone else, or is a link, is named in one warning line.
    """
    try:
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # designdoc's own folder
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None  # unwritable or in the way: run without the cache, as before
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        log.warning("warning: %s: not a folder of this user's; the cache is not used", folder)
        return None
    if info.st_mode & 0o077:
        try:
            os.chmod(folder, 0o700)
        except OSError:
            return None
    return folder
