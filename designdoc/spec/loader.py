"""load_spec(): a spec file in, a validated Spec out, or every problem of it, located."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from designdoc.errors import Problem, SpecError, SpecFileError
from designdoc.spec.locate import dotted, field_keys, locate, model_at
from designdoc.spec.models.root import Spec
from designdoc.spec.positions import (
    Loc,
    Positioned,
    StructureError,
    load_positioned,
    problem_at,
)
from designdoc.spec.references import check_references
from designdoc.spec.slips import explain_slips, find_list_slips, find_slips
from designdoc.spec.suggest import closest
from designdoc.spec.syntax import explain as explain_syntax_error

MAX_BYTES = 5 * 1024 * 1024


def _untimed(name: str) -> AbstractContextManager[object]:
    return nullcontext()


@dataclass
class LoadedSpec:
    """A validated spec with the positions of its fields, for located review findings."""

    spec: Spec
    path: Path
    positions: Positioned
    warnings: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem


def read_text(path: Path) -> str:
    """The file's text, or a one-line error for a file that cannot be a spec."""
    if not path.exists():
        raise SpecFileError(path, "no such file")
    if path.is_dir():
        raise SpecFileError(path, "is a directory, not a spec file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SpecFileError(path, f"is {size / 1e6:.1f} MB; a spec may be at most 5 MB")
        raw = path.read_bytes()
    except PermissionError:
        raise SpecFileError(path, "permission denied") from None
    except OSError as exc:
        raise SpecFileError(path, exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SpecFileError(
            f"{path}:{line}:{col}",
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise SpecFileError(path, "is empty; a spec needs at least 'designdoc: 1' and a 'title'")
    return text


def parse(text: str, file: str) -> Positioned:
    """YAML text to positioned data; YAML problems become a SpecError at their line."""
    lines = text.splitlines()
    try:
        doc = load_positioned(text)
    except StructureError as exc:
        raise SpecError([problem_at(file, exc.mark, exc.path, exc.message, lines)]) from None
    except yaml.MarkedYAMLError as exc:
        where, message = explain_syntax_error(exc, lines)
        raise SpecError([problem_at(file, where, "", message, lines)]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Problem(file, 1, 1, "", f"YAML error: {exc}")]) from None
    except RecursionError:
        raise SpecError([Problem(file, 1, 1, "", "the document is nested too deeply")]) from None
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        raise SpecError(
            [
                problem_at(
                    file,
                    doc.value_mark(()),
                    "",
                    f"a spec must be a mapping of keys to values, not {kind}",
                    lines,
                )
            ]
        )
    return doc


def _is_spec_field(loc: Loc, key: str) -> bool:
    """Whether `key` is a field of the model at `loc`, or a likely typo of one."""
    model = model_at(Spec, loc)
    return model is not None and closest(key, field_keys(model)) is not None


def validate(doc: Positioned, file: str, lines: list[str]) -> Spec:
    """Validate positioned data; every problem, schema and references alike, in one error."""
    problems: list[Problem] = []
    spec: Spec | None = None
    try:
        spec = Spec.model_validate(doc.data)
    except ValidationError as exc:
        problems += locate(exc, Spec, doc, file, lines)
    for loc, message in check_references(doc.data):
        keyed = loc[:2] == ("review", "severity") or loc[:2] in (
            ("review", "notes"),
            ("review", "thresholds"),
        )
        mark = doc.mark(loc) if keyed else doc.value_mark(loc)
        problems.append(problem_at(file, mark, dotted(loc), message, lines))
    if problems or spec is None:
        problems = explain_slips(problems, find_slips("\n".join(lines), file, _is_spec_field))
        problems.sort(key=lambda p: (p.line, p.col))
        raise SpecError(problems)
    return spec


def load_spec(
    path: str | Path, stage: Callable[[str], AbstractContextManager[object]] = _untimed
) -> LoadedSpec:
    """Read, parse and validate one spec file; `stage(name)` may time "load" and "validate"."""
    path = Path(path)
    file = str(path)
    with stage("load"):
        text = read_text(path)
        doc = parse(text, file)
    with stage("validate"):
        spec = validate(doc, file, text.splitlines())
        warnings = find_list_slips(doc, file, text.splitlines())
    return LoadedSpec(spec=spec, path=path, positions=doc, warnings=warnings)
