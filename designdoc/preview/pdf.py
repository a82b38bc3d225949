"""The PDF remade after each valid save, in one warm background process, one at a time.

Each request carries the text of a spec that built: a save that arrives while a PDF is being
made is remembered, not queued, and when the running build ends one more starts from the
latest valid text, so an invalid save in between never fails the PDF. The preview never
waits for it.
"""

from __future__ import annotations

import signal
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from designdoc.errors import DesignDocError


@dataclass(frozen=True)
class PdfResult:
    pdf: Path | None
    seconds: float
    error: str = ""


def _quiet_worker() -> None:
    # Ctrl-C reaches the whole process group; the parent decides when the worker stops, so a
    # PDF being written is finished (or cleaned up by write_atomic) rather than torn.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def make_pdf(
    spec: Path,
    output_dir: Path,
    paper: str | None,
    review: bool,
    output_name: str,
    overrides: tuple[str, ...] = (),
    theme: Path | None = None,
) -> PdfResult:
    """Build the PDF (in the worker process); user errors come back as text."""
    from designdoc.products.document import build

    start = time.perf_counter()
    try:
        result = build(
            spec,
            output_dir,
            paper=paper,
            review=review,
            output_name=output_name,
            overrides=overrides,
            theme=theme,
        )
    except DesignDocError as exc:
        return PdfResult(None, time.perf_counter() - start, exc.message.splitlines()[0])
    return PdfResult(result.pdf, time.perf_counter() - start)


class BackgroundPdf:
    def __init__(
        self,
        spec: Path,
        output_dir: Path,
        report: Callable[[PdfResult], None],
        *,
        paper: str | None = None,
        review: bool = True,
        overrides: Sequence[str] = (),
    ) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix="designdoc-pdf-")
        self.snapshot = Path(self._scratch.name) / spec.name  # same name: same "source" line
        self.args = (self.snapshot, output_dir, paper, review, spec.stem, tuple(overrides))
        self.report = report
        self._pool = ProcessPoolExecutor(max_workers=1, initializer=_quiet_worker)
        self._lock = threading.RLock()  # a done callback may run inside submit
        self._running: Future[PdfResult] | None = None
        self._again: tuple[bytes, Path | None] | None = None
        self._closed = False

    def request(self, source: bytes, theme: Path | None = None) -> None:
        """Make the PDF of `source` now, or once the one being made is done; `theme` is the
        folder the preview resolved (the snapshot lies elsewhere than the spec)."""
        with self._lock:
            if self._closed:
                return
            if self._running is not None:
                self._again = (source, theme)
                return
            self._start(source, theme)

    def _start(self, source: bytes, theme: Path | None) -> None:
        self.snapshot.write_bytes(source)
        self._running = self._pool.submit(make_pdf, *self.args, theme)
        self._running.add_done_callback(self._finished)

    def _finished(self, future: Future[PdfResult]) -> None:
        if not future.cancelled():
            try:
                result = future.result()
            except Exception as exc:  # the worker died
                result = PdfResult(None, 0.0, f"the PDF process failed: {exc!r}")
            self.report(result)
        with self._lock:
            self._running = None
            if self._again is not None and not self._closed:
                (source, theme), self._again = self._again, None
                self._start(source, theme)

    def close(self) -> None:
        """Let a PDF being written finish, start no other, and stop the worker."""
        with self._lock:
            self._closed = True
            self._again = None
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._scratch.cleanup()
