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


def watch_spec(spec: Path, on_save: Callable[[], None], stop: threading.Event) -> None:
    """Call `on_save` after each change to `spec` until `stop` is set (blocks; run in a thread)."""
    import watchfiles

    target = spec.resolve()

    def is_spec(_change: watchfiles.Change, path: str) -> bool:
        return Path(path).name == target.name

    for _changes in watchfiles.watch(
        target.parent,
        watch_filter=is_spec,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        recursive=False,
        raise_interrupt=False,
        rust_timeout=500,
    ):
        on_save()


def watch_folder(folder: Path, on_save: Callable[[], None], stop: threading.Event) -> None:
    """Call `on_save` after each change to any file under `folder` (a theme) until `stop`."""
    import watchfiles

    for _changes in watchfiles.watch(
        folder,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        recursive=True,
        raise_interrupt=False,
        rust_timeout=500,
    ):
        on_save()


def start_watching_folder(
    folder: Path, on_save: Callable[[], None], stop: threading.Event
) -> threading.Thread:
    thread = threading.Thread(
        target=watch_folder, args=(folder, on_save, stop), name="theme-watcher", daemon=True
    )
    thread.start()
    return thread


def start_watching(
    spec: Path, on_save: Callable[[], None], stop: threading.Event
) -> threading.Thread:
    thread = threading.Thread(
        target=watch_spec, args=(spec, on_save, stop), name="preview-watcher", daemon=True
    )
    thread.start()
    return thread
