"""The bundled example specs: list them, find one by name, copy one out to edit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from designdoc.errors import DesignDocError, OutputError
from designdoc.files.output import write_atomic
from designdoc.files.resources import specs_dir
from designdoc.pipeline import load as load_spec
from designdoc.spec.suggest import did_you_mean


class UnknownExampleError(DesignDocError, LookupError):
    """No bundled example spec has that name."""


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    line: str  # one line on what the system does
    category: str
    path: Path


def _first_sentence(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    sentence = re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def example_paths() -> list[Path]:
    return sorted(p for p in specs_dir().glob("*.yaml") if p.is_file())


def read_example(path: Path) -> Example:
    spec = load_spec(path).spec
    category = spec.framing.category.value.replace("_", " ") if spec.framing.category else ""
    line = _first_sentence(spec.summary) if spec.summary else spec.title
    return Example(path.stem, spec.title, line, category, path)


def list_examples() -> list[Example]:
    """Every bundled example, by name."""
    return [read_example(p) for p in example_paths()]


def find_example(name: str) -> Path:
    """The bundled spec called `name` (with or without .yaml), or an error with a suggestion."""
    wanted = name.removesuffix(".yaml").removesuffix(".yml").strip().replace("-", "_")
    paths = {p.stem: p for p in example_paths()}
    if wanted in paths:
        return paths[wanted]
    hint = did_you_mean(wanted, list(paths))
    raise UnknownExampleError(
        f"no bundled example called '{name}'{hint} (`designdoc examples` lists them)"
    )


def copy_example(name: str, folder: Path, *, force: bool = False) -> Path:
    """Copy the example `name` to `folder/<name>.yaml`; an existing file needs `force`."""
    source = find_example(name)
    target = folder / source.name
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; use --force to overwrite it")
    return write_atomic(target, source.read_bytes())
