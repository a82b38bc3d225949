"""YAML loading that keeps where each key and value stood, and refuses what PyYAML lets pass."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from designdoc.errors import Problem
from designdoc.spec.scalars import ScalarError, check_collection_tag, construct_scalar

Loc = tuple[str | int, ...]
MAX_NODES = 200_000  # a spec has a few thousand; alias bombs hit this at once
# Typesetting time grows with the entries of the spec's lists (long tables and bullet lists
# re-flow on every page). The bundled specs hold about 200 entries, none more than 32 in a
# list; these limits keep any build within a minute or two and are stated up front.
MAX_LIST = 200
MAX_ENTRIES = 1_000
# libyaml's parser when PyYAML has it (several times faster). It is stricter than PyYAML's
# own parser in a few corners (e.g. `{a:, b: 1}`), so a document it rejects is parsed again
# by the pure-Python parser, which also gives the error a user sees.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class Positioned:
    """The plain data of a YAML document and the position of every key and value in it."""

    data: Any
    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)

    def mark(self, loc: Loc) -> Mark:
        """The position of `loc`, or of its nearest ancestor that has one."""
        for end in range(len(loc), -1, -1):
            here = loc[:end]
            if end == len(loc) and here in self.keys:
                return self.keys[here]
            if here in self.values:
                return self.values[here]
            if here in self.keys:
                return self.keys[here]
        return Mark(1, 1)

    def value_mark(self, loc: Loc) -> Mark:
        return self.values.get(loc) or self.mark(loc)


class StructureError(Exception):
    """A YAML document that is valid YAML but not a usable spec (duplicate key, alias bomb)."""

    def __init__(self, mark: Mark, message: str, path: str = "") -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.path = path


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.out = Positioned(data=None)
        self.count = 0
        self.entries = 0

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise StructureError(
                _mark(node),
                f"the document expands to more than {MAX_NODES:,} nodes "
                "(aliases nested too deep?); refusing to load it",
            )
        self.out.values[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self._checked(check_collection_tag, node, loc)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            self._count_entries(node, loc)
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._checked(lambda n: construct_scalar(self.loader, n), node, loc)

    def _count_entries(self, node: yaml.SequenceNode, loc: Loc) -> None:
        size = len(node.value)
        if size > MAX_LIST:
            raise StructureError(
                _mark(node),
                f"a list of {size:,} entries; a list may hold at most {MAX_LIST}",
                _dotted(loc),
            )
        self.entries += size
        if self.entries > MAX_ENTRIES:
            raise StructureError(
                _mark(node),
                f"the spec's lists hold more than {MAX_ENTRIES:,} entries in all "
                "(the limit that keeps a build to about a minute)",
                _dotted(loc),
            )

    @staticmethod
    def _checked(check: Callable[[Any], Any], node: yaml.Node, loc: Loc) -> Any:
        try:
            return check(node)
        except ScalarError as exc:
            raise StructureError(_mark(node), str(exc), _dotted(loc)) from None

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                # Merge keys can grow exponentially while PyYAML flattens them; specs do without.
                raise StructureError(
                    _mark(key_node),
                    "merge keys ('<<') are not supported in a spec; "
                    "anchor and alias a whole value instead",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise StructureError(_mark(key_node), "a key must be a plain scalar")
            key = self._checked(lambda n: construct_scalar(self.loader, n), key_node, loc)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in result:
                first = self.out.keys[(*loc, key)]
                raise StructureError(
                    _mark(key_node),
                    f"duplicate key '{key}' (first defined at line {first.line})",
                    _dotted((*loc, key)),
                )
            self.out.keys[(*loc, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*loc, key))
        return result


def _explicit_flow_key(root: yaml.Node | None, text: str) -> bool:
    """Whether a `{...}` or `[...]` holds a `? key`. libyaml reads on past some errors after
    one (a later `?` becomes part of the key), so such text is parsed by PyYAML, which
    reports the error where it is."""
    stack = [root] if root is not None else []
    seen: set[int] = set()  # an alias is one node met many times: walk it once
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if node.flow_style and text[: key.start_mark.index].rstrip().endswith("?"):
                    return True
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return False


def compose_single(text: str) -> tuple[yaml.Node | None, yaml.SafeLoader]:
    """The one document of `text`; several documents are an error."""
    if FAST_LOADER is not yaml.SafeLoader:
        fast = FAST_LOADER(text)
        try:
            node = fast.get_single_node()
            if not _explicit_flow_key(node, text):
                return node, fast
        except yaml.YAMLError:
            pass
        fast.dispose()
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        if "another document" in (exc.problem or "") and exc.problem_mark:
            mark = exc.problem_mark
            raise StructureError(
                Mark(mark.line + 1, mark.column + 1),
                "the file holds several YAML documents; a spec is one document (remove the '---')",
            ) from None
        raise
    return node, loader


def load_positioned(text: str) -> Positioned:
    """Parse `text` into plain data plus positions; raises yaml errors or StructureError."""
    node, loader = compose_single(text)
    builder = _Builder(loader)
    if node is None:
        return builder.out
    try:
        builder.out.data = builder.build(node, ())
    finally:
        loader.dispose()
    return builder.out


def problem_at(file: str, mark: Mark, path: str, message: str, lines: list[str]) -> Problem:
    return Problem(file, mark.line, mark.col, path, message, code_frame(lines, mark))


FRAME_WIDTH = 100  # characters of a line a code frame shows, around the column


def code_frame(lines: list[str], mark: Mark, context: int = 1) -> str:
    """The lines around `mark`, numbered, with a caret under its column.

    Long lines are cut to a window around the column, so that a problem on a line of
    thousands of characters still prints a few lines, not the whole line each time.
    """
    if not lines or mark.line > len(lines):
        return ""
    first = max(1, mark.line - context)
    width = len(str(mark.line))
    long = len(lines[mark.line - 1]) > FRAME_WIDTH
    start = max(0, mark.col - 1 - FRAME_WIDTH // 2) if long else 0
    out = []
    for number in range(first, mark.line + 1):
        text = lines[number - 1].rstrip("\n")
        out.append(f"{number:>{width}} | {_window(text, start)}")
    lead = 1 if start else 0  # the "…" that stands for the cut start
    out.append(f"{'':>{width}} | {' ' * (mark.col - 1 - start + lead)}^")
    return "\n".join(out)


def _window(text: str, start: int) -> str:
    shown = text[start : start + FRAME_WIDTH]
    if start and shown:
        shown = "…" + shown
    return shown + "…" if len(text) > start + FRAME_WIDTH else shown
