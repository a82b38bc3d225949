"""How the review reports: a missing section in words, accepted findings outside coverage,
the what-if line of `check --set`, and each finding's "Why:" in the review appendix."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from typer.testing import CliRunner

from designdoc import load_spec
from designdoc.cli.main import app
from designdoc.review import review

ROOT = Path(__file__).resolve().parent.parent

SPEC = """\
# a comment first, so the document starts on line 2
designdoc: 1
title: Slips
requirements:
  business_objective: More bookings.
  out_of_scope: [Payments]
  scale: {dau: 1M, requests_per_user_per_day: 10}
  performance: {latency_budget: 100ms}
framing:
  ml_objective: Predict the chance that a shown listing is booked.
  category: regression
serving:
  prediction: online
  rollout: {shadow: true}
"""


def test_a_missing_section_is_named_in_words(write_spec) -> None:  # type: ignore[no-untyped-def]
    result = review(load_spec(write_spec(SPEC)))
    drift = next(f for f in result.findings if f.rule == "MON001")
    assert (drift.line, drift.col) == (2, 1)  # the document's start: the section is nowhere
    assert drift.message.endswith(
        "(the spec has no `monitoring:` section; add it at the top level)"
    )
    rollback = next(f for f in result.findings if f.rule == "TST004")
    assert "section" not in rollback.message  # serving is there; only the field is missing


def test_accepted_findings_do_not_cost_coverage(write_spec) -> None:  # type: ignore[no-untyped-def]
    def serving_share(text: str) -> float | None:
        result = review(load_spec(write_spec(text)))
        assert any(f.rule == "TST004" for f in result.findings)
        return next(c.share for c in result.coverage if c.step == 6)

    open_share = serving_share(SPEC)
    accepted = SPEC + "review:\n  notes: {TST004: The model is rebuilt from scratch each day.}\n"
    accepted_share = serving_share(accepted)
    assert open_share is not None and accepted_share is not None
    assert accepted_share > open_share


def test_check_with_set_says_it_is_a_what_if(write_spec) -> None:  # type: ignore[no-untyped-def]
    path = write_spec(SPEC)
    out = (
        CliRunner()
        .invoke(app, ["check", str(path), "--set", "requirements.scale.dau=3M", "--set", "title=X"])
        .output
    )
    line = next(line for line in out.splitlines() if line.startswith("What-if"))
    assert "requirements.scale.dau=3M (spec: 1M)" in line and "title=X (spec: Slips)" in line
    plain = CliRunner().invoke(app, ["check", str(path)]).output
    assert "What-if" not in plain


def test_each_why_is_a_block_of_text_alone(write_spec) -> None:  # type: ignore[no-untyped-def]
    """An inline element after the why let WeasyPrint break a nearly full line right after
    "Why:" (TST004's); the source now has a line of its own."""
    loaded = load_spec(write_spec(SPEC))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    html = env.get_template("document/review_appendix.html.j2").render(
        spec=loaded.spec, review=review(loaded), show_review=True
    )
    whys = re.findall(
        r'<div class="sub">Why: ([^<]*)</div>(<div class="sub finding-source">)?', html
    )
    assert whys and all(source for _, source in whys)
    assert "Why: A bad model must come out faster than it went in.</div>" in html


REGRESSION = """\
designdoc: 1
title: Delivery time
framing:
  category: regression
  labels: {labels}
"""


def test_a_regression_names_its_target_not_positives(write_spec) -> None:  # type: ignore[no-untyped-def]
    def dat001(labels: str) -> list[str]:
        report = review(load_spec(write_spec(REGRESSION.format(labels=labels))))
        return [f.message for f in report.findings if f.rule == "DAT001"]

    (message,) = dat001("{source: natural}")
    assert "labels.target" in message and "positive" not in message
    assert dat001("{target: minutes from order to door, source: natural}") == []
    assert dat001("{positive: minutes from order to door}") == []  # as older specs wrote it
