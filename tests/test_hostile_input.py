"""Hostile and broken specs: every one ends in a located message, never a traceback.

`tests/corpus/` holds the minimised inputs that once crashed or misreported; each must be
refused with exit 1, a `file:line:col:` headline in text, and valid, located JSON.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from designdoc.cli.main import app
from designdoc.errors import SpecError, SpecFileError
from designdoc.spec.loader import load_spec
from designdoc.spec.positions import FRAME_WIDTH

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(CORPUS.glob("*.yaml"))
runner = CliRunner()


def strict_json(text: str) -> object:
    """Parse as a strict JSON parser would: Infinity and NaN are errors."""

    def refuse(constant: str) -> object:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case_is_refused_with_a_located_message(case: Path) -> None:
    result = runner.invoke(app, ["validate", str(case)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert re.search(rf"^error: {re.escape(str(case))}:\d+:\d+: ", result.stderr, re.M)
    assert len(result.stderr) < 40_000  # 50 problems at most, frames cut to a window


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case_gives_valid_located_json(case: Path) -> None:
    result = runner.invoke(app, ["check", str(case), "--format", "json"])
    assert result.exit_code == 1
    (spec,) = strict_json(result.stdout)["specs"]  # type: ignore[index]
    assert spec["valid"] is False
    for problem in spec["problems"]:
        assert isinstance(problem["line"], int) and isinstance(problem["col"], int), problem


def test_a_location_on_line_100_is_not_an_emoji() -> None:
    result = runner.invoke(app, ["validate", str(CORPUS / "emoji_code_line_100.yaml")])
    assert "emoji_code_line_100.yaml:100:1: oops" in result.stderr
    assert "# :smile:" in result.stderr  # the code frame is printed as written


def test_markup_in_a_key_and_a_file_name_prints_as_written(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(CORPUS / "markup_in_message.yaml")])
    assert "unknown key '[bold]x[/]'" in result.stderr
    odd = tmp_path / "name[" / "]ok [red].yaml"
    odd.parent.mkdir()
    odd.write_text("designdoc: 1\ntitle: T\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(odd)])
    assert result.exit_code == 0 and f"ok {odd}" in result.stdout


def test_two_thousand_unknown_keys_print_fifty_and_a_count() -> None:
    result = runner.invoke(app, ["validate", str(CORPUS / "unknown_keys_one_line.yaml")])
    assert result.stderr.count("error: ") == 50
    assert "and 1950 more" in result.stderr and "2000 problems found" in result.stderr
    (spec,) = strict_json(
        runner.invoke(
            app, ["check", str(CORPUS / "unknown_keys_one_line.yaml"), "--format", "json"]
        ).stdout
    )["specs"]  # type: ignore[index]
    assert len(spec["problems"]) == 50 and spec["more_problems"] == 1950


def test_code_frames_of_a_long_line_are_cut_around_the_column() -> None:
    with pytest.raises(SpecError) as info:
        load_spec(CORPUS / "unknown_keys_one_line.yaml")
    last = info.value.problems[-1]
    assert last.col > FRAME_WIDTH
    assert all(len(line) < 120 for line in last.frame.splitlines())
    assert f"k{len(info.value.problems) - 1}: 1" in last.frame  # the window holds its key
    caret = last.frame.splitlines()[-1].index("^")
    assert last.frame.splitlines()[-2][caret:].startswith("k")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("designdoc: 1\ntitle: T\nrequirements: {scale: {users: 2.0e+30}}\n", "below 1e30"),
        ("designdoc: 1\ntitle: T\nrequirements: {scale: {users: 1e20T}}\n", "physical range"),
        ("designdoc: 1\ntitle: T\nrequirements: {scale: {users: '1e400'}}\n", "finite count"),
        ("designdoc: 1\ntitle: T\nsummary: " + "y" * 161 + "\n", "at most 160 characters"),
    ],
)
def test_numbers_and_words_are_bounded(write_spec, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SpecError) as info:
        load_spec(write_spec(text))
    assert expected in info.value.problems[0].message


def test_a_word_at_the_limit_and_a_date_still_load(write_spec) -> None:  # type: ignore[no-untyped-def]
    loaded = load_spec(
        write_spec("designdoc: 1\ntitle: T\ndate: 2026-11-21\nsummary: " + "y" * 160 + "\n")
    )
    assert str(loaded.spec.date) == "2026-11-21"


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_only_regular_files_are_read(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)  # opening it to read would block until a writer comes
    else:
        path = Path("/dev/zero")  # reading it would never end
    with pytest.raises(SpecFileError) as info:
        load_spec(path)
    assert "not a regular file" in str(info.value)


def test_file_level_errors_are_located_in_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "missing.yaml"), "--format", "json"])
    (spec,) = strict_json(result.stdout)["specs"]  # type: ignore[index]
    assert (spec["problems"][0]["line"], spec["problems"][0]["col"]) == (1, 1)


def test_a_failed_build_says_failed_once(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(CORPUS / "version_true.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.count(f"failed {CORPUS / 'version_true.yaml'}") == 1
    assert "version_true.yaml:1:12: designdoc: the format version" in result.output


def test_a_failed_sheet_and_worksheet_each_name_their_kind(tmp_path: Path) -> None:
    spec = CORPUS / "version_true.yaml"
    result = runner.invoke(app, ["build", str(spec), "--sheet", "--practice", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.count(f"failed {spec} (sheet)") == 1
    assert result.output.count(f"failed {spec} (practice)") == 1
