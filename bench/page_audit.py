"""Count page problems in every bundled document on A4 and Letter, its worksheet, and the
study book of them all.

    .venv/bin/python bench/page_audit.py [--list] [--jobs N]

Near-empty pages mid-chapter, figures whose caption is on another page, text or drawings
in the margins and table rows alone on a page, from `designdoc.typeset.audit`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from designdoc.products.batch import Kind, plan_jobs, run_batch
from designdoc.products.book import build_book
from designdoc.typeset.audit import PageAudit, audit_pdf

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("near_empty", "caption_apart", "outside", "table_tails")


def main(argv: list[str]) -> int:
    show = "--list" in argv
    jobs = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else os.cpu_count() or 1
    specs = sorted((ROOT / "specs").glob("*.yaml"))
    totals = dict.fromkeys(("pages", *KINDS), 0)

    def count(name: str, audit: PageAudit) -> None:
        totals["pages"] += audit.pages
        for kind in KINDS:
            found = getattr(audit, kind)
            totals[kind] += len(found)
            if show:
                for problem in found:
                    print(f"{name}: {problem}")

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        planned = [
            *plan_jobs(specs, out / "a4", paper="a4"),
            *plan_jobs(specs, out / "letter", paper="letter"),
            *plan_jobs(specs, out / "a4", (Kind.practice,), paper="a4"),
        ]
        for outcome in run_batch(planned, jobs):
            if outcome.pdf is None:
                print(f"{outcome.job.spec.name}: not built: {outcome.errors}")
                continue
            paper = outcome.job.paper or "a4"
            level = 2 if outcome.job.kind is Kind.practice else 1
            count(f"{outcome.pdf.stem} {paper}", audit_pdf(outcome.pdf, paper, chapter_level=level))
        book = build_book(specs, out / "book.pdf", paper="a4", jobs=jobs)
        count("book a4", audit_pdf(book.pdf, "a4", chapter_level=2))
    for name, number in totals.items():
        print(f"{name:14} {number}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
