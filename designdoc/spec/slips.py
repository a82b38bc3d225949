"""Comma slips in flow style: a value with an unquoted comma, split by YAML into pieces.

`{objective: Predict each leg (prep, pickup, drive) separately, chosen: false}` is, to
YAML, the keys `objective`, `pickup` and `drive) separately`. The keys after a comma that
have no value and read like prose (spaces, an unbalanced bracket) are the rest of the value
before them: report one problem at that value, with the line rewritten with the value
quoted. Inside `[...]`, items whose brackets only balance when joined are one item split in
several: a warning names the joined text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from designdoc.errors import Problem
from designdoc.spec.positions import FAST_LOADER, Loc, Mark, Positioned, problem_at

NULL_TAG = "tag:yaml.org,2002:null"
_OPEN, _CLOSE = "([{", ")]}"


@dataclass(frozen=True)
class Slip:
    """One value split at its commas; `covers` are the paths the split value produced."""

    problem: Problem
    covers: tuple[str, ...]


def _depth(text: str) -> int:
    return sum(text.count(c) for c in _OPEN) - sum(text.count(c) for c in _CLOSE)


def _plain(node: yaml.Node) -> bool:
    # PyYAML marks a plain scalar's style None, libyaml "".
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value != ""


def _prose(text: str) -> bool:
    return " " in text.strip() or _depth(text) != 0


def _valueless(key: yaml.Node, value: yaml.Node) -> bool:
    """A plain key with nothing after it: `{a: b, c d}` gives `c d` an empty null value."""
    return (
        _plain(key)
        and isinstance(value, yaml.ScalarNode)
        and value.tag == NULL_TAG
        and value.value == ""
        and value.start_mark.index == key.end_mark.index
    )


def quote(text: str) -> str:
    """`text` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _rewritten(text: str, lines: list[str], start: yaml.Mark, end_index: int) -> str:
    joined = text[start.index : end_index]
    if "\n" in joined:
        return quote(" ".join(joined.split()))
    line = lines[start.line]
    head = line[: start.column]
    tail = line[start.column + len(joined) :]
    return (head + quote(joined) + tail).strip()


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


IsField = Callable[[Loc, str], bool]


class _Finder:
    def __init__(self, text: str, file: str, is_field: IsField) -> None:
        self.text = text
        self.file = file
        self.is_field = is_field
        self.lines = text.splitlines()
        self.slips: list[Slip] = []

    def walk(self, node: yaml.Node, loc: Loc) -> None:
        if isinstance(node, yaml.MappingNode):
            if node.flow_style:
                self._mapping(node, loc)
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    self.walk(value, (*loc, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.walk(item, (*loc, i))

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> None:
        pairs = node.value
        i = 0
        while i < len(pairs):
            owner_key, owner_value = pairs[i]
            j = i + 1
            while j < len(pairs) and _valueless(*pairs[j]):
                j += 1
            pieces = [k for k, _ in pairs[i + 1 : j]]
            prose = _plain(owner_value) and (
                _depth(owner_value.value) != 0
                or any(_prose(p.value) for p in pieces)
                # `{transform: log of counts, decayed}`: words that are no field nor a typo of one.
                or not any(self.is_field(loc, p.value) for p in pieces)
            )
            if pieces and _plain(owner_key) and _plain(owner_value) and prose:
                self._mapping_slip(loc, owner_key, owner_value, pieces)
            i = j

    def _mapping_slip(
        self, loc: Loc, key: yaml.ScalarNode, value: yaml.ScalarNode, pieces: list[yaml.Node]
    ) -> None:
        end = pieces[-1].end_mark.index
        names = ", ".join(f"'{p.value}'" for p in pieces)
        keys = "key" if len(pieces) == 1 else "keys"
        message = (
            f"the value of '{key.value}' has a comma in it, so YAML split it into the {keys} "
            f"{names}; put the whole value in quotes: "
            f"{_rewritten(self.text, self.lines, value.start_mark, end)}"
        )
        path = _dotted((*loc, key.value))
        mark = Mark(value.start_mark.line + 1, value.start_mark.column + 1)
        covers = (path, *(_dotted((*loc, p.value)) for p in pieces))
        problem = problem_at(self.file, mark, path, message, self.lines)
        self.slips.append(Slip(problem, covers))


def _no_fields(loc: Loc, key: str) -> bool:
    return False


def find_slips(text: str, file: str, is_field: IsField = _no_fields) -> list[Slip]:
    """Every comma slip in the flow-style mappings of a YAML text that parses.

    `is_field(loc, key)` says whether `key` is a field of the mapping at `loc` or a likely
    typo of one: such a key lacks its value, it is not the tail of the value before it.
    """
    if "," not in text:
        return []
    loader = FAST_LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return []
    finally:
        loader.dispose()
    finder = _Finder(text, file, is_field)
    if node is not None:
        finder.walk(node, ())
    return finder.slips


def _covered(path: str, covers: tuple[str, ...]) -> bool:
    return any(path == c or path.startswith((c + ".", c + "[")) for c in covers)


def explain_slips(problems: list[Problem], slips: list[Slip]) -> list[Problem]:
    """The problems with those a mapping slip caused replaced by one problem per slip."""
    kept = [p for p in problems if not any(_covered(p.path, s.covers) for s in slips)]
    return kept + [s.problem for s in slips]


def _list_message(first: int, items: list[str]) -> str:
    joined = ", ".join(items)
    return (
        f"items {first + 1} to {first + len(items)} of this list look like one item split at "
        f"its commas: '{joined}'; if it is one item, put it in quotes: {quote(joined)}"
    )


def find_list_slips(doc: Positioned, file: str, lines: list[str]) -> list[Problem]:
    """Warnings for `[...]` items whose brackets only balance when joined.

    Works on the loaded data and positions alone (no second parse), so that a valid spec
    pays almost nothing for it.
    """
    found: list[Problem] = []

    def flow(loc: Loc) -> bool:
        mark = doc.values.get(loc)
        if mark is None or mark.line > len(lines):
            return False
        return lines[mark.line - 1][mark.col - 1 : mark.col] == "["

    def walk(node: Any, loc: Loc) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*loc, key))
        elif isinstance(node, list):
            if flow(loc):
                _scan(node, loc)
            for i, item in enumerate(node):
                walk(item, (*loc, i))

    def _scan(items: list[Any], loc: Loc) -> None:
        i = 0
        while i < len(items):
            if not isinstance(items[i], str) or _depth(items[i]) <= 0:
                i += 1
                continue
            depth, j = _depth(items[i]), i
            while depth > 0 and j + 1 < len(items) and isinstance(items[j + 1], str):
                j += 1
                depth += _depth(items[j])
            if depth == 0 and j > i:
                message = _list_message(i, items[i : j + 1])
                mark = doc.value_mark((*loc, i))
                found.append(problem_at(file, mark, _dotted((*loc, i)), message, lines))
                i = j + 1
            else:
                i += 1

    walk(doc.data, ())
    return found
