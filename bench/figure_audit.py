"""Count label problems in every figure of every bundled spec, on A4 and Letter.

    .venv/bin/python bench/figure_audit.py [--list]

Prints, per figure kind, how many figures have labels crossing their shapes' borders, and
the totals of crossing labels, overprinted edge labels, edge labels on boxes or away from
their edge, edges through cluster titles or through other edges' labels, and labels cut
with an ellipsis. `--list` prints every problem found.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from designdoc import load_spec
from designdoc.figures import draw_figures
from designdoc.figures.audit import audit_svg

ROOT = Path(__file__).resolve().parent.parent
PAPERS = ("a4", "letter")
NAMES = (
    "crossing",
    "overprinted",
    "on_nodes",
    "astray",
    "through_titles",
    "crossed_labels",
    "outside",
    "truncated",
)


def main(argv: list[str]) -> int:
    show = "--list" in argv
    totals: Counter[str] = Counter()
    figures_with_crossing: Counter[str] = Counter()
    figures: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as scratch:
        for spec_path in sorted((ROOT / "specs").glob("*.yaml")):
            spec = load_spec(spec_path).spec
            for paper in PAPERS:
                out = Path(scratch) / f"{spec_path.stem}-{paper}"
                for figure in draw_figures(spec, out, paper=paper):
                    audit = audit_svg(figure.path.read_text("utf-8"))
                    figures[figure.kind] += 1
                    figures_with_crossing[figure.kind] += bool(audit.crossing)
                    for name in NAMES:
                        found = getattr(audit, name)
                        totals[name] += len(found)
                        if show:
                            for problem in found:
                                print(f"{spec_path.stem} {paper} {figure.id}: {problem}")
                    totals["labels"] += audit.labels
                    totals["edge_labels"] += audit.edge_labels
    for kind in sorted(figures):
        print(f"{kind:13} {figures_with_crossing[kind]:3} of {figures[kind]:3} figures cross")
    for name in ("labels", "edge_labels", *NAMES):
        print(f"{name:14} {totals[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
