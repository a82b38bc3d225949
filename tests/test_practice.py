"""The practice worksheet: the problem, questions with ruled space, and optional answers."""

from __future__ import annotations

from pypdf import PdfReader
from typer.testing import CliRunner

from designdoc.authoring.questions import STEPS
from designdoc.cli.main import app
from designdoc.products.worksheet import build_practice, worksheet_questions
from designdoc.spec.vocab import Category

SPEC = """\
designdoc: 1
title: Spam filter
summary: A secret answer that must not appear before the appendix.
requirements:
  business_objective: Keep inboxes free of spam.
  clarifications:
    - {question: "How many messages a day?", answer: About 1B.}
framing:
  category: binary
  ml_objective: Predict the probability that a message is spam.
model:
  baseline: {name: Keyword rules}
"""


def _text(path):
    reader = PdfReader(path)
    return reader, [page.extract_text() for page in reader.pages]


def test_worksheet_with_answers(tmp_path):
    spec = tmp_path / "spam.yaml"
    spec.write_text(SPEC)
    result = build_practice(spec, tmp_path)
    assert result.pdf.name == "spam-practice.pdf"
    reader, pages = _text(result.pdf)
    first = pages[0]
    assert "Keep inboxes free of spam." in first and "About 1B." in first
    answers_at = next(i for i, t in enumerate(pages) if "Answers" in t and "appendix" in t.lower())
    before = "\n".join(pages[:answers_at])
    assert "What simple baseline must any model beat?" in before
    assert "Predict the probability" not in before and "Keyword rules" not in before
    after = "\n".join(pages[answers_at:])
    assert "Predict the probability" in after and "Keyword rules" in after
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[-1] == "Answers"


def test_no_answers_leaves_the_appendix_out(tmp_path):
    spec = tmp_path / "spam.yaml"
    spec.write_text(SPEC)
    result = CliRunner().invoke(
        app, ["build", "--practice", "--no-answers", str(spec), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    reader, pages = _text(tmp_path / "spam-practice.pdf")
    assert not any("Keyword rules" in t for t in pages)
    assert "Answers" not in [o.title for o in reader.outline if not isinstance(o, list)]


def test_framing_questions_do_not_give_the_category_away():
    framing = next(s for s in STEPS if s.key == "framing")
    serving = next(s for s in STEPS if s.key == "serving")
    ranking = Category.learning_to_rank
    assert worksheet_questions(framing, ranking) == framing.questions
    assert len(worksheet_questions(serving, ranking)) > len(serving.questions)
