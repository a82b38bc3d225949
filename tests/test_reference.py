"""The field reference (`schema --format markdown`, `fields`) covers every model field."""

from __future__ import annotations

import os
import subprocess
import sys
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel

from designdoc.spec import vocab
from designdoc.spec.locate import _unwrap
from designdoc.spec.models.root import Spec
from designdoc.spec.reference_markdown import reference_markdown
from designdoc.spec.units import Quantity
from designdoc.spec.vocab_text import VALUE_TEXT

ROOT = Path(__file__).resolve().parents[1]


def model_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field path, walked independently of the reference code."""
    out = []
    for name, info in model.model_fields.items():
        path = f"{prefix}.{info.alias or name}" if prefix else (info.alias or name)
        inner = _unwrap(info.annotation)
        text = str(info.annotation)
        if inner is not None and not issubclass(inner, Quantity):
            out.append(path)
            out += model_paths(inner, f"{path}[]" if "list[" in text else path)
        else:
            out.append(path)
    return out


def designdoc(*args: str, columns: int = 200) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "designdoc", *args],
        capture_output=True,
        text=True,
        env={
            "COLUMNS": str(columns),
            "PATH": "/usr/bin:/bin",
            "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        },
    )


def test_every_model_field_is_in_the_markdown_reference() -> None:
    text = reference_markdown()
    paths = model_paths(Spec)
    assert len(paths) > 200
    missing = [p for p in paths if f"`{p}`" not in text]
    assert not missing


def test_every_enum_value_has_a_description_in_the_reference() -> None:
    text = reference_markdown()
    enums = [e for e in vars(vocab).values() if isinstance(e, type) and issubclass(e, StrEnum)]
    for enum in enums:
        if enum is StrEnum:
            continue
        for member in enum:
            assert VALUE_TEXT[enum.__name__][member.value], (enum, member)
            assert f"`{member.value}`: {VALUE_TEXT[enum.__name__][member.value]}" in text


def test_the_reference_lists_aliases_units_and_examples() -> None:
    text = reference_markdown()
    line = next(ln for ln in text.splitlines() if ln.startswith("  - `learning_to_rank`"))
    assert "ltr" in line and "ranking" in line
    latency = next(ln for ln in text.splitlines() if "`serving.stages[].latency`" in ln)
    assert "duration" in latency and "µs" in latency and "e.g. `" in latency
    avail = next(ln for ln in text.splitlines() if "`requirements.performance.availability`" in ln)
    assert "99.9%" in avail


def test_the_committed_reference_is_up_to_date() -> None:
    run = designdoc("schema", "--format", "markdown")
    assert run.returncode == 0, run.stderr
    assert (ROOT / "specs" / "fields.md").read_text(encoding="utf-8") == run.stdout


def test_fields_shows_one_section_in_the_terminal() -> None:
    run = designdoc("fields", "serving")
    assert run.returncode == 0, run.stderr
    for name in ("deployment", "stages", "kind", "items_in", "index", "type_name", "rollout"):
        assert name in run.stdout
    assert "generation" in run.stdout and "cache_lookup" in run.stdout
    assert "requirements.scale" not in run.stdout


def test_fields_wrap_between_words_in_an_80_column_terminal() -> None:
    run = designdoc("fields", "serving", columns=80)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert all(line == line.rstrip() for line in lines)
    # Names, values and examples stay whole instead of being folded mid-word.
    for whole in ("stages[].parallel_with", "index.rebuild_on_model_change", "quantization"):
        assert any(whole in line.split() for line in lines), whole
    assert "e.g. Targeting candidates" in lines[lines.index("stages[].name  text") + 2]
    assert "Items the stage considers, e.g. 10B." in run.stdout


def test_fields_of_an_unknown_section_suggests_one() -> None:
    run = designdoc("fields", "servng")
    assert run.returncode == 2
    assert "did you mean 'serving'?" in run.stderr
