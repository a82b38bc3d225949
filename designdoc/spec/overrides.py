"""What-if values: `path=value` assignments applied to a spec's YAML before it is validated.

A path names fields by their keys, with list items by index or by id or name:
`requirements.scale.dau=300M`, `serving.stages[1].latency=80ms`,
`serving.stages[ranking].latency=80ms`. The value is read as YAML (`300M`, `3`, `true`,
`[a, b]`), then the whole spec is validated as if the file said so; a problem with a value
set this way is reported against the assignment, not the file.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from designdoc.errors import AssignmentError, Problem, SpecError
from designdoc.spec.locate import dotted, field_keys, model_at
from designdoc.spec.models.root import Spec
from designdoc.spec.positions import Loc, Positioned, StructureError, load_positioned
from designdoc.spec.suggest import did_you_mean

_STEP = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[([^\[\]]+)\]")
ITEM_KEYS = ("id", "name", "metric", "topic")  # how a list item may be picked by its value
FROM_ASSIGNMENT = "--set "  # the `file` of a problem that an assignment caused, before its text


@dataclass(frozen=True)
class Select:
    """A list item picked by its id (or name, metric, topic) rather than its index."""

    value: str


Step = str | int | Select


@dataclass(frozen=True)
class Assignment:
    """One `path=value` as given on the command line."""

    text: str
    path: tuple[Step, ...]
    raw: str
    value: Any


@dataclass(frozen=True)
class Applied:
    """An assignment applied: the field it set, the new value and the spec's own (or None)."""

    text: str
    loc: Loc
    value: str
    previous: str | None

    @property
    def path(self) -> str:
        """The path as written (`serving.stages[ranking].latency`)."""
        return self.text.partition("=")[0].strip()


def parse_path(path: str) -> tuple[Step, ...]:
    steps: list[Step] = []
    at = 0
    while at < len(path):
        match = _STEP.match(path, at)
        if match is None or (at == 0 and path.startswith(".")):
            raise AssignmentError(f"'{path}': not a field path (e.g. requirements.scale.dau)")
        key, index = match.groups()
        if key is not None:
            steps.append(key)
        else:
            inner = index.strip()
            steps.append(int(inner) if re.fullmatch(r"-?\d+", inner) else Select(inner))
        at = match.end()
    if not steps or not isinstance(steps[0], str):
        raise AssignmentError(f"'{path}': a field path starts with a key")
    return tuple(steps)


def parse_value(raw: str) -> Any:
    """The value as the spec's loader would read it in the file (so a bad date or tag is
    the same message); text that is not YAML stays text."""
    if not raw.strip():
        return None
    try:
        return load_positioned(raw).data
    except StructureError as exc:
        raise AssignmentError(f"'{raw}': {exc.message}") from None
    except (yaml.YAMLError, RecursionError):
        return raw


def parse_assignment(text: str) -> Assignment:
    path, sep, raw = text.partition("=")
    if not sep or not path.strip():
        raise AssignmentError(f"'{text}': write PATH=VALUE, e.g. requirements.scale.dau=300M")
    return Assignment(text, parse_path(path.strip()), raw.strip(), parse_value(raw.strip()))


def shown(value: Any) -> str:
    """A YAML value as it would be written in the spec."""
    if isinstance(value, str):
        return value
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return text.removesuffix("\n...\n").strip()


class _Walk:
    """Follows one assignment's path through the data, creating mappings on the way."""

    def __init__(self, text: str) -> None:
        self.where = FROM_ASSIGNMENT + text

    def fail(self, loc: Loc, message: str) -> SpecError:
        return SpecError([Problem(self.where, 0, 0, dotted(loc), message)])

    def key(self, node: Any, loc: Loc, key: str, last: bool) -> Any:
        model = model_at(Spec, loc)
        if model is not None and key not in field_keys(model) and key not in model.model_fields:
            raise self.fail(
                (*loc, key), f"unknown key '{key}'{did_you_mean(key, field_keys(model))}"
            )
        if not isinstance(node, dict):
            raise self.fail(
                loc, f"{dotted(loc) or 'the spec'} is not a mapping; cannot set '{key}'"
            )
        if not last and node.get(key) is None:
            node[key] = {}
        return key

    def index(self, node: Any, loc: Loc, step: int | Select) -> int:
        if not isinstance(node, list):
            raise self.fail(loc, f"{dotted(loc)} is not a list")
        if isinstance(step, Select):
            for i, item in enumerate(node):
                if isinstance(item, dict) and any(
                    str(item.get(k)) == step.value for k in ITEM_KEYS if k in item
                ):
                    return i
            names: dict[str, str] = {}  # an id wins over a name that differs only in case
            for item in node:
                for k in ITEM_KEYS if isinstance(item, dict) else ():
                    if k in item:
                        names.setdefault(str(item[k]).lower(), str(item[k]))
            hint = did_you_mean(step.value, names.values())
            raise self.fail(loc, f"no item '{step.value}' in {dotted(loc)}{hint}")
        index = step + len(node) if step < 0 else step
        if not 0 <= index < len(node):
            raise self.fail(loc, f"{dotted(loc)} has {len(node)} item(s); there is no [{step}]")
        return index


def apply_assignment(data: dict[str, Any], assignment: Assignment) -> Applied:
    """Set one assignment's value in `data` (changed in place)."""
    walk = _Walk(assignment.text)
    node: Any = data
    loc: Loc = ()
    for position, step in enumerate(assignment.path):
        last = position == len(assignment.path) - 1
        part: str | int
        if isinstance(step, str):
            part = walk.key(node, loc, step, last)
        else:
            part = walk.index(node, loc, step)
        if last:
            previous = node.get(part) if isinstance(node, dict) else node[part]
            node[part] = assignment.value
            return Applied(
                assignment.text,
                (*loc, part),
                assignment.raw,
                None if previous is None else shown(previous),
            )
        node = node[part]
        loc = (*loc, part)
    raise AssertionError("an assignment has at least one step")  # parse_path ensures it


def apply_overrides(
    doc: Positioned, assignments: Sequence[str | Assignment]
) -> tuple[Positioned, tuple[Applied, ...]]:
    """A copy of `doc` with each assignment applied in turn; positions stay the file's."""
    if not assignments:
        return doc, ()
    data = copy.deepcopy(doc.data)
    applied: list[Applied] = []
    problems: list[Problem] = []
    for a in assignments:
        try:
            applied.append(
                apply_assignment(data, a if isinstance(a, Assignment) else parse_assignment(a))
            )
        except SpecError as exc:  # report every bad path in one go
            problems += exc.problems
    if problems:
        raise SpecError(problems)
    return Positioned(data, doc.values, doc.keys), tuple(applied)


def _under(path: str, loc: Loc) -> bool:
    top = dotted(loc)
    return path == top or path.startswith((top + ".", top + "["))


def blame_overrides(error: SpecError, applied: Sequence[Applied]) -> SpecError:
    """The spec's problems, those inside a value set by an assignment reported against it."""
    if not applied:
        return error
    problems = []
    for problem in error.problems:
        culprit = next((a for a in reversed(applied) if _under(problem.path, a.loc)), None)
        if culprit is None:
            problems.append(problem)
        else:
            where = FROM_ASSIGNMENT + culprit.text
            problems.append(Problem(where, 0, 0, problem.path, problem.message))
    return SpecError(problems)


def assignment_problems(error: SpecError) -> list[Problem]:
    """The problems of `error` that an assignment caused (a bad path, or a bad value set)."""
    return [p for p in error.problems if p.file.startswith(FROM_ASSIGNMENT)]
