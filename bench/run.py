"""Time designdoc as a user runs it; prints a Markdown table for the README.

Whole-process wall times are medians of several runs; peak memory is the largest resident
set of those runs. The floor is WeasyPrint alone typesetting the very HTML designdoc renders.

    .venv/bin/python bench/run.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "specs" / "video_recommendation.yaml"
BIN = Path(sys.executable).parent


def timed_process(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        raise SystemExit(
            f"{' '.join(argv)} failed: {proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def median_of(runs: int, argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    results = [timed_process(argv, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def stage_medians(runs: int, out: Path) -> dict[str, float]:
    from designdoc.products.document import build

    samples = [build(EXAMPLE, out).timings for _ in range(runs)]
    return {stage: statistics.median(s[stage] for s in samples) for stage in samples[0]}


def final_html(folder: Path) -> Path:
    """designdoc's final HTML for the example, with its figures beside it."""
    from designdoc.figures import draw_figures
    from designdoc.pipeline import load
    from designdoc.render.context import build_context
    from designdoc.render.html import render_html
    from designdoc.review import review

    loaded = load(EXAMPLE)
    figures = draw_figures(loaded.spec, folder)
    context = build_context(
        loaded.spec, source_name=EXAMPLE.name, review=review(loaded), figures=figures
    )
    page = folder / "document.html"
    page.write_text(render_html(context), encoding="utf-8")
    return page


def fresh_cache(tmp: Path) -> dict[str, str]:
    """An environment whose figure cache is empty."""
    return {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(dir=tmp)}


def row(name: str, seconds: float, memory: float | None = None, note: str = "") -> str:
    mem = f"{memory:.0f} MB" if memory is not None else ""
    return f"| {name} | {seconds:.2f} s | {mem} | {note} |"


def library_rows(designdoc: str, tmp: Path, env: dict[str, str]) -> list[str]:
    """All eleven bundled specs: the batch build with 1 and 2 jobs.

    One run each (they take tens of seconds); figures come from the warm cache, as in use.
    """
    specs = ROOT / "specs"
    timed_process([designdoc, "build", str(specs), "-o", str(tmp / "warm"), "-j", "2"], env)
    one, _ = timed_process([designdoc, "build", str(specs), "-o", str(tmp / "j1"), "-j", "1"], env)
    two, _ = timed_process([designdoc, "build", str(specs), "-o", str(tmp / "j2"), "-j", "2"], env)
    count = len(list(specs.glob("*.yaml")))
    return [
        row(f"batch build of the {count} bundled specs, 1 job", one),
        row(
            f"batch build of the {count} bundled specs, 2 jobs",
            two,
            None,
            f"{one / two:.2f}x faster",
        ),
    ]


def authoring_rows(designdoc: str, tmp: Path, env: dict[str, str], runs: int) -> list[str]:
    """The live preview, watch-mode PDFs, HTML and Markdown builds, the book with 1 and 2 jobs."""
    import authoring

    build = [designdoc, "build", str(EXAMPLE), "-o", str(tmp / "cold")]
    cold_s = statistics.median(timed_process(build, fresh_cache(tmp))[0] for _ in range(runs))
    return [
        *authoring.preview_rows(designdoc, EXAMPLE, tmp, env, row),
        *authoring.watch_pdf_rows(designdoc, EXAMPLE, tmp, env, cold_s, row),
        *authoring.format_rows(designdoc, EXAMPLE, tmp, env, runs, row),
        *authoring.book_rows(designdoc, tmp, env, row),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only",
        choices=("authoring",),
        help="Only the authoring loop's rows (watch, formats, book).",
    )
    args = parser.parse_args()
    runs = args.runs
    designdoc = str(BIN / "designdoc")
    lines = ["| what | median wall time | peak memory | note |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}
        build = [designdoc, "build", str(EXAMPLE), "-o", str(tmp)]
        timed_process(build, env)  # warm the figure and template caches
        if args.only == "authoring":
            lines += authoring_rows(designdoc, tmp, env, runs)
            print("\n".join(lines))
            return
        (tmp / "floor").mkdir()
        page = final_html(tmp / "floor")
        floor = [sys.executable, "-m", "weasyprint", str(page), str(tmp / "floor.pdf")]
        # Build and floor alternate, so that a noisy neighbour slows both alike.
        pairs = [(timed_process(build, env), timed_process(floor)) for _ in range(runs)]
        build_s = statistics.median(b[0] for b, _ in pairs)
        build_mb = max(b[1] for b, _ in pairs)
        floor_s = statistics.median(f[0] for _, f in pairs)
        ratio = statistics.median(b[0] / f[0] for b, f in pairs)
        cold_s = statistics.median(timed_process(build, fresh_cache(tmp))[0] for _ in range(runs))
        validate_s, validate_mb = median_of(runs, [designdoc, "validate", str(EXAMPLE)])
        check_s, _ = median_of(runs, [designdoc, "check", str(EXAMPLE)])
        lines.append(
            row(
                "`designdoc build` of the example (figures cached)",
                build_s,
                build_mb,
                f"{ratio:.2f}x the floor (median of paired runs)",
            )
        )
        lines.append(row("`designdoc build` of the example (cold figure cache)", cold_s))
        lines.append(row("floor: WeasyPrint alone on the same final HTML", floor_s))
        lines.append(row("`designdoc validate` of the example", validate_s, validate_mb))
        lines.append(row("`designdoc check` of the example", check_s))
        stages = stage_medians(runs, tmp)
        lines += library_rows(designdoc, tmp, env)
        lines += authoring_rows(designdoc, tmp, env, runs)
    lines.append("")
    lines.append("| stage (in-process, cached figures) | median |")
    lines.append("|---|---|")
    lines += [f"| {stage} | {seconds * 1000:.0f} ms |" for stage, seconds in stages.items()]
    report = "\n".join(lines)
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.md").write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
