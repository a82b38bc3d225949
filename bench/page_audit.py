"""Count page problems in every bundled document, on A4 and Letter.

    .venv/bin/python bench/page_audit.py [--list]

Near-empty pages mid-chapter, figures whose caption is on another page, text or drawings
in the margins and table rows alone on a page, from `designdoc.typeset.audit`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from designdoc import build
from designdoc.typeset.audit import audit_pdf

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    show = "--list" in argv
    totals = {"pages": 0, "near_empty": 0, "caption_apart": 0, "outside": 0, "table_tails": 0}
    with tempfile.TemporaryDirectory() as scratch:
        for spec in sorted((ROOT / "specs").glob("*.yaml")):
            for paper in ("a4", "letter"):
                out = Path(scratch) / paper
                pdf = build(spec, out, paper=paper).pdf
                audit = audit_pdf(pdf, paper)
                totals["pages"] += audit.pages
                for name in ("near_empty", "caption_apart", "outside", "table_tails"):
                    found = getattr(audit, name)
                    totals[name] += len(found)
                    if show:
                        for problem in found:
                            print(f"{spec.stem} {paper}: {problem}")
    for name, count in totals.items():
        print(f"{name:14} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
