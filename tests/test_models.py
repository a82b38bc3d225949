"""The spec models: units, aliases, strictness, the JSON Schema."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from designdoc.spec.models.root import Spec
from designdoc.spec.schema import spec_schema
from designdoc.spec.units import parse_count, parse_duration, parse_fraction, parse_size
from designdoc.spec.vocab import Category, Computation, StageKind


def spec(**sections: object) -> Spec:
    return Spec.model_validate({"designdoc": 1, "title": "T", **sections})


@pytest.mark.parametrize(
    ("raw", "value"),
    [("100M", 1e8), ("2B", 2e9), ("10k", 1e4), ("1.5T", 1.5e12), (5000, 5000), ("1,000", 1000)],
)
def test_counts(raw, value):
    assert parse_count(raw).value == value


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [
        ("200ms", 0.2),
        ("1.5s", 1.5),
        ("30min", 1800),
        ("7d", 604800),
        ("2h", 7200),
        ("500us", 5e-4),
        ("40 msec", 0.04),
        ("3 hours", 10800),
    ],
)
def test_durations(raw, seconds):
    assert parse_duration(raw).value == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("raw", "size"),
    [
        ("64B", 64),
        ("4KiB", 4096),
        ("1.5TB", 1.5e12),
        ("2kb", 2000),
        ("10GiB", 10 * 2**30),
        (512, 512),
    ],
)
def test_sizes(raw, size):
    assert parse_size(raw).value == size


@pytest.mark.parametrize(("raw", "share"), [("1%", 0.01), (0.05, 0.05), ("12.5%", 0.125)])
def test_fractions(raw, share):
    assert parse_fraction(raw).value == pytest.approx(share)


def test_quantity_keeps_its_text_for_display():
    parsed = spec(requirements={"scale": {"dau": "100M"}})
    assert str(parsed.requirements.scale.dau) == "100M"
    assert parsed.model_dump(mode="json")["requirements"]["scale"]["dau"] == "100M"


@pytest.mark.parametrize(
    ("field", "raw", "fragment"),
    [
        ("dau", "many", "is not a count"),
        ("dau", "-5", "cannot be negative"),
        ("dau", "10 parsecs", "unknown count unit 'parsecs'"),
        ("retention", "365", "a duration needs a unit"),
        ("retention", "3 fortnights", "unknown duration unit"),
        ("bytes_per_item", "2 XB", "unknown size unit"),
        ("dau", True, "got a boolean"),
    ],
)
def test_bad_quantities(field, raw, fragment):
    with pytest.raises(ValidationError) as info:
        spec(requirements={"scale": {field: raw}})
    assert fragment in str(info.value)


def test_share_out_of_range():
    with pytest.raises(ValidationError, match="between 0 and 1"):
        spec(data={"class_balance": {"positive_rate": 2}})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ltr", Category.learning_to_rank),
        ("Binary", Category.binary_classification),
        ("multi-task", Category.multi_task_classification),
        ("Object Detection", Category.object_detection),
    ],
)
def test_category_aliases(raw, expected):
    assert spec(framing={"category": raw}).framing.category is expected


def test_other_aliases():
    parsed = spec(
        data={"features": [{"name": "f", "computation": "online"}]},
        serving={"stages": [{"id": "s", "kind": "rerank"}]},
    )
    assert parsed.data.features[0].computation is Computation.request_time
    assert parsed.serving.stages[0].kind is StageKind.re_ranking


def test_reserved_words_use_yaml_aliases():
    parsed = spec(
        model={"training": {"from": "fine-tune"}},
        serving={"stages": [{"id": "a"}, {"id": "b"}], "flows": [{"from": "a", "to": "b"}]},
    )
    assert parsed.model.training.start_from is not None
    assert parsed.serving.flows[0].source == "a"
    assert parsed.model_dump(by_alias=True)["serving"]["flows"][0]["from"] == "a"


def test_unknown_keys_are_forbidden_everywhere():
    with pytest.raises(ValidationError, match=r"extra_forbidden|Extra inputs"):
        spec(serving={"rollout": {"ab_test": {"unit": "user", "colour": "blue"}}})


def test_only_version_and_title_are_required():
    with pytest.raises(ValidationError) as info:
        Spec.model_validate({})
    assert {e["loc"][0] for e in info.value.errors()} == {"designdoc", "title"}


def test_every_field_has_a_description():
    missing, seen = [], set()

    def walk(model: type) -> None:
        seen.add(model.__name__)
        for name, info in model.model_fields.items():  # type: ignore[attr-defined]
            if not info.description:
                missing.append(f"{model.__name__}.{name}")
        for sub in _submodels(model):
            walk(sub)

    walk(Spec)
    assert missing == []
    assert {"Scale", "Stage", "ABTest", "Feature", "Alert"} <= seen


def _submodels(model: type) -> list[type]:
    from designdoc.spec.locate import _unwrap

    found = []
    for info in model.model_fields.values():  # type: ignore[attr-defined]
        sub = _unwrap(info.annotation)
        if (
            sub is not None
            and sub.__module__.startswith("designdoc.spec")
            and "units" not in sub.__module__
        ):
            found.append(sub)
    return found


def test_json_schema_is_generated_from_the_models():
    schema = spec_schema()
    assert schema["required"] == ["designdoc", "title"]
    assert schema["additionalProperties"] is False
    assert "requirements" in schema["properties"]
    flow = schema["$defs"]["Flow"]
    assert {"from", "to"} <= set(flow["properties"])
    category = schema["$defs"]["Framing"]["properties"]["category"]["anyOf"]
    consts = {branch.get("const"): branch.get("description") for branch in category}
    assert "learning_to_rank" in consts
    assert consts["forecasting"]  # every value carries a description
