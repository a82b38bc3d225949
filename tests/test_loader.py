"""The loader: every problem located as file:line:col, with did-you-mean; bad files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from designdoc import load_spec
from designdoc.errors import SpecError, SpecFileError


def problems(path: Path) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_spec(path)
    return [p.headline() for p in info.value.problems]


def test_minimal_spec_loads(write_spec):
    loaded = load_spec(write_spec("designdoc: 1\ntitle: Tiny\n"))
    assert loaded.spec.title == "Tiny"
    assert loaded.name == "spec"


def test_misspelt_key_is_located_with_suggestion(write_spec):
    path = write_spec("designdoc: 1\ntitle: T\nrequirements:\n  buisness_objective: more\n")
    assert problems(path) == [
        f"{path}:4:3: requirements.buisness_objective: unknown key 'buisness_objective'; "
        "did you mean 'business_objective'?"
    ]


def test_misspelt_enum_value_gets_suggestion(write_spec):
    path = write_spec("designdoc: 1\ntitle: T\nframing:\n  category: learning_to_rnk\n")
    (message,) = problems(path)
    assert message.startswith(f"{path}:4:13: framing.category: unknown value 'learning_to_rnk'")
    assert "did you mean 'learning_to_rank'?" in message


def test_every_problem_is_reported_in_one_run(write_spec):
    path = write_spec(
        "designdoc: 1\n"
        "title: T\n"
        "requirements:\n"
        "  scale:\n"
        "    dau: lots\n"
        "serving:\n"
        "  stages:\n"
        "    - {id: rank, latency: 40 parsecs}\n"
        "  flows:\n"
        "    - {from: rank, to: rankng}\n"
        "review:\n"
        "  disable: [MOD04]\n"
    )
    found = problems(path)
    assert found[0].startswith(f"{path}:5:10: requirements.scale.dau: 'lots' is not a count")
    assert found[1].startswith(f"{path}:8:27: serving.stages[0].latency: unknown duration unit")
    assert found[2] == (
        f"{path}:10:24: serving.flows[0].to: 'rankng' does not name a stage or component; "
        "did you mean 'rank'?"
    )
    assert (
        found[3]
        == f"{path}:12:13: review.disable[0]: unknown rule id 'MOD04'; did you mean 'MOD004'?"
    )


def test_missing_required_fields(write_spec):
    path = write_spec("summary: no title\n")
    assert problems(path) == [
        f"{path}:1:1: designdoc: this field is required",
        f"{path}:1:1: title: this field is required",
    ]


def test_wrong_version(write_spec):
    (message,) = problems(write_spec("designdoc: 2\ntitle: T\n"))
    assert message.endswith("designdoc: the format version must be 1, not 2")


def test_problem_has_code_frame_with_caret(write_spec):
    path = write_spec("designdoc: 1\ntitle: T\nframing:\n  categroy: ltr\n")
    with pytest.raises(SpecError) as info:
        load_spec(path)
    frame = info.value.problems[0].frame.splitlines()
    assert frame == ["3 | framing:", "4 |   categroy: ltr", "  |   ^"]


def test_dangling_feature_source_and_duplicate_ids(write_spec):
    path = write_spec(
        "designdoc: 1\ntitle: T\n"
        "data:\n"
        "  sources: [{id: users}, {id: users}]\n"
        "  features: [{name: age, source: user}]\n"
    )
    found = problems(path)
    assert any("data.sources[1].id: duplicate data source id 'users'" in m for m in found)
    assert any(
        ":5:34: data.features[0].source: 'user' does not name a data source; did you mean 'users'?"
        in m
        for m in found
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "designdoc: 1\ntitle: A\ntitle: B\n",
            ":3:1: title: duplicate key 'title' (first defined at line 2)",
        ),
        ("designdoc: 1\ntitle: [unclosed\n", "YAML syntax error"),
        ("- just\n- a list\n", "a spec must be a mapping of keys to values, not a list"),
        ("designdoc: 1\n---\ntitle: second\n", ":2:1: the file holds several YAML documents"),
        (
            "designdoc: 1\nbase: &b {a: 1}\ntitle: T\nx:\n  <<: *b\n",
            "merge keys ('<<') are not supported",
        ),
    ],
)
def test_malformed_documents(write_spec, text, expected):
    (message,) = problems(write_spec(text))
    assert expected in message


def test_alias_bomb_fails_fast(write_spec):
    lines = ["designdoc: 1", "title: T", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    (message,) = problems(write_spec("\n".join(lines) + "\n"))
    assert "expands to more than" in message or "entries in all" in message


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p / "missing.yaml", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: _write(p / "big.yaml", b"# " + b"x" * (5 * 1024 * 1024 + 10)), "at most 5 MB"),
    ],
)
def test_unreadable_files(tmp_path, make, expected):
    with pytest.raises(SpecFileError) as info:
        load_spec(make(tmp_path))
    assert expected in str(info.value)


def test_invalid_utf8_is_located(tmp_path):
    path = _write(tmp_path / "bad.yaml", b"designdoc: 1\ntitle: caf\xe9\n")
    (message,) = problems(path)
    assert message.startswith(f"{path}:2:11: invalid UTF-8")


@pytest.mark.parametrize("data", [b"", b"# only a comment\n", b"\xef\xbb\xbf", b"\n  \n"])
def test_an_empty_file_is_located_at_its_start(tmp_path, data):
    path = _write(tmp_path / "empty.yaml", data)
    (message,) = problems(path)
    assert message.startswith(f"{path}:1:1: the file is empty")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_empty_value_in_flow_mapping_is_accepted(write_spec):
    loaded = load_spec(
        write_spec("designdoc: 1\ntitle: T\nrequirements: {business_objective:, constraints: []}\n")
    )
    assert loaded.spec.requirements.business_objective is None


def test_validation_does_not_import_the_review(tmp_path: Path) -> None:
    """The dependency points one way: the review hands its rule names to the validator."""
    import subprocess
    import sys

    spec = tmp_path / "s.yaml"
    spec.write_text("designdoc: 1\ntitle: T\nreview: {disable: [MOD004]}\n", encoding="utf-8")
    code = (
        "import sys; from designdoc.spec.loader import load_spec; "
        f"load_spec({str(spec)!r}); "
        "print(sorted(m for m in sys.modules if m.startswith('designdoc.review')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
