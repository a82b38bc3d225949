"""Messages that name the fix: comma slips, YAML syntax errors in plain words, percentages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from designdoc.errors import Problem, SpecError
from designdoc.spec.loader import load_spec

HEAD = "designdoc: 1\ntitle: T\n"


def problems(path: Path) -> list[Problem]:
    with pytest.raises(SpecError) as info:
        load_spec(path)
    return info.value.problems


# ---- comma slips in flow mappings ---------------------------------------------------------------


def test_split_value_with_brackets_is_one_problem_at_the_value(write_spec):
    path = write_spec(
        HEAD + "framing:\n  objective_alternatives:\n"
        "    - {objective: Predict each leg (prep, pickup, drive) separately, chosen: false}\n"
    )
    (problem,) = problems(path)
    assert (problem.line, problem.col) == (5, 19)
    assert problem.path == "framing.objective_alternatives[0].objective"
    assert "split it into the keys 'pickup', 'drive) separately'" in problem.message
    assert problem.message.endswith(
        '- {objective: "Predict each leg (prep, pickup, drive) separately", chosen: false}'
    )
    assert "unknown key" not in problem.message


def test_split_value_with_spaces_after_the_comma(write_spec):
    path = write_spec(
        HEAD + "requirements:\n  clarifications:\n"
        "    - {question: Which languages?, answer: English first, then German and French}\n"
    )
    (problem,) = problems(path)
    assert problem.path == "requirements.clarifications[0].answer"
    assert "the key 'then German and French'" in problem.message
    assert '"English first, then German and French"' in problem.message


def test_split_value_that_yaml_read_as_a_boolean(write_spec):
    # `No, answers only`: YAML makes `No` false, and `answers only` a key.
    path = write_spec(
        HEAD + "requirements:\n  clarifications:\n"
        "    - {question: Can it take actions?, answer: No, answers only}\n"
    )
    (problem,) = problems(path)
    assert problem.path == "requirements.clarifications[0].answer"
    assert '"No, answers only"' in problem.message
    assert "boolean" not in problem.message


def test_split_value_ending_in_one_word_that_is_not_a_field(write_spec):
    path = write_spec(
        HEAD + "data:\n  features:\n"
        "    - {name: freq, type: numeric, transform: log of counts over 30d, decayed}\n"
    )
    (problem,) = problems(path)
    assert problem.path == "data.features[0].transform"
    assert '"log of counts over 30d, decayed"' in problem.message


def test_prose_fragment_never_gets_a_did_you_mean(write_spec):
    path = write_spec(
        HEAD + "risks:\n  - {risk: Prompt injection, mitigation: Strip instructions, "
        "treat retrieved text as data, flag injection}\n"
    )
    (problem,) = problems(path)
    assert "did you mean" not in problem.message
    assert '"Strip instructions, treat retrieved text as data, flag injection"' in problem.message


def test_a_real_key_without_a_value_is_not_a_slip(write_spec):
    path = write_spec(HEAD + "data:\n  features:\n    - {name: freq, sorce}\n")
    (problem,) = problems(path)
    assert "unknown key 'sorce'; did you mean 'source'?" in problem.message


def test_a_split_across_lines_is_quoted_whole(write_spec):
    path = write_spec(
        HEAD + "talking_points:\n  - {topic: interference, notes: Pushes compete,\n"
        "     so arms interfere}\n"
    )
    (problem,) = problems(path)
    assert problem.message.endswith('"Pushes compete, so arms interfere"')


def test_other_problems_are_still_reported_beside_a_slip(write_spec):
    path = write_spec(
        HEAD + "requirements:\n  clarifications:\n    - {question: Q?, answer: Yes, we do}\n"
        "  performance: {latency_budget: fast}\n"
    )
    paths = [p.path for p in problems(path)]
    assert paths == [
        "requirements.clarifications[0].answer",
        "requirements.performance.latency_budget",
    ]


# ---- comma slips in flow lists -------------------------------------------------------------------


def test_list_items_that_only_balance_when_joined_get_a_warning(write_spec):
    path = write_spec(
        HEAD + "requirements:\n  constraints: [Run on-device (phones, tablets), No PII]\n"
    )
    loaded = load_spec(path)
    assert loaded.spec.requirements.constraints == ["Run on-device (phones", "tablets)", "No PII"]
    (warning,) = loaded.warnings
    assert (warning.line, warning.col) == (4, 17)
    assert "'Run on-device (phones, tablets)'" in warning.message
    assert '"Run on-device (phones, tablets)"' in warning.message


def test_validate_prints_the_warning_and_still_passes(write_spec):
    path = write_spec(HEAD + "tags: [speech (wake word, ASR), on-device]\n")
    run = subprocess.run(
        [sys.executable, "-m", "designdoc", "validate", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 0
    assert "warning:" in run.stderr and "'speech (wake word, ASR)'" in run.stderr
    assert "ok " in run.stdout


def test_balanced_list_items_get_no_warning(write_spec):
    path = write_spec(HEAD + "tags: [speech (wake word), asr, on-device]\n")
    assert load_spec(path).warnings == []


# ---- YAML syntax errors in plain words -----------------------------------------------------------

SYNTAX = [
    (
        'summary: "Fast" and cheap\n',
        (3, 17),
        "text after the closing quote",
        "summary: '\"Fast\" and cheap'",
    ),
    ("requirements:\n\tbusiness_objective: y\n", (4, 1), "a tab in the indentation", "spaces"),
    ("summary: Goal: do x\n", (3, 14), "': ' inside a value", 'summary: "Goal: do x"'),
    (
        "tags: [a, b\nsummary: y\n",
        (4, 8),
        "the '[' opened at line 3, column 7 is not closed",
        "']'",
    ),
    ("framing: {input: a, output: b\nsummary: y\n", (4, 8), "the '{' opened", "'}'"),
    # After a `? key` libyaml reads past the error; the error is where PyYAML stops.
    (
        "requirements: {business_objective: a, ? b\n  ? c}\n",
        (4, 3),
        "a ',' or '}' is missing before this '?'",
        "separated by commas",
    ),
    ("framing: {input: a output: b}\n", (3, 26), "a second ':' in one entry", "in quotes"),
    ('summary: "never closed\n', (3, 10), "the quote opened at line 3, column 10", "closing quote"),
    ("requirements:\n  a: 1\n   b: 2\n", (5, 5), "indented more than the key above", "line it up"),
    ("requirements:\n    a: 1\n  b: 2\n", (5, 3), "indentation does not match", "same column"),
]


@pytest.mark.parametrize(("body", "where", "what", "fix"), SYNTAX, ids=[s[2][:24] for s in SYNTAX])
def test_syntax_errors_say_what_happened_and_what_to_write(write_spec, body, where, what, fix):
    path = write_spec(HEAD + body)
    (problem,) = problems(path)
    assert (problem.line, problem.col) == where
    assert problem.message.startswith("YAML syntax error: ")
    assert what in problem.message and fix in problem.message
    assert problem.frame.splitlines()[-1].endswith("^")
    assert (
        problem.frame.splitlines()[-1].index("^") - problem.frame.splitlines()[-2].index("|") - 2
        == where[1] - 1
    )


# ---- numbers as people write them ----------------------------------------------------------------


@pytest.mark.parametrize("written", ["99.9%", "99.9 %", "99.9", "100%"])
def test_availability_accepts_percentages(write_spec, written):
    path = write_spec(HEAD + f"requirements:\n  performance:\n    availability: {written}\n")
    assert load_spec(path).spec.requirements.performance.availability == float(written.strip(" %"))


@pytest.mark.parametrize("written", ["120%", "0%", "high", "99.9 percent"])
def test_a_bad_percentage_says_what_to_write(write_spec, written):
    path = write_spec(HEAD + f"requirements:\n  performance:\n    availability: {written}\n")
    (problem,) = problems(path)
    assert "write it like 99.9 or 99.9%" in problem.message


def test_split_ratios_accept_percentages(write_spec):
    path = write_spec(HEAD + "data:\n  split: {ratios: [80%, 10%, 0.1]}\n")
    assert load_spec(path).spec.data.split.ratios == pytest.approx([0.8, 0.1, 0.1])


def test_a_share_out_of_range_gives_an_example(write_spec):
    path = write_spec(HEAD + "data:\n  class_balance: {positive_rate: 150%}\n")
    (problem,) = problems(path)
    assert "write it like 5% or 0.05, got '150%'" in problem.message


def test_unparsable_numbers_give_an_example(write_spec):
    path = write_spec(
        HEAD + "requirements:\n  scale: {requests_per_user_per_day: lots, replication: 2.5}\n"
    )
    messages = [p.message for p in problems(path)]
    assert messages == [
        "expected a number such as 5 or 0.5, got 'lots'",
        "expected a whole number such as 3 or 2M, got a number (2.5)",
    ]


def test_text_read_as_a_boolean_says_to_quote_it(write_spec):
    path = write_spec(
        HEAD + "requirements:\n  clarifications:\n    - question: Personalised?\n      answer: no\n"
    )
    (problem,) = problems(path)
    assert (
        problem.message
        == "expected text, got a boolean (false); put it in quotes to keep it as text"
    )


def test_an_unknown_value_points_at_other(write_spec):
    path = write_spec(HEAD + "framing:\n  category: survival_analysis\n")
    (problem,) = problems(path)
    assert "if none fits, write 'other' and name it" in problem.message


def test_one_word_that_is_no_key_nor_a_typo_of_one_is_the_tail_of_the_value(write_spec):
    path = write_spec(HEAD + "risks:\n  - {risk: Injection, mitigation: Sanitise, injection}\n")
    (problem,) = problems(path)
    assert problem.path == "risks[0].mitigation"
    assert "did you mean" not in problem.message
    assert problem.message.endswith('mitigation: "Sanitise, injection"}')


# ---- scale figures that cannot all be true -------------------------------------------------------


def test_more_daily_actives_than_users_is_an_error_at_dau(write_spec):
    path = write_spec(HEAD + "requirements:\n  scale: {dau: 50M, users: 10M}\n")
    (problem,) = problems(path)
    assert (problem.line, problem.col, problem.path) == (4, 16, "requirements.scale.dau")
    assert "50M daily active users is more than the 10M users" in problem.message
    # As many daily actives as users is possible (everyone comes back each day).
    assert load_spec(write_spec(HEAD + "requirements:\n  scale: {dau: 10M, users: 10M}\n"))


def test_a_date_in_another_format_is_told_the_format(write_spec):
    (problem,) = problems(write_spec(HEAD + "date: 03/12/2025\n"))
    assert (problem.line, problem.col, problem.path) == (3, 7, "date")
    assert problem.message == (
        "expected a date written year-month-day, such as 2027-03-12, got '03/12/2025'"
    )


def test_common_words_for_a_feature_type_are_read_as_ours(write_spec):
    from designdoc.spec.vocab import FeatureType

    path = write_spec(
        HEAD + "data:\n  features:\n    - {name: on promotion, type: binary}\n"
        "    - {name: price, type: float}\n"
    )
    features = load_spec(path).spec.data.features
    assert [f.type for f in features] == [FeatureType.boolean, FeatureType.numeric]
