"""Turn pydantic's errors into located problems: file:line:col, field path, did-you-mean."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from designdoc.errors import Problem
from designdoc.spec.positions import Loc, Positioned, problem_at
from designdoc.spec.suggest import did_you_mean


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...], list[...], dict[..., ...] or Annotated[...]."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found is not None:
                return found
        return None
    if origin in (list, tuple, set, frozenset):
        return _unwrap(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the mapping at `loc` (list indices are stepped over)."""
    current: type[BaseModel] | None = root
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = _field_by_key(current, part)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current


def _field_by_key(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


def field_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _message(error: ErrorDetails, root: type[BaseModel]) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = model_at(root, loc[:-1])
        key = str(loc[-1])
        # A key with spaces is a fragment of prose, not a misspelt key: no did-you-mean.
        hint = did_you_mean(key, field_keys(parent)) if parent and " " not in key else ""
        return f"unknown key '{key}'{hint}"
    if kind == "missing":
        return "this field is required"
    if kind == "literal_error" and loc == ("designdoc",):
        return f"the format version must be 1, not {error['input']!r}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys to values, got {_kind_of(error['input'])}"
    if kind == "list_type":
        return f"expected a list, got {_kind_of(error['input'])}"
    if kind == "string_type":
        value = error["input"]
        hint = ""
        if isinstance(value, bool | int | float):
            # YAML reads yes/no/on/off as booleans and 1.0 as a number.
            hint = "; put it in quotes to keep it as text"
        return f"expected text, got {_kind_of(value)}{hint}"
    if kind.startswith(("date_", "datetime_")):
        return f"expected a date written year-month-day, such as 2027-03-12, got {error['input']!r}"
    if kind in _NUMBER_MESSAGES:
        return _NUMBER_MESSAGES[kind].format(got=_kind_of(error["input"]), **error.get("ctx", {}))
    message = error["msg"]
    return message[len("Value error, ") :] if message.startswith("Value error, ") else message


_NUMBER_MESSAGES = {
    "int_parsing": "expected a whole number such as 3 or 2M, got {got}",
    "int_type": "expected a whole number such as 3 or 2M, got {got}",
    "int_from_float": "expected a whole number such as 3 or 2M, got {got}",
    "float_parsing": "expected a number such as 5 or 0.5, got {got}",
    "float_type": "expected a number such as 5 or 0.5, got {got}",
    "bool_parsing": "expected true or false, got {got}",
    "bool_type": "expected true or false, got {got}",
    "greater_than_equal": "must be at least {ge}, got {got}",
    "greater_than": "must be more than {gt}, got {got}",
    "less_than_equal": "must be at most {le}, got {got}",
    "less_than": "must be less than {lt}, got {got}",
}


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    return f"'{value}'" if isinstance(value, str) else type(value).__name__


def _error_loc(error: ErrorDetails) -> Loc:
    # Drop the function-validator markers pydantic inserts for Annotated validators.
    return tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))


def locate(
    exc: ValidationError, root: type[BaseModel], doc: Positioned, file: str, lines: list[str]
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = _error_loc(error)
        error = {**error, "loc": loc}
        if error["type"] == "extra_forbidden":
            mark = doc.mark(loc)
        elif error["type"] == "missing":
            mark = doc.value_mark(loc[:-1])
        else:
            mark = doc.value_mark(loc)
        problems.append(problem_at(file, mark, dotted(loc), _message(error, root), lines))
    return problems
