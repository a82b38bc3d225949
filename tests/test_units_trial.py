"""Units and batch estimates as a new user writes them: months, batch jobs, readable labels."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from designdoc.authoring.skeleton import skeleton
from designdoc.review.estimates.compute import compute_estimates
from designdoc.spec.loader import load_spec
from designdoc.spec.models.root import Spec
from designdoc.spec.units import parse_duration
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
