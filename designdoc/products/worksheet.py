"""The practice worksheet: the problem as an interviewer states it, then room to answer.

Step 1 (the requirements and the clarifying dialogue) is given; every later step lists its
questions with ruled lines to answer by hand. The spec's own design follows as an answer
appendix, unless `answers` is off.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from designdoc import __version__
from designdoc.authoring.questions import STEPS, Step
from designdoc.files.names import shown
from designdoc.files.output import ensure_dir, write_atomic
from designdoc.files.scratch import scratch_dir
from designdoc.pipeline import BuildResult, Clock, load, paper_of
from designdoc.render.html import stylesheet_uris
from designdoc.render.page import PAPERS
from designdoc.spec.loader import LoadedSpec
from designdoc.spec.vocab import Category

if TYPE_CHECKING:
    from designdoc.products.parts import Part

LINES_PER_QUESTION = 4
ANSWER_STEPS = (2, 3, 4, 5, 6, 7)


def worksheet_questions(step: Step, category: Category | None) -> tuple[str, ...]:
    """A step's questions; the category's own ones only after framing, so as not to give
    the framing away."""
    from designdoc.authoring.questions import questions_for

    return questions_for(step, category if step.number > 2 else None)


def practice_context(loaded: LoadedSpec, paper: str, answers: Part | None = None) -> dict[str, Any]:
    spec = loaded.spec
    steps = [(s, worksheet_questions(s, spec.framing.category)) for s in STEPS if s.number > 1]
    return {
        "spec": spec,
        "version": __version__,
        "source_name": shown(loaded.path.name),
        "paper": PAPERS[paper],
        "steps": steps,
        "lines": LINES_PER_QUESTION,
        "answers": answers,
        "stylesheets": stylesheet_uris(
            "document/document.css", "document/review.css", "worksheet/worksheet.css"
        ),
    }


def render_practice(
    loaded: LoadedSpec, paper: str, *, answers: bool, clock: Clock
) -> tuple[bytes, list[str], int]:
    from designdoc.products.parts import render_part
    from designdoc.render.html import render_html
    from designdoc.typeset.pdf import typeset

    with scratch_dir(prefix="designdoc-practice-") as scratch:
        part = None
        if answers:
            part = render_part(
                loaded, 1, Path(scratch), paper=paper, steps=ANSWER_STEPS, clock=clock
            )
        with clock.stage("html"):
            html = render_html(practice_context(loaded, paper, part), "worksheet/worksheet.html.j2")
        with clock.stage("pdf"):
            result = typeset(html, Path(scratch))
            return result.pdf, list(result.warnings), result.pages


def build_practice(
    spec_path: str | Path,
    output_dir: str | Path = "output",
    *,
    paper: str | None = None,
    answers: bool = True,
    output_name: str | None = None,
) -> BuildResult:
    """Build the worksheet of a spec into `output_dir/<name>-practice.pdf`."""
    clock = Clock()
    loaded = load(Path(spec_path), clock)
    target = ensure_dir(Path(output_dir)) / f"{output_name or loaded.name + '-practice'}.pdf"
    pdf, warnings, pages = render_practice(
        loaded, paper_of(loaded, paper), answers=answers, clock=clock
    )
    with clock.stage("write"):
        write_atomic(target, pdf)
    return BuildResult(loaded, target, clock.timings, warnings, pages)
