"""The field reference: every field of the spec format, read off the pydantic models.

Each entry has the field's dotted path (`serving.stages[].kind`), a readable type with its
units, the allowed values with their aliases, the default, the description and an example
(taken from the bundled specs when one of them sets the field).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from designdoc.spec import units
from designdoc.spec.models.root import Spec
from designdoc.spec.vocab import ALIASES
from designdoc.spec.vocab_text import VALUE_TEXT

_QUANTITIES: dict[type, tuple[str, str]] = {
    units.Count: ("count", "100M, 2B, 10k or a plain number"),
    units.Duration: (
        "duration",
        "200ms, 1.5s, 30min, 7d, 6mo (a month is 30.44 days, a year 365); units: "
        + ", ".join(units.DURATION_UNITS),
    ),
    units.ByteSize: ("size", "64B, 4KiB, 2kB, 1.5TB; a plain number is bytes"),
    units.Fraction: ("share", "5% or 0.05"),
}
_VALIDATORS = {
    units.parse_percent: ("percentage", "99.9 or 99.9%"),
    units.parse_share: ("share", "80% or 0.8"),
}


@dataclass
class Value:
    name: str
    description: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class FieldDoc:
    path: str
    type: str
    description: str
    units: str = ""
    values: list[Value] = field(default_factory=list)
    default: str = ""
    example: str = ""
    required: bool = False
    section: bool = False

    @property
    def top(self) -> str:
        return self.path.split(".")[0].split("[")[0]


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _describe(annotation: Any, metadata: list[Any]) -> tuple[str, str, Any]:
    """(type text, units text, inner model or enum) of an annotation."""
    annotation = _strip_optional(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _describe(inner, [*metadata, *extra])
    for item in metadata:
        func = getattr(item, "func", None)
        if func in _VALIDATORS:
            kind, how = _VALIDATORS[func]
            return kind, how, None
    if origin is list:
        text, how, inner = _describe(typing.get_args(annotation)[0], [])
        return f"list of {text}", how, inner
    if origin is dict:
        key, value = typing.get_args(annotation)
        text, how, inner = _describe(value, [])
        return f"mapping of {getattr(key, '__name__', key)} to {text}", how, inner
    if origin is Literal:
        return "one of " + ", ".join(str(a) for a in typing.get_args(annotation)), "", None
    if isinstance(annotation, type):
        if issubclass(annotation, units.Quantity):
            return _QUANTITIES[annotation][0], _QUANTITIES[annotation][1], None
        if issubclass(annotation, StrEnum):
            return "one of", "", annotation
        if issubclass(annotation, BaseModel):
            return "section", "", annotation
        names = {str: "text", int: "whole number", float: "number", bool: "true or false"}
        if annotation in names:
            return names[annotation], "", None
        return annotation.__name__, "", None
    return str(annotation), "", None


def _values(enum: type[StrEnum]) -> list[Value]:
    text = VALUE_TEXT.get(enum.__name__, {})
    aliases = ALIASES.get(enum, {})
    return [
        Value(m.value, text.get(m.value, ""), [a for a, v in aliases.items() if v == m.value])
        for m in enum
    ]


def _default(info: FieldInfo) -> str:
    if info.default_factory is not None:
        made = info.default_factory()  # type: ignore[call-arg]
        return "[]" if made == [] else "{}" if made == {} else ""
    if info.default is PydanticUndefined or info.default is None:
        return ""
    if isinstance(info.default, bool):
        return str(info.default).lower()
    return str(info.default)


@cache
def _bundled_examples() -> dict[str, str]:
    """The first value each field path has in the bundled specs."""
    from designdoc.files.resources import specs_dir

    found: dict[str, str] = {}

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list):
            for item in node:
                walk(item, f"{path}[]")
            if node and not isinstance(node[0], dict | list):
                found.setdefault(path, "[" + ", ".join(str(i) for i in node[:3]) + "]")
        elif node is not None:
            found.setdefault(path, str(node).lower() if isinstance(node, bool) else str(node))

    for path in sorted(specs_dir().glob("*.yaml")):
        walk(yaml.load(path.read_text(encoding="utf-8"), Loader=units_loader()), "")
    return found


def units_loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _example(path: str, kind: str, values: list[Value], examples: dict[str, str]) -> str:
    if path in examples:
        text = examples[path]
        return text if len(text) <= 60 else text[:57] + "..."
    if values:
        return values[0].name
    fallback = {"count": "10k", "duration": "200ms", "size": "2KB", "share": "5%"}
    return fallback.get(kind, {"percentage": "99.9%", "true or false": "true"}.get(kind, ""))


def field_docs(model: type[BaseModel] = Spec, prefix: str = "") -> list[FieldDoc]:
    """Every field of `model`: its own fields first, then each section inside it, in order."""
    examples = _bundled_examples()
    plain: list[FieldDoc] = []
    nested: list[FieldDoc] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}.{key}" if prefix else key
        kind, how, inner = _describe(info.annotation, list(info.metadata))
        is_model = isinstance(inner, type) and issubclass(inner, BaseModel)
        values = _values(inner) if isinstance(inner, type) and issubclass(inner, StrEnum) else []
        doc = FieldDoc(
            path=path,
            type=kind.replace("section", "items") if kind.startswith("list") else kind,
            description=info.description or "",
            units=how,
            values=values,
            default=_default(info),
            required=info.is_required(),
            section=is_model,
        )
        if is_model:
            nested.append(doc)
            nested += field_docs(inner, f"{path}[]" if kind.startswith("list") else path)
        else:
            doc.example = _example(path, kind, values, examples)
            plain.append(doc)
    return plain + nested


def sections() -> list[str]:
    return [info.alias or name for name, info in Spec.model_fields.items()]
