"""Work sections: rendered only when filled, in the PDF, from `init --work`, and reviewed."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from designdoc.cli.main import app
from designdoc.products.document import build
from designdoc.render.context import build_context
from designdoc.render.html import render_html
from designdoc.review import review
from designdoc.review.rules.catalogue import RULE_IDS
from designdoc.spec.loader import load_spec
from designdoc.spec.models.root import Spec

runner = CliRunner()
WORK: dict[str, Any] = {
    "status": {
        "state": "approved",
        "reviewers": [{"name": "Ada", "role": "ML platform", "verdict": "approved"}, "Grace"],
        "decision_date": "2026-11-30",
        "decision": "Ship the two-tower ranker behind a 10% A/B test.",
    },
    "motivation": "Engagement on the home feed has been flat for two quarters.",
    "goals": ["Lift watch time by 2%"],
    "non_goals": ["Search ranking"],
    "alternatives": [
        {"name": "Rules only", "description": "Hand-tuned boosts.", "why_not": "Does not scale."},
        {"name": "Vendor API"},
    ],
    "milestones": [
        {"name": "Offline eval", "date": "2026-12-15", "done": True},
        {"name": "A/B test", "date": "2027-01-20", "owner": "Ranking team"},
    ],
    "cost": {
        "infrastructure": [{"item": "GPU training", "amount": "$4k/month"}],
        "people": [{"item": "ML engineers", "amount": "2 FTE for a quarter"}],
    },
    "open_questions": [{"question": "Which region goes first?", "owner": "PM"}],
    "related": [
        {"title": "Feed v1 design", "url": "https://example.com/v1", "relation": "supersedes"}
    ],
}


def spec_with(work: dict[str, Any] | None) -> Spec:
    data: dict[str, Any] = {"designdoc": 1, "title": "Feed ranking"}
    if work is not None:
        data["work"] = work
    return Spec.model_validate(data)


def test_work_sections_render_only_when_filled() -> None:
    empty = render_html(build_context(spec_with(None), source_name="f.yaml"))
    assert 'id="context"' not in empty and 'id="plan"' not in empty
    assert "cover-status" not in empty
    some = render_html(
        build_context(spec_with({"goals": ["Lift watch time"]}), source_name="f.yaml")
    )
    assert '<h2 id="context-goals">Goals and non-goals</h2>' in some
    assert "context-motivation" not in some and 'id="plan"' not in some
    full = render_html(build_context(spec_with(WORK), source_name="f.yaml"))
    for section in ("alternatives", "milestones", "cost", "questions", "related"):
        assert f'id="plan-{section}"' in full
    assert 'href="#plan"' in full and 'href="#context"' in full  # listed in the contents


def test_work_sections_in_the_pdf(tmp_path: Path) -> None:
    spec = tmp_path / "feed.yaml"
    spec.write_text(
        yaml.safe_dump({"designdoc": 1, "title": "Feed ranking", "work": WORK}), encoding="utf-8"
    )
    pdf = build(spec, tmp_path / "out").pdf
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert "APPROVED" in pages[0] and "decided 30 November 2026" in pages[0]
    assert "Grace" in pages[0] and "changes requested" not in pages[0]
    text = "\n".join(pages)
    for words in (
        "Motivation",
        "Alternatives considered",
        "Does not scale.",
        "not given",
        "Milestones",
        "$4k/month",
        "2 FTE for a quarter",
        "Which region goes first?",
        "Feed v1 design",
        "https://example.com/v1",
    ):
        assert words in text, words


def test_init_work_writes_a_valid_skeleton_with_every_section(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    result = runner.invoke(app, ["init", str(target), "--work"])
    assert result.exit_code == 0, result.output
    loaded = load_spec(target)
    text = target.read_text()
    for key in (
        "status:",
        "motivation:",
        "goals:",
        "non_goals:",
        "alternatives:",
        "milestones:",
        "cost:",
        "open_questions:",
        "related:",
    ):
        assert f"  {key}" in text, key
    assert text.index("work:") < text.index("requirements:")
    assert loaded.spec.work.status is not None
    example = tmp_path / "from.yaml"
    assert (
        runner.invoke(app, ["init", str(example), "--work", "--from", "fraud_detection"]).exit_code
        == 0
    )
    assert load_spec(example).spec.work.status is not None


BASE: dict[str, Any] = {"designdoc": 1, "title": "Feed ranking", "work": WORK}
CASES: list[tuple[str, dict[str, Any], str]] = [
    ("WRK001", {"open_questions": [{"question": "Which region?"}]}, "work.open_questions[0]"),
    ("WRK002", {"status": {"decision_date": None}}, "work.status.state"),
    ("WRK003", {"status": {"reviewers": []}}, "work.status.state"),
    (
        "WRK004",
        {"status": {"reviewers": [{"name": "Ada", "verdict": "changes_requested"}]}},
        "work.status.reviewers[0]",
    ),
    ("WRK005", {"alternatives": [{"name": "Vendor API"}]}, "work.alternatives[0]"),
    ("WRK006", {"non_goals": []}, "work.goals"),
    (
        "WRK007",
        {"milestones": [{"name": "B", "date": "2027-02-01"}, {"name": "A", "date": "2027-01-01"}]},
        "work.milestones[1]",
    ),
]
PASSING: dict[str, Any] = {
    "open_questions": [{"question": "Which region goes first?", "answer": "EU"}],
    "status": {"reviewers": [{"name": "Ada", "verdict": "approved"}]},
    "alternatives": [{"name": "Rules only", "why_not": "Does not scale."}],
}


def merged(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in patch.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and key in out else value
    return out


def review_of(tmp_path: Path, work: dict[str, Any], name: str) -> Any:
    path = tmp_path / name
    path.write_text(yaml.safe_dump({**BASE, "work": work}), encoding="utf-8")
    return review(load_spec(path))


def test_every_work_rule_has_a_case() -> None:
    assert sorted(c[0] for c in CASES) == sorted(i for i in RULE_IDS if i.startswith("WRK"))


@pytest.mark.parametrize(("rule", "trigger", "field"), CASES, ids=[c[0] for c in CASES])
def test_work_rule_fires_and_passes(
    tmp_path: Path, rule: str, trigger: dict[str, Any], field: str
) -> None:
    good_work = merged(WORK, PASSING)
    good = review_of(tmp_path, good_work, "good.yaml")
    assert not [f for f in good.findings if f.rule.startswith("WRK")], good.findings
    bad = review_of(tmp_path, merged(good_work, trigger), "bad.yaml")
    hits = [f for f in bad.findings if f.rule == rule]
    assert hits and hits[0].path == field
    assert hits[0].line > 1


def test_work_rules_do_not_apply_to_interview_specs(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text("designdoc: 1\ntitle: T\n", encoding="utf-8")
    statuses = {r.rule: r.status for r in review(load_spec(path)).results}
    assert {statuses[i] for i in RULE_IDS if i.startswith("WRK")} == {"n/a"}
