"""A validated spec as flat `path -> value` pairs, the way a reader compares two versions.

Only what a spec sets is listed (defaults are left out), quantities as written (`300M`),
and list items keyed by their id or name where they have one, so that inserting a stage
does not shift every later stage: `serving.stages[ranking].latency`.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from pydantic import BaseModel

from designdoc.spec.units import Quantity

ITEM_KEYS = ("id", "name", "metric", "topic", "objective", "question", "risk", "item", "title")

STEP_OF_SECTION: dict[str, tuple[int, str]] = {
    "work": (0, "Work document"),
    "requirements": (1, "Requirements"),
    "framing": (2, "Framing"),
    "data": (3, "Data"),
    "model": (4, "Model"),
    "evaluation": (5, "Evaluation"),
    "serving": (6, "Serving"),
    "monitoring": (7, "Monitoring"),
    "talking_points": (8, "Talking points and risks"),
    "risks": (8, "Talking points and risks"),
    "review": (9, "Review settings"),
    "document": (9, "Document settings"),
}
METADATA = (0, "Document")


def step_of(path: str) -> tuple[int, str]:
    """The step a field path belongs to: its top-level section's, else the metadata's."""
    top = path.split(".", 1)[0].split("[", 1)[0]
    return STEP_OF_SECTION.get(top, (-1, METADATA[1]))


def scalar(value: Any) -> str:
    if isinstance(value, Quantity):
        return value.text
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _item_key(item: Any) -> str | None:
    for key in ITEM_KEYS:
        value = item.get(key) if isinstance(item, dict) else getattr(item, key, None)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _list_keys(items: list[Any]) -> list[str]:
    """`[ranking]` for items with distinct ids or names, else `[0]`, `[1]`..."""
    keys = [_item_key(item) for item in items]
    if all(k is not None for k in keys) and len(set(keys)) == len(keys):
        return [f"[{k}]" for k in keys]
    return [f"[{i}]" for i in range(len(items))]


def _join(prefix: str, key: str) -> str:
    return key if not prefix else (prefix + key if key.startswith("[") else f"{prefix}.{key}")


def flatten(value: Any, prefix: str = "", out: dict[str, str] | None = None) -> dict[str, str]:
    """Every leaf value the spec sets, by path."""
    out = {} if out is None else out
    if isinstance(value, Quantity) or not isinstance(value, BaseModel | dict | list):
        out[prefix] = scalar(value)
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            field_value = getattr(value, name)
            if field_value is None or field_value == info.get_default(call_default_factory=True):
                continue
            flatten(field_value, _join(prefix, info.alias or name), out)
    elif isinstance(value, dict):
        for key, item in value.items():
            flatten(item, _join(prefix, str(key)), out)
    else:
        for key, item in zip(_list_keys(value), value, strict=True):
            flatten(item, prefix + key, out)
    return out


def prefixes(path: str) -> list[str]:
    """`a.b[c].d` -> `a`, `a.b`, `a.b[c]`, `a.b[c].d`."""
    found = []
    depth = 0
    for index, char in enumerate(path):
        if char == "[":
            depth += 1
            if depth == 1 and index:
                found.append(path[:index])
        elif char == "]":
            depth -= 1
        elif char == "." and depth == 0:
            found.append(path[:index])
    return [*found, path]
