"""Many specs at once: find them, name their outputs, build them in worker processes.

A worker never raises: it returns an `Outcome` of plain data (exceptions with custom
constructors do not survive pickling), and the caller reports every failure at the end.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from designdoc.errors import DesignDocError, SpecError

SPEC_SUFFIXES = (".yaml", ".yml")


class Kind(StrEnum):
    """What a build makes of a spec; each kind has its own file name suffix."""

    document = "document"
    sheet = "sheet"
    practice = "practice"

    @property
    def suffix(self) -> str:
        return "" if self is Kind.document else f"-{self.value}"


@dataclass(frozen=True)
class Job:
    """One PDF to make: which spec, which kind, where, with which options."""

    spec: Path
    kind: Kind
    output_dir: Path
    name: str
    paper: str | None = None
    review: bool = True
    answers: bool = True
    formats: tuple[str, ...] = ("pdf",)  # of a document: pdf, html, md
    theme: str | None = None  # a theme name or folder, for documents
    overrides: tuple[str, ...] = ()  # `path=value` assignments applied before validation
    pdf_variant: str | None = None  # PDF/A or PDF/UA for documents


@dataclass
class Outcome:
    """What became of a job: the PDF written, or the error lines to show."""

    job: Job
    pdf: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (headline, code frame)
    bug: str = ""  # a traceback, when the failure is not a user error
    outputs: list[Path] = field(default_factory=list)  # every file written

    @property
    def ok(self) -> bool:
        return self.pdf is not None


def collect_specs(paths: Iterable[Path]) -> list[Path]:
    """Spec files named directly, plus every *.yaml / *.yml under the folders named (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SPEC_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _candidate(path: Path, depth: int) -> str:
    parts = path.resolve().with_suffix("").parts[-depth:]
    return "-".join(p.strip("/\\") or "root" for p in parts)


def output_names(specs: Sequence[Path]) -> list[str]:
    """A distinct, deterministic output name per spec: its stem, widened by parent folders
    where stems collide (`a/x.yaml`, `b/x.yaml` -> `a-x`, `b-x`); case never decides."""
    depth = [1] * len(specs)
    for _ in range(64):
        names = [_candidate(p, d) for p, d in zip(specs, depth, strict=True)]
        groups: dict[str, list[int]] = {}
        for index, name in enumerate(names):
            groups.setdefault(name.lower(), []).append(index)
        clashes = [ix for ix in groups.values() if len(ix) > 1]
        if not clashes:
            return names
        for indexes in clashes:
            for index in indexes:
                depth[index] += 1
    counts: dict[str, int] = {}
    unique = []
    for name in names:  # the same path cannot be widened apart: number the repeats
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
        unique.append(name if counts[name.lower()] == 1 else f"{name}-{counts[name.lower()]}")
    return unique


def plan_jobs(
    specs: Sequence[Path],
    output_dir: Path,
    kinds: Sequence[Kind] = (Kind.document,),
    *,
    paper: str | None = None,
    review: bool = True,
    answers: bool = True,
    formats: tuple[str, ...] = ("pdf",),
    theme: str | None = None,
    overrides: Sequence[str] = (),
    pdf_variant: str | None = None,
) -> list[Job]:
    """One job per spec and kind, each with its own output name."""
    names = output_names(specs)
    return [
        Job(
            spec,
            kind,
            output_dir,
            name + kind.suffix,
            paper,
            review,
            answers,
            formats,
            theme,
            tuple(overrides),
            pdf_variant,
        )
        for spec, name in zip(specs, names, strict=True)
        for kind in kinds
    ]


def error_lines(exc: DesignDocError) -> list[tuple[str, str]]:
    if isinstance(exc, SpecError):
        lines = [(p.headline(), p.frame) for p in exc.problems]
        if exc.omitted and exc.problems:
            lines.append((f"{exc.problems[0].file}: and {exc.omitted} more problems", ""))
        return lines
    return [(exc.message, "")]


def _make(job: Job) -> Outcome:
    from designdoc.products.document import build_formats

    if job.kind is Kind.sheet:
        from designdoc.products.sheet import build_sheet

        result = build_sheet(job.spec, job.output_dir, paper=job.paper, output_name=job.name)
    elif job.kind is Kind.practice:
        from designdoc.products.worksheet import build_practice

        result = build_practice(
            job.spec, job.output_dir, paper=job.paper, answers=job.answers, output_name=job.name
        )
    else:
        result = build_formats(
            job.spec,
            job.output_dir,
            job.formats,
            paper=job.paper,
            review=job.review,
            output_name=job.name,
            theme=job.theme,
            overrides=job.overrides,
            pdf_variant=job.pdf_variant,
        )
    outputs = result.outputs if getattr(result, "outputs", None) else [result.pdf]
    return Outcome(job, result.pdf, result.timings, result.warnings, outputs=outputs)


def run_job(job: Job) -> Outcome:
    """Build one job; module-level so that worker processes can import and run it."""
    try:
        return _make(job)
    except DesignDocError as exc:
        return Outcome(job, errors=error_lines(exc))
    except Exception as exc:  # a bug: keep the traceback, but let the other specs finish
        return Outcome(
            job, errors=[(f"{job.spec}: internal error: {exc!r}", "")], bug=traceback.format_exc()
        )


def _worker_setup(handle_signals: bool) -> None:
    """A worker handles SIGTERM/SIGINT as its parent does, whatever the start method."""
    if handle_signals:
        from designdoc.files import interrupts

        interrupts.install()


def default_jobs() -> int:
    return os.cpu_count() or 1


def run_batch(
    jobs: Sequence[Job], workers: int, on_done: Callable[[Outcome], None] | None = None
) -> list[Outcome]:
    """Run every job, in `workers` processes (in this process when 1); results in job order."""
    report = on_done or (lambda _outcome: None)
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        outcomes = []
        for job in jobs:
            outcomes.append(run_job(job))
            report(outcomes[-1])
        return outcomes
    results: dict[int, Outcome] = {}
    from designdoc.files.interrupts import installed

    with ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_setup, initargs=(installed(),)
    ) as pool:
        futures = {pool.submit(run_job, job): index for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            job = jobs[futures[future]]
            try:
                outcome = future.result()
            except Exception as exc:  # the worker itself died (killed, out of memory...)
                outcome = Outcome(job, errors=[(f"{job.spec}: the worker failed: {exc!r}", "")])
            results[futures[future]] = outcome
            report(outcome)
    return [results[index] for index in range(len(jobs))]
