"""start_spec(): a new spec file, from the skeleton or an example, with its JSON Schema beside it.

The spec's first line points editors (through yaml-language-server) at `designdoc.schema.json`
in the same folder, written from the models, so completion and checking work offline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from designdoc.authoring.examples import find_example
from designdoc.authoring.skeleton import SCHEMA_FILE, SCHEMA_LINE, skeleton
from designdoc.authoring.work_skeleton import with_work
from designdoc.errors import OutputError
from designdoc.files.output import write_atomic
from designdoc.spec.schema import spec_schema
from designdoc.spec.vocab import Category


@dataclass(frozen=True)
class Started:
    spec: Path
    schema: Path


def schema_text() -> str:
    return json.dumps(spec_schema(), indent=2, ensure_ascii=False) + "\n"


def _from_example(name: str) -> str:
    lines = find_example(name).read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [ln for ln in lines if not ln.startswith("# yaml-language-server:")]
    return SCHEMA_LINE + "\n" + "".join(lines)


def start_spec(
    target: Path,
    *,
    example: str | None = None,
    category: Category | None = None,
    force: bool = False,
    work: bool = False,
) -> Started:
    """Write a new spec at `target` and the schema beside it; an existing spec needs `force`.

    `work` adds the sections of a design doc at work (status, goals, alternatives, plan...)."""
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give the new spec's file name")
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; use --force to overwrite it")
    text = _from_example(example) if example else skeleton(target.name, category)
    if work:
        text = with_work(text)
    schema = target.parent / SCHEMA_FILE
    write_atomic(schema, schema_text().encode("utf-8"))
    write_atomic(target, text.encode("utf-8"))
    return Started(target, schema)
