"""load_spec(): a spec file in, a validated Spec out, or every problem of it, located."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from designdoc.errors import Problem, SpecError, SpecFileError
from designdoc.files.names import shown
from designdoc.spec.locate import dotted, field_keys, locate, model_at
from designdoc.spec.models.root import Spec
from designdoc.spec.overrides import Applied, apply_overrides, blame_overrides
from designdoc.spec.positions import (
    Loc,
    Mark,
    Positioned,
    StructureError,
    load_positioned,
    problem_at,
)
from designdoc.spec.references import ReviewNames, check_references
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
    overrides: tuple[Applied, ...] = ()  # what-if values set on the command line

    @property
    def file(self) -> str:
        """The spec's path as shown in messages and reports."""
        return shown(self.path)

    @property
    def name(self) -> str:
        return self.path.stem


def read_text(path: Path) -> str:
    """The file's text, or an error for a file that cannot be a spec.

    Only a regular file is read (a device such as /dev/zero or a named pipe is refused
    before anything is read), and never more than MAX_BYTES of it.
    """
    file = shown(path)
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        raise SpecError([Problem(file, line, col, "", message)]) from None
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        message = "the file is empty; a spec needs at least 'designdoc: 1' and a 'title'"
        raise SpecError([Problem(file, 1, 1, "", message)])
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        _check_kind(path, os.stat(path))
        # O_NONBLOCK: a pipe swapped in after the check must not block the open.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise SpecFileError(path, "no such file") from None
    except PermissionError:
        raise SpecFileError(path, "permission denied") from None
    except OSError as exc:
        raise SpecFileError(path, exc.strerror or str(exc)) from None
    try:
        _check_kind(path, os.fstat(fd))
        chunks = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise SpecFileError(path, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > MAX_BYTES:
        raise SpecFileError(path, "is larger than 5 MB; a spec may be at most 5 MB")
    return raw


def _check_kind(path: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise SpecFileError(path, "is a directory, not a spec file")
    if not stat.S_ISREG(info.st_mode):
        raise SpecFileError(path, "is not a regular file (a device, pipe or socket?)")
    if info.st_size > MAX_BYTES:
        raise SpecFileError(path, f"is {info.st_size / 1e6:.1f} MB; a spec may be at most 5 MB")


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
    except yaml.reader.ReaderError as exc:
        where = _mark_of_index(text, exc.position)
        message = f"the file holds U+{exc.character:04X}, a character YAML does not allow"
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


def _mark_of_index(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    return Mark(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _is_spec_field(loc: Loc, key: str) -> bool:
    """Whether `key` is a field of the model at `loc`, or a likely typo of one."""
    model = model_at(Spec, loc)
    return model is not None and closest(key, field_keys(model)) is not None


def validate(
    doc: Positioned, file: str, lines: list[str], review_names: ReviewNames | None = None
) -> Spec:
    """Validate positioned data; every problem, schema and references alike, in one error."""
    problems: list[Problem] = []
    spec: Spec | None = None
    try:
        spec = Spec.model_validate(doc.data)
    except ValidationError as exc:
        problems += locate(exc, Spec, doc, file, lines)
    for loc, message in check_references(doc.data, review_names):
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
    path: str | Path,
    stage: Callable[[str], AbstractContextManager[object]] = _untimed,
    overrides: Sequence[str] = (),
    *,
    review_names: ReviewNames | None = None,
) -> LoadedSpec:
    """Read, parse and validate one spec file; `stage(name)` may time "load" and "validate".

    `overrides` (`path=value` assignments, see spec/overrides.py) change the YAML first.
    With `review_names`, the rule ids and thresholds under `review:` are checked too
    (`designdoc.load_spec` passes the review's own).
    """
    path = Path(path)
    file = shown(path)
    with stage("load"):
        text = read_text(path)
        doc = parse(text, file)
    with stage("validate"):
        doc, applied = apply_overrides(doc, overrides)
        try:
            spec = validate(doc, file, text.splitlines(), review_names)
        except SpecError as exc:
            raise blame_overrides(exc, applied) from None
        warnings = find_list_slips(doc, file, text.splitlines())
    return LoadedSpec(spec=spec, path=path, positions=doc, warnings=warnings, overrides=applied)
