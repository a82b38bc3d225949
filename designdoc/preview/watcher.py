"""Saves of one spec file, seen by watching its folder, and of the theme it is built with.

Watching the folder rather than the file catches every way an editor saves: writing in
place, or writing a new file and renaming it over the old one (which replaces the file a
watch on the file itself would follow). Changes arriving within `DEBOUNCE_MS` are one save.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

DEBOUNCE_MS = 40
STEP_MS = 10


def _watch(
    folder: Path,
    on_save: Callable[[], None],
    stop: threading.Event,
    *,
    only: str | None = None,
    recursive: bool = False,
) -> None:
    """Call `on_save` after each change in `folder` (to the file named `only`, if given)
    until `stop` is set (blocks; run in a thread)."""
    import watchfiles

    def wanted(_change: watchfiles.Change, path: str) -> bool:
        return only is None or Path(path).name == only

    for _changes in watchfiles.watch(
        folder,
        watch_filter=wanted,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        recursive=recursive,
        raise_interrupt=False,
        rust_timeout=500,
    ):
        on_save()


def _start(name: str, *args: object, **options: object) -> threading.Thread:
    thread = threading.Thread(target=_watch, args=args, kwargs=options, name=name, daemon=True)
    thread.start()
    return thread


def start_watching(
    spec: Path, on_save: Callable[[], None], stop: threading.Event
) -> threading.Thread:
    """Watch one spec file, through its folder."""
    target = spec.resolve()
    return _start("preview-watcher", target.parent, on_save, stop, only=target.name)


def start_watching_folder(
    folder: Path, on_save: Callable[[], None], stop: threading.Event
) -> threading.Thread:
    """Watch every file under a folder (a theme)."""
    return _start("theme-watcher", folder, on_save, stop, recursive=True)
