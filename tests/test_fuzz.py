"""Property tests: mutated specs and raw byte edits end in success or a located message.

Every case runs the real CLI in-process and asserts: exit 0 or 1 (3 under `--strict`), no
traceback, a `file:line:col:` headline for an invalid spec, and JSON from
`check --format json` that a strict parser takes, every problem located.

CI runs a few dozen cases per strategy with a fixed seed; `make fuzz` runs thousands with
fresh seeds (`DESIGNDOC_FUZZ=1`, `DESIGNDOC_FUZZ_EXAMPLES=N`). A failing input that fuzzing
finds is minimised by hypothesis and belongs in `tests/corpus/`, which runs every time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from designdoc.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
TEXTS = {p.name: p.read_bytes() for p in SPECS}
FUZZ = os.environ.get("DESIGNDOC_FUZZ") == "1"
EXAMPLES = int(os.environ.get("DESIGNDOC_FUZZ_EXAMPLES", "3000")) if FUZZ else 40
BUILDS = max(EXAMPLES // 100, 30) if FUZZ else 2
runner = CliRunner()


def fuzz_settings(examples: int) -> Callable[[Any], Any]:
    return settings(
        max_examples=examples,
        derandomize=not FUZZ,  # CI: one fixed sequence of cases; `make fuzz`: fresh ones
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> Any:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def assert_clean(data: bytes, *, strict: bool = False) -> None:
    """Check the spec `data` through the CLI; every promise of a run must hold."""
    with tempfile.TemporaryDirectory(prefix="designdoc-fuzz-") as folder:
        path = Path(folder) / "fuzzed.yaml"
        path.write_bytes(data)
        result = runner.invoke(app, ["check", str(path), "--format", "json"])
        _assert_run(result, path, {0, 1})
        (spec,) = _strict_json(result.stdout)["specs"]
        assert (result.exit_code == 1) is (spec["valid"] is False)
        for problem in spec.get("problems", []):
            assert isinstance(problem["line"], int) and problem["line"] >= 1, problem
            assert isinstance(problem["col"], int) and problem["col"] >= 1, problem
        if strict and spec["valid"]:
            strict_run = runner.invoke(app, ["check", str(path), "--strict=warnings"])
            _assert_run(strict_run, path, {0, 3})


def _assert_run(result: Any, path: Path, codes: set[int]) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in codes, result.output
    assert "Traceback" not in result.stderr
    if result.exit_code == 1:
        headline = re.compile(rf"^error: {re.escape(str(path))}:\d+:\d+: ", re.M)
        assert headline.search(result.stderr), result.stderr[:2000]


# --- raw byte edits of a bundled spec -----------------------------------------------------

_edit = st.tuples(
    st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]),
    st.floats(0, 1),
    st.binary(min_size=1, max_size=12),
)


def apply_edit(data: bytes, edit: tuple[str, float, bytes]) -> bytes:
    kind, where, payload = edit
    at = int(where * len(data))
    if kind == "delete":
        return data[:at] + data[at + len(payload) :]
    if kind == "insert":
        return data[:at] + payload + data[at:]
    if kind == "replace":
        return data[:at] + payload + data[at + len(payload) :]
    if kind == "truncate":
        return data[:at]
    return data[:at] + data[at : at + 40 * len(payload)] * 2 + data[at + 40 * len(payload) :]


@fuzz_settings(EXAMPLES)
@given(st.sampled_from(sorted(TEXTS)), st.lists(_edit, min_size=1, max_size=6))
def test_byte_edits(name: str, edits: list[tuple[str, float, bytes]]) -> None:
    data = TEXTS[name]
    for edit in edits:
        data = apply_edit(data, edit)
    assert_clean(data)


# --- line edits and YAML features -----------------------------------------------------------

YAML_FEATURES = [
    "---",
    "...",
    "%YAML 1.1",
    "%TAG ! tag:example.com,2000:",
    "x: &a [1, 2]",
    "y: *a",
    "z: *missing",
    "? [a, b]\n: c",
    "<<: {a: 1}",
    "t: !!binary aGVsbG8=",
    "t: !!timestamp 2024-13-45",
    "t: !!int 0xZZ",
    "t: !!float nan",
    "t: !!set {a, b}",
    "t: !!omap [a: 1]",
    "t: !custom x",
    "t: !!python/object:os.system x",
    'q: "\\ud800 \\uFFFE \\0 \\x01"',
    "n: " + "9" * 5000,
    "n: 1e400",
    "n: .inf",
    "w: " + "w" * 20000,
    "k: |\n  block\n   text",
    "k: >-\n  folded",
    "{a: 1, b: [2, {c: 3}]}",
    "- item",
    "\t- tab",
    "designdoc: true",
    "designdoc: 1.0",
    "date: 2024-02-30",
    ":100: :smile: [bold]x[/]",
]

_line_edit = st.tuples(
    st.sampled_from(["indent", "dedent", "delete", "swap", "duplicate", "feature", "repeat"]),
    st.floats(0, 1),
    st.integers(0, len(YAML_FEATURES) - 1),
)


def apply_line_edit(lines: list[str], edit: tuple[str, float, int]) -> list[str]:
    kind, where, feature = edit
    if not lines:
        return [YAML_FEATURES[feature]]
    at = min(int(where * len(lines)), len(lines) - 1)
    line = lines[at]
    if kind == "indent":
        return [*lines[:at], "  " + line, *lines[at + 1 :]]
    if kind == "dedent":
        return [*lines[:at], line[2:] if line.startswith("  ") else line, *lines[at + 1 :]]
    if kind == "delete":
        return lines[:at] + lines[at + 1 :]
    if kind == "swap" and at + 1 < len(lines):
        return [*lines[:at], lines[at + 1], line, *lines[at + 2 :]]
    if kind == "duplicate":
        return [*lines[: at + 1], line, *lines[at + 1 :]]
    if kind == "repeat":
        return [*lines[: at + 1], *[line] * 200, *lines[at + 1 :]]
    indent = re.match(r"\s*", line).group()  # type: ignore[union-attr]
    extra = [indent + part for part in YAML_FEATURES[feature].split("\n")]
    return [*lines[:at], *extra, *lines[at:]]


@fuzz_settings(EXAMPLES)
@given(st.sampled_from(sorted(TEXTS)), st.lists(_line_edit, min_size=1, max_size=5))
def test_line_edits(name: str, edits: list[tuple[str, float, int]]) -> None:
    lines = TEXTS[name].decode("utf-8").splitlines()
    for edit in edits:
        lines = apply_line_edit(lines, edit)
    assert_clean("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")


# --- structured mutations of the parsed spec -------------------------------------------------

NASTY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"])
    | st.sampled_from("\ufffe\uffff\x00\x7f:[]"),
    max_size=30,
)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**40), 10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.dates(min_value=dt.date(1, 1, 1))
    | NASTY_TEXT
    | st.sampled_from(["100M", "1e300T", "9" * 400 + "ms", "-5s", "5%", "200 parsecs", "1e29"])
    | st.text(alphabet="ab ", min_size=150, max_size=400),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(NASTY_TEXT, inner, max_size=3),
    max_leaves=8,
)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*here, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def mutate(data: Any, path: tuple[Any, ...], kind: str, value: Any, times: int) -> Any:
    if not path:
        return value if kind == "replace" else data
    parent, last = _parent(data, path), path[-1]
    if kind == "replace":
        parent[last] = value
    elif kind == "delete":
        del parent[last]
    elif kind == "rename" and isinstance(parent, dict):
        parent[f"{last}x"] = parent.pop(last)
    elif kind == "grow" and isinstance(parent, list):
        parent[last + 1 : last + 1] = [parent[last]] * times
    return data


_PARSED = {name: yaml.safe_load(text) for name, text in TEXTS.items()}


@st.composite
def mutated_specs(draw: st.DrawFn) -> bytes:
    name = draw(st.sampled_from(sorted(_PARSED)))
    data = json.loads(json.dumps(_PARSED[name], default=str))  # a deep, plain copy
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)))
        kind = draw(st.sampled_from(["replace", "replace", "delete", "rename", "grow"]))
        data = mutate(data, path, kind, draw(VALUES), draw(st.integers(1, 300)))
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False, width=10**6)
    return text.encode("utf-8")


@fuzz_settings(EXAMPLES)
@given(mutated_specs())
def test_structured_mutations(data: bytes) -> None:
    assert_clean(data, strict=True)


# --- builds of mutated specs -----------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@fuzz_settings(BUILDS)
@given(mutated_specs())
def test_builds_of_mutated_specs(data: bytes) -> None:
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory(prefix="designdoc-fuzz-") as folder:
        spec, out = Path(folder) / "fuzzed.yaml", Path(folder) / "out"
        spec.write_bytes(data)
        result = runner.invoke(app, ["build", str(spec), "-o", str(out), "-j", "1"])
        _assert_run(result, spec, {0, 1})
        written = sorted(p.name for p in out.iterdir()) if out.exists() else []
        if result.exit_code == 0:
            assert written == ["fuzzed.pdf"]
            assert len(PdfReader(out / "fuzzed.pdf").pages) >= 1
        else:
            assert written == [] and result.output.count(f"failed {spec}") == 1
