"""One spec kept warm: each rebuild reuses the imports, templates and figure cache.

An invalid save keeps the last good page and reports its problems; the state of each rebuild
is plain data that the server sends to the page as JSON.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from designdoc.errors import DesignDocError, Problem, SpecError
from designdoc.files.resources import templates_dir
from designdoc.pipeline import Clock, load, paper_of, prepare, theme_of
from designdoc.render.html import render_html
from designdoc.render.web import document_part, inline_styles, render_web


@dataclass(frozen=True)
class State:
    """What the page needs after a rebuild: whether it worked, and what to show."""

    version: int  # counts every rebuild
    doc_version: int  # the rebuild whose document the page shows (the last good one)
    ok: bool
    title: str
    seconds: float
    problems: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    building: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "doc_version": self.doc_version,
            "ok": self.ok,
            "title": self.title,
            "seconds": round(self.seconds, 3),
            "problems": self.problems,
            "findings": self.findings,
            "building": self.building,
        }


def _problems(exc: DesignDocError) -> list[dict[str, Any]]:
    if isinstance(exc, SpecError):
        return [
            {
                "headline": p.headline(),
                "frame": p.frame,
                "file": p.file,
                "line": p.line,
                "col": p.col,
            }
            for p in exc.problems
        ]
    return [{"headline": exc.message, "frame": "", "file": "", "line": 0, "col": 0}]


def _findings(review: Any) -> list[dict[str, Any]]:
    if review is None:
        return []
    return [
        {
            "severity": f.severity,
            "rule": f.rule,
            "step": f.step,
            "line": f.line,
            "col": f.col,
            "path": f.path,
            "message": f.message,
        }
        for f in review.findings
    ]


@cache
def _asset(name: str) -> Markup:
    """The preview's own script or stylesheet, inlined into the page."""
    return Markup((templates_dir() / "preview" / name).read_text(encoding="utf-8"))


def preview_parts(doc_version: int) -> dict[str, Any]:
    return {
        "doc_version": doc_version,
        "script": _asset("preview.js"),
        "style": _asset("preview.css"),
    }


def assignment_problems(spec_path: Path, overrides: Sequence[str]) -> list[Problem]:
    """What is wrong with `overrides` against the spec as it is now (bad paths and values);
    the spec's own problems are left to the preview, which shows them until a good save."""
    from designdoc.spec.overrides import assignment_problems as caused_by_assignments

    if not overrides:
        return []
    try:
        load(spec_path, overrides=overrides)
    except SpecError as exc:
        return caused_by_assignments(exc)
    except DesignDocError:
        return []
    return []


class PreviewSession:
    """Rebuilds one spec into a preview page; not thread-safe (one rebuild at a time).

    `overrides` (`path=value`) apply to every rebuild, as in `build --set`; `theme` is the
    folder `--theme` named, else each rebuild follows the spec's `document.theme`."""

    def __init__(
        self,
        spec_path: Path,
        *,
        paper: str | None = None,
        review: bool = True,
        overrides: Sequence[str] = (),
        theme: Path | None = None,
    ) -> None:
        self.spec_path = spec_path
        self.paper = paper
        self.review = review
        self.overrides = tuple(overrides)
        self.theme = theme
        self._scratch = tempfile.TemporaryDirectory(prefix="designdoc-preview-")
        self.figures_dir = Path(self._scratch.name)
        self.version = 0
        self.page = ""  # the last good page, whole
        self.document = ""  # its document part, which the page swaps in place
        self.state = State(0, 0, False, spec_path.name, 0.0)
        self.timings: dict[str, float] = {}
        self.source = b""  # the text of the last good spec, for the background PDF
        self.theme_dir: Path | None = None  # and the theme folder it was built with
        self.built_from: tuple[int, int, int] | None = None  # the file's stat at the last rebuild
        self.read: bytes | None = None  # the text the last rebuild read, valid or not

    def file_stamp(self) -> tuple[int, int, int] | None:
        try:
            stat = self.spec_path.stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def stale(self) -> bool:
        """Whether the file changed since the last rebuild began (a save no event reported)."""
        return self.file_stamp() != self.built_from

    def unchanged(self) -> bool:
        """Whether the file is as the last rebuild found it, stat and text: a second event of
        one save (an editor that truncates, then writes) needs no rebuild."""
        if self.file_stamp() != self.built_from:
            return False
        try:
            return self.spec_path.read_bytes() == self.read
        except OSError:
            return False

    def rebuild(self) -> State:
        start = time.perf_counter()
        self.built_from = self.file_stamp()
        self.version += 1
        clock = Clock()
        try:
            source = self.spec_path.read_bytes()
        except OSError:
            source = b""
        self.read = source
        try:
            loaded = load(self.spec_path, clock, self.overrides)
            context = prepare(
                loaded,
                self.figures_dir,
                paper=paper_of(loaded, self.paper),
                review=self.review,
                clock=clock,
                theme=(theme_dir := theme_of(loaded, self.theme)),
            )
            with clock.stage("web"):
                page = render_web(context, preview=preview_parts(self.version))
        except DesignDocError as exc:
            self.state = State(
                self.version,
                self.state.doc_version,
                False,
                self.state.title,
                time.perf_counter() - start,
                problems=_problems(exc),
                findings=self.state.findings,
            )
            return self.state
        self.page, self.document = page, document_part(page)
        self.source, self.theme_dir = source, theme_dir
        self.timings = clock.timings
        self.state = State(
            self.version,
            self.version,
            True,
            loaded.spec.title,
            time.perf_counter() - start,
            findings=_findings(context["review"]),
        )
        return self.state

    def page_or_placeholder(self) -> str:
        """The last good page, or, before any, an empty page that shows the problems."""
        if self.page:
            return self.page
        context = {
            "title": self.state.title,
            "preview": preview_parts(0),
            "inline_css": Markup(inline_styles(theme=self.theme)),
        }
        return render_html(context, "preview/placeholder.html.j2")

    def close(self) -> None:
        self._scratch.cleanup()
