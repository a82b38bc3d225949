"""First drafts of designs outside the book: valid, or rejected only with messages that say
what to change. One draft or more per family; `check` reviews every valid one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from designdoc.authoring.skeleton import parse_category
from designdoc.errors import SpecError
from designdoc.spec.loader import load_spec
from designdoc.spec.positions import FAST_LOADER
from designdoc.spec.vocab import family

DRAFTS = sorted((Path(__file__).parent / "drafts").glob("*.yaml"))
FAMILIES = {
    "regression",
    "forecasting",
    "uplift",
    "anomaly",
    "sequence_labelling",
    "speech",
    "optimisation",
    "text_generation",
    "media_generation",
    "autocomplete",
}
# A message names the fix when it says what to write, quote, replace or choose.
NAMES_A_FIX = re.compile(
    r"did you mean|put (?:the|it)|write it|write '|replace|add the|line it up|"
    r"one of: |must be (?:at least|at most)|expected .* such as"
)


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.stem)
def test_a_draft_is_valid_or_each_message_names_the_fix(path):
    try:
        load_spec(path)
    except SpecError as exc:
        vague = [p.headline() for p in exc.problems if not NAMES_A_FIX.search(p.message)]
        assert not vague


def test_the_drafts_cover_every_family():
    seen = set()
    for path in DRAFTS:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
        category = data["framing"]["category"]
        seen.add(family(parse_category(category)))
    assert seen >= FAMILIES


def test_a_draft_with_a_comma_slip_is_told_to_quote_the_value():
    with pytest.raises(SpecError) as info:
        load_spec(Path(__file__).parent / "drafts" / "store_demand.yaml")
    (problem,) = info.value.problems
    assert problem.message.endswith('transform: "lags of 7, 14 and 28 days"}')


def test_every_valid_draft_is_reviewed():
    valid = []
    for path in DRAFTS:
        try:
            load_spec(path)
        except SpecError:
            continue
        valid.append(str(path))
    assert len(valid) >= len(DRAFTS) - 1
    run = subprocess.run(
        [sys.executable, "-m", "designdoc", "check", "--format", "json", *valid],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.count('"valid": true') == len(valid)
