"""The editor and the tool agree: `designdoc validate` and jsonschema on `designdoc schema`.

One corpus of small specs, each changing one field to one spelling, goes to both; every
spec must be accepted by both or rejected by both, and each case's expected verdict holds.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from designdoc.spec import vocab
from designdoc.spec.units import COUNT_UNITS, DURATION_UNITS, SIZE_UNITS

Case = tuple[str, dict[str, Any], bool]

ENUM_PLACES: dict[type[StrEnum], tuple[str, ...]] = {
    vocab.Category: ("framing", "category"),
    vocab.RankingApproach: ("framing", "ranking_approach"),
    vocab.LabelSource: ("framing", "labels", "source"),
    vocab.SourceKind: ("data", "sources", 0, "kind"),
    vocab.Structure: ("data", "sources", 0, "structure"),
    vocab.Ingestion: ("data", "sources", 0, "ingestion"),
    vocab.FeatureType: ("data", "features", 0, "type"),
    vocab.Computation: ("data", "features", 0, "computation"),
    vocab.SplitStrategy: ("data", "split", "strategy"),
    vocab.TrainFrom: ("model", "training", "from"),
    vocab.Distributed: ("model", "training", "distributed"),
    vocab.MetricRole: ("evaluation", "online", 0, "role"),
    vocab.Deployment: ("serving", "deployment"),
    vocab.Prediction: ("serving", "prediction"),
    vocab.Compression: ("serving", "compression", 0),
    vocab.StageKind: ("serving", "stages", 0, "kind"),
    vocab.IndexType: ("serving", "index", "type"),
    vocab.Paper: ("document", "paper"),
    vocab.Severity: ("review", "severity", "MOD004"),
}
# What a list item at these places needs besides the field under test.
ITEM_BASE: dict[tuple[str, ...], dict[str, Any]] = {
    ("data", "sources"): {"id": "s"},
    ("data", "features"): {"name": "f"},
    ("evaluation", "online"): {"metric": "m"},
    ("evaluation", "offline"): {"metric": "m"},
    ("serving", "stages"): {"id": "a"},
    ("talking_points",): {"topic": "t"},
    ("framing", "heads"): {"name": "h"},
}


def spec_with(place: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """A minimal spec with `value` at `place` (list items get the keys they need)."""
    doc: dict[str, Any] = {"designdoc": 1, "title": "T"}
    node: Any = doc
    for i, part in enumerate(place[:-1]):
        if isinstance(part, int):
            continue  # already inside the item
        if isinstance(place[i + 1], int):
            if i + 2 < len(place):  # a field of the item
                item = dict(ITEM_BASE.get(tuple(str(p) for p in place[: i + 1]), {}))
                node[part] = [item]
                node = item
            else:  # the value is the item itself
                node[part] = []
                node = node[part]
        else:
            node = node.setdefault(part, {})
    last = place[-1]
    if isinstance(last, int):
        node.append(value)
    else:
        node[last] = value
    return doc


def variants(word: str) -> list[str]:
    return [word, word.upper(), word.replace("_", "-"), word.replace("_", " ").title()]


def enum_cases() -> list[Case]:
    cases: list[Case] = []
    for enum, place in ENUM_PLACES.items():
        words = [m.value for m in enum] + list(vocab.ALIASES.get(enum, {}))
        for word in words:
            for spelling in variants(word):
                cases.append((f"{enum.__name__}={spelling!r}", spec_with(place, spelling), True))
        for wrong in ("zzz_not_a_value", "other stuff", ""):
            cases.append((f"{enum.__name__}={wrong!r}", spec_with(place, wrong), False))
    return cases


def unit_cases() -> list[Case]:
    cases: list[Case] = []
    places = {
        "count": (("requirements", "scale", "items"), COUNT_UNITS),
        "duration": (("requirements", "performance", "latency_budget"), DURATION_UNITS),
        "size": (("requirements", "scale", "bytes_per_item"), SIZE_UNITS),
    }
    for kind, (place, units) in places.items():
        for unit in units:
            for number in ("2", "1.5", ".5", "+200", "1,000", "2_000", "3e2"):
                for gap in ("", " "):
                    text = f"{number}{gap}{unit}"
                    accepted = bool(unit) or kind != "duration"
                    cases.append((f"{kind}={text!r}", spec_with(place, text), accepted))
            cases.append((f"{kind}=-5{unit}", spec_with(place, f"-5{unit}"), False))
        for wrong in ("5 parsecs", "lots", "5..2", "ms"):
            cases.append((f"{kind}={wrong!r}", spec_with(place, wrong), False))
    cases += [
        ("size=2kB", spec_with(("requirements", "scale", "bytes_per_item"), "2kB"), True),
        ("size=4kib", spec_with(("requirements", "scale", "bytes_per_item"), "4kib"), False),
        ("count=5", spec_with(("requirements", "scale", "items"), 5), True),
        ("count=-5", spec_with(("requirements", "scale", "items"), -5), False),
        ("duration=5", spec_with(("requirements", "performance", "latency_budget"), 5), False),
    ]
    return cases


def share_cases() -> list[Case]:
    cases: list[Case] = []
    rate = ("data", "class_balance", "positive_rate")
    avail = ("requirements", "performance", "availability")
    ratio = ("data", "split", "ratios", 0)
    for text, ok in [
        ("5%", True),
        ("0.05", True),
        ("100%", True),
        ("0%", True),
        ("1", True),
        ("12.5 %", True),
        ("150%", False),
        ("1.5", False),
        ("5 pct", False),
    ]:
        cases.append((f"share={text!r}", spec_with(rate, text), ok))
        cases.append((f"ratio={text!r}", spec_with(ratio, text), ok))
    for value, ok in [(0.05, True), (1, True), (1.5, False), (-0.1, False)]:
        cases.append((f"share={value!r}", spec_with(rate, value), ok))
    for text, ok in [
        ("99.9%", True),
        ("99.95", True),
        ("100%", True),
        (" 99.9 % ", True),
        ("0%", False),
        ("0", False),
        ("120%", False),
        ("99.9 percent", False),
        ("high", False),
    ]:
        cases.append((f"availability={text!r}", spec_with(avail, text), ok))
    for value, ok in [(99.9, True), (100, True), (0, False), (101, False)]:
        cases.append((f"availability={value!r}", spec_with(avail, value), ok))
    return cases


def conversion_cases() -> list[Case]:
    cases: list[Case] = []
    ints = {
        "replication": (("requirements", "scale", "replication"), ["3", " 3 ", "3.0", "1_000"]),
        "k": (("evaluation", "offline", 0, "k"), ["2M", "2.5k", "1,000", "10 k", "2000000"]),
        "dims": (("serving", "index", "dims"), ["256", "+256"]),
        "step": (("talking_points", 0, "step"), ["7", "1"]),
    }
    for name, (place, good) in ints.items():
        for text in good:
            cases.append((f"{name}={text!r}", spec_with(place, text), True))
        for text in ("0", "-3", "3.5", "three", "8" if name == "step" else "0x10", "0k", "2.5"):
            cases.append((f"{name}={text!r}", spec_with(place, text), False))
    floats = (("requirements", "scale", "requests_per_user_per_day"), ["10", "2.5", ".5", "1e3"])
    for text in floats[1]:
        cases.append((f"per_user={text!r}", spec_with(floats[0], text), True))
    for text in ("-1", "ten", "1.2.3"):
        cases.append((f"per_user={text!r}", spec_with(floats[0], text), False))
    weight = ("framing", "heads", 0, "weight")
    cases.append(("weight='-0.5'", spec_with(weight, "-0.5"), True))
    bool_place = ("requirements", "performance", "real_time")
    for text in ("true", "False", "yes", "NO", "on", "off", "y", "n", "1", "0"):
        cases.append((f"bool={text!r}", spec_with(bool_place, text), True))
    for value in (1, 0):
        cases.append((f"bool={value!r}", spec_with(bool_place, value), True))
    for text in ("maybe", " true", "2"):
        cases.append((f"bool={text!r}", spec_with(bool_place, text), False))
    cases.append(("bool=2", spec_with(bool_place, 2), False))
    threshold = ("review", "thresholds", "imbalance_positive_rate")
    for value, ok in [("5%", True), ("0.05", True), (0.05, True), ("20000", True), ("1e4", True)]:
        cases.append((f"threshold={value!r}", spec_with(threshold, value), ok))
    for value in ("lots", "150%", "5 %%"):
        cases.append((f"threshold={value!r}", spec_with(threshold, value), False))
    return cases


CASES = enum_cases() + unit_cases() + share_cases() + conversion_cases()


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bool, bool, bool]]:
    folder = tmp_path_factory.mktemp("corpus")
    paths = []
    for i, (_, doc, _) in enumerate(CASES):
        path = folder / f"c{i}.yaml"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    cli = [sys.executable, "-m", "designdoc"]
    schema = json.loads(subprocess.run([*cli, "schema"], capture_output=True, check=True).stdout)
    checker = jsonschema.Draft202012Validator(schema)
    run = subprocess.run([*cli, "validate", *map(str, paths)], capture_output=True, text=True)
    accepted = {Path(line.split(" ", 1)[1]) for line in run.stdout.splitlines() if "ok " in line}
    out = {}
    for (name, _, expected), path in zip(CASES, paths, strict=True):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[f"{path.name} {name}"] = (path in accepted, checker.is_valid(data), expected)
    return out


def test_the_corpus_is_large_and_mixed() -> None:
    assert len(CASES) > 500
    assert any(not expected for _, _, expected in CASES)


def test_tool_and_schema_agree_on_every_spelling(verdicts: dict[str, Any]) -> None:
    disagree = {k: v[:2] for k, v in verdicts.items() if v[0] != v[1]}
    assert not disagree, f"(tool, schema) disagree on {len(disagree)}: {list(disagree.items())[:8]}"


def test_each_spelling_gets_the_expected_verdict(verdicts: dict[str, Any]) -> None:
    wrong = {k: v for k, v in verdicts.items() if v[0] != v[2]}
    assert not wrong, f"unexpected verdicts (tool, schema, expected): {list(wrong.items())[:8]}"


def _as_editor_reads(node: Any) -> Any:
    """YAML 1.2 (what editors use) has no timestamps: dates stay text."""
    if isinstance(node, dict):
        return {k: _as_editor_reads(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_editor_reads(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


def test_the_schema_accepts_every_bundled_spec_and_valid_draft() -> None:
    from designdoc.errors import SpecError
    from designdoc.files.resources import specs_dir
    from designdoc.spec.loader import load_spec
    from designdoc.spec.positions import FAST_LOADER
    from designdoc.spec.schema import spec_schema

    checker = jsonschema.Draft202012Validator(spec_schema())
    drafts = sorted((Path(__file__).parent / "drafts").glob("*.yaml"))
    checked = 0
    for path in [*sorted(specs_dir().glob("*.yaml")), *drafts]:
        try:
            load_spec(path)
        except SpecError:
            continue
        data = _as_editor_reads(yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER))
        errors = [e.message for e in checker.iter_errors(data)]
        assert not errors, (path.name, errors[:3])
        checked += 1
    assert checked >= 20
