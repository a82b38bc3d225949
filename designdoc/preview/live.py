"""The authoring loop: watch a spec, rebuild it warm, push each state to the open pages.

Saves coalesce: while a rebuild runs, further saves only mark the spec as changed, and one
more rebuild follows from the file as it is then, so the latest edit always wins.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from designdoc.preview.hub import Hub
from designdoc.preview.pdf import BackgroundPdf, PdfResult
from designdoc.preview.server import PreviewServer
from designdoc.preview.session import PreviewSession, State
from designdoc.preview.watcher import start_watching, start_watching_folder

# An editor that saves by rename leaves no file for a moment; wait this long for it.
MISSING_GRACE_S = 0.3
STALE_CHECK_S = 0.5


class LivePreview:
    def __init__(
        self,
        spec: Path,
        *,
        port: int,
        on_rebuild: Callable[[State], None],
        pdf_dir: Path | None = None,
        on_pdf: Callable[[PdfResult], None] | None = None,
        paper: str | None = None,
        review: bool = True,
        overrides: Sequence[str] = (),
        theme: Path | None = None,
    ) -> None:
        self.spec = spec
        self.session = PreviewSession(
            spec, paper=paper, review=review, overrides=overrides, theme=theme
        )
        self.hub = Hub()
        self.on_rebuild = on_rebuild
        self.server = PreviewServer(
            port, self.hub, self.session.page_or_placeholder, lambda: self.session.document
        )
        self.pdf = (
            BackgroundPdf(
                spec,
                pdf_dir,
                on_pdf or (lambda _r: None),
                paper=paper,
                review=review,
                overrides=overrides,
            )
            if pdf_dir is not None
            else None
        )
        self._changed = threading.Event()
        self._theme_saved = threading.Event()  # a file of the theme changed: rebuild anyway
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        # The theme folder watched, with the event that stops its watch: the spec may name
        # another theme in a later save.
        self._theme_watch: tuple[Path, threading.Event] | None = None

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> State:
        """Watch, build once, then serve and rebuild in background threads."""
        self._threads.append(start_watching(self.spec, self._changed.set, self._stop))
        state = self._rebuild()
        self._threads.append(self.server.start())
        rebuilder = threading.Thread(target=self._loop, name="preview-rebuild", daemon=True)
        rebuilder.start()
        self._threads.append(rebuilder)
        return state

    def _loop(self) -> None:
        while not self._stop.is_set():
            # A save made while the watch was being set up has no event: the file's stamp
            # tells, checked whenever no event came for a while.
            if not self._changed.wait(STALE_CHECK_S) and not self.session.stale():
                continue
            self._changed.clear()
            if not self.spec.exists():
                deadline = time.monotonic() + MISSING_GRACE_S
                while not self.spec.exists() and time.monotonic() < deadline:
                    time.sleep(0.01)
            theme_saved = self._theme_saved.is_set()
            self._theme_saved.clear()
            if self.session.unchanged() and not theme_saved:
                continue
            self._rebuild()

    def _theme_changed(self) -> None:
        self._theme_saved.set()
        self._changed.set()

    def _follow_theme(self, folder: Path | None) -> None:
        """Watch the theme folder this rebuild used, and no other."""
        watched = self._theme_watch[0] if self._theme_watch else None
        if folder == watched:
            return
        if self._theme_watch is not None:
            self._theme_watch[1].set()
            self._theme_watch = None
        if folder is not None and folder.is_dir():
            stop = threading.Event()
            self._theme_watch = (folder, stop)
            self._threads.append(start_watching_folder(folder, self._theme_changed, stop))

    def _rebuild(self) -> State:
        self.hub.publish({**self.session.state.as_json(), "building": True})
        state = self.session.rebuild()
        if state.ok and not self._stop.is_set():
            self._follow_theme(self.session.theme_dir)
        self.hub.publish(state.as_json())
        self.on_rebuild(state)
        if state.ok and self.pdf is not None:
            self.pdf.request(self.session.source, self.session.theme_dir)
        return state

    def stop(self) -> None:
        """Stop watching and serving, let a PDF being written finish, remove scratch files."""
        self._stop.set()
        if self._theme_watch is not None:
            self._theme_watch[1].set()
        self.server.stop()
        for thread in self._threads:
            thread.join(timeout=2)
        if self.pdf is not None:
            self.pdf.close()
        self.session.close()
