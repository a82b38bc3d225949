"""Units and batch estimates as a new user writes them: months, batch jobs, readable labels."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from designdoc.authoring.skeleton import skeleton
from designdoc.figures.kinds.funnel import _stage_label
from designdoc.render.context import build_context
from designdoc.render.format import as_words
from designdoc.render.html import render_html
from designdoc.review.engine import review_spec
from designdoc.review.estimates.batch import runs_per_day
from designdoc.review.estimates.compute import compute_estimates
from designdoc.spec.loader import load_spec
from designdoc.spec.models.root import Spec
from designdoc.spec.units import parse_count, parse_duration
from designdoc.spec.vocab import Category, Prediction

DAY = 86_400


def spec(**sections: object) -> Spec:
    return Spec.model_validate({"designdoc": 1, "title": "T", **sections})


def estimates(parsed: Spec) -> dict[str, object]:
    return {e.key: e for e in compute_estimates(parsed)}


@pytest.mark.parametrize(
    ("raw", "days"),
    [
        ("6mo", 6 * 30.44),
        ("6 months", 6 * 30.44),
        ("1 Month", 30.44),
        ("2y", 730),
        ("2 years", 730),
        ("5 Days", 5),
        ("90 minutes", 90 / 1440),
    ],
)
def test_months_and_years_are_duration_units(raw, days):
    assert parse_duration(raw).value / DAY == pytest.approx(days)


@pytest.mark.parametrize(
    ("unit", "offered", "refused"),
    [
        ("mnth", ["'month' (months)", "(minutes)"], []),
        ("yeras", ["'years' (years)"], ["minutes", "months)"]),
        ("M", ["(minutes)", "(months)"], []),
    ],
)
def test_unknown_duration_unit_names_the_magnitude_of_each_suggestion(unit, offered, refused):
    with pytest.raises(ValidationError) as info:
        spec(requirements={"scale": {"retention": f"6{unit}"}})
    message = str(info.value)
    hint = message.split("did you mean", 1)[1].split("?", 1)[0]
    for text in offered:
        assert text in hint
    for text in refused:
        assert text not in hint
    # Never one bare suggestion of another magnitude: every offer says what it means.
    assert all(re.search(rf"'{re.escape(u)}' \(\w+\)", hint) for u in re.findall(r"'(\w+)'", hint))


def test_retention_in_months_sizes_storage_and_minutes_are_flagged():
    scale = {"new_items_per_day": "6M", "bytes_per_item": "1kB"}
    months = estimates(spec(requirements={"scale": {**scale, "retention": "6mo"}}))
    total = months["storage_total"]
    assert total.value == pytest.approx(6e9 * 6 * 30.44)
    assert total.comparison == ""
    minutes = estimates(spec(requirements={"scale": {**scale, "retention": "6m"}}))
    note = minutes["storage_total"].comparison
    assert "6 min keeps almost nothing" in note
    assert "`mo`" in note


@pytest.mark.parametrize("category", list(Category), ids=lambda c: c.value)
def test_skeleton_stage_modes_agree_with_the_prediction_mode(tmp_path, category):
    path = tmp_path / "x.yaml"
    path.write_text(skeleton(path.name, category), encoding="utf-8")
    serving = load_spec(path).spec.serving
    modes = {stage.mode for stage in serving.stages}
    if serving.prediction is Prediction.batch:
        assert modes <= {"batch"}, category
    elif serving.prediction is Prediction.online:
        assert modes <= {"online"}, category


def batch_design(*, mode_given: bool = False, **precompute: object) -> Spec:
    mode = {"mode": "batch"} if mode_given else {}
    serving: dict[str, object] = {
        "prediction": "batch",
        "stages": [
            {"id": "score", "kind": "scoring", "items_in": "20M", "latency": "40min", **mode},
            {"id": "allocate", "kind": "optimization", "items_in": "20M", "latency": "5min"},
        ],
    }
    if precompute:
        serving["precompute"] = precompute
    return spec(
        requirements={
            "scale": {"dau": "3M", "requests_per_user_per_day": 1},
            "performance": {"latency_budget": "4 hours"},
        },
        serving=serving,
    )


def test_a_batch_design_scores_its_entities_at_the_jobs_cadence():
    found = estimates(batch_design(entities="20M", cadence="weekly"))
    scored = found["items_scored_per_day.score"]
    assert scored.value == pytest.approx(20e6 / 7)
    assert scored.comparison == "20M per run, one run a week"
    assert "items_scored.score" not in found  # nothing scored per second online
    for key in ("concurrency", "latency_used"):
        assert not found[key].computed
        assert "every stage is batch" in found[key].reason
        assert not found[key].missing


def test_batch_items_per_entity_multiply_by_the_entities():
    parsed = batch_design(entities="30M", cadence="every 12 hours")
    parsed.serving.stages[0].items_in = parse_count("24")
    scored = estimates(parsed)["items_scored_per_day.score"]
    assert scored.value == pytest.approx(30e6 * 24 * 2)
    assert "per entity" in scored.formula


def test_batch_items_without_entities_ask_for_them_and_an_unknown_cadence_is_assumed_daily():
    assert estimates(batch_design())["items_scored_per_day.score"].missing == (
        "serving.precompute.entities",
    )
    scored = estimates(batch_design(entities="20M", cadence="when marketing asks"))
    assumed = [i for i in scored["items_scored_per_day.score"].inputs if i.name == "runs/day"]
    assert assumed[0].field == "default" and "assumed daily" in assumed[0].text


def test_a_stage_that_gives_its_mode_keeps_the_others_online():
    stages = batch_design(mode_given=True).serving.stages
    assert [s.mode for s in stages] == ["batch", "online"]
    assert {s.mode for s in batch_design().serving.stages} == {"batch"}


@pytest.mark.parametrize(
    ("cadence", "runs"),
    [
        ("weekly", 1 / 7),
        ("Daily, overnight per region", 1),
        ("nightly", 1),
        ("every 6 hours", 4),
        ("every 2 weeks", 1 / 14),
        ("hourly", 24),
        ("monthly", 1 / 30.44),
        ("on demand", None),
    ],
)
def test_cadence_in_runs_per_day(cadence, runs):
    assert runs_per_day(cadence) == (pytest.approx(runs) if runs else None)


def test_ab_duration_hint_offers_units_per_day_for_a_unit_that_is_not_a_daily_user():
    test = {"unit": "card", "baseline_rate": "0.1%", "mde": "10%", "traffic": "10%"}
    skipped = estimates(spec(serving={"rollout": {"ab_test": test}}))["ab_duration"]
    assert skipped.enable_hint == (
        "set `requirements.scale.dau` (or `serving.rollout.ab_test.units_per_day`)"
    )
    given = {**test, "units_per_day": "2M"}
    assert estimates(spec(serving={"rollout": {"ab_test": given}}))["ab_duration"].computed


def test_latency_used_of_an_all_batch_design_says_why_not_what_to_set():
    used = estimates(batch_design())["latency_used"]
    assert used.enable_hint.startswith("every stage is batch")
    assert "set `" not in used.enable_hint


@pytest.mark.parametrize(
    ("raw", "whole"), [("2M", 2_000_000), ("2.5k", 2500), ("1,000", 1000), (3, 3)]
)
def test_whole_number_fields_take_a_counts_suffixes(raw, whole):
    metric = spec(evaluation={"offline": [{"metric": "uplift at k", "k": raw}]})
    assert metric.evaluation.offline[0].k == whole
    assert spec(serving={"capacity": {"servers": raw}}).serving.capacity.servers == whole


def test_a_fractional_whole_number_says_so():
    with pytest.raises(ValidationError, match=re.escape("whole number such as 3 or 2M, got '2.5'")):
        spec(evaluation={"offline": [{"metric": "m", "k": "2.5"}]})


def test_metric_cut_offs_read_as_counts_in_the_document():
    parsed = spec(
        evaluation={
            "offline": [
                {"metric": "uplift at k", "k": "2M", "primary": True},
                {"metric": "recall", "k": 10},
            ]
        }
    )
    html = render_html(build_context(parsed, source_name="k.yaml"))
    assert "uplift at k@2M" in html and "recall@10" in html
    assert "2000000" not in html


def test_mde_in_percentage_points_is_converted_against_the_baseline():
    test = {"baseline_rate": "8%", "mde": "2pp", "traffic": "50%"}
    mde = spec(serving={"rollout": {"ab_test": test}}).serving.rollout.ab_test.mde
    assert mde.value == pytest.approx(0.25)
    assert mde.text == "2pp (25% of 8%)"
    sample = estimates(spec(serving={"rollout": {"ab_test": test}}))["ab_sample_size"]
    assert sample.value == pytest.approx(16 * 0.08 * 0.92 / 0.02**2)
    with pytest.raises(ValidationError, match="read only as an A/B test's mde"):
        spec(serving={"rollout": {"ab_test": {"mde": "2pp"}}})
    with pytest.raises(ValidationError, match="percentage points"):
        spec(data={"class_balance": {"positive_rate": "2pp"}})


def test_dat004_shows_a_bare_share_and_its_threshold_as_percentages():
    parsed = spec(data={"class_balance": {"positive_rate": 0.0008}})
    findings = [f for f in review_spec(parsed).findings if f.rule == "DAT004"]
    assert "positive rate 0.0008 (0.08%) is below 10%" in findings[0].message


def test_a_duration_reads_the_same_in_tables_figures_and_estimates():
    parsed = spec(
        framing={"labels": {"delay": "60d"}},
        serving={"stages": [{"id": "schedule", "name": "Timing", "latency": "1min"}]},
    )
    stage = parsed.serving.stages[0]
    assert as_words(stage.latency) == "60 s"
    assert "60 s" in _stage_label(stage, 30) and "1min" not in _stage_label(stage, 30)
    assert as_words(parsed.framing.labels.delay) == "60 days"
    used = estimates(parsed)["latency_used"]
    assert [(i.name, i.text) for i in used.inputs] == [("Timing", "60 s")]
