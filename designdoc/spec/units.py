"""Quantities with units: counts (100M), durations (200ms), byte sizes (1.5TB), fractions (1%).

Each parsed value keeps the text it was written as, for display, and its value
in a base unit (items, seconds, bytes, a 0..1 fraction) for arithmetic.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

_NUMBER = r"[-+]?(?:\d[\d_,]*(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?"
_QUANTITY = re.compile(rf"^\s*({_NUMBER})\s*([A-Za-z%µ]*)\s*$")

COUNT_UNITS: dict[str, float] = {
    "": 1,
    "k": 1e3,
    "K": 1e3,
    "m": 1e6,
    "M": 1e6,
    "b": 1e9,
    "B": 1e9,
    "bn": 1e9,
    "t": 1e12,
    "T": 1e12,
}
DURATION_UNITS: dict[str, float] = {
    "us": 1e-6,
    "µs": 1e-6,
    "ms": 1e-3,
    "msec": 1e-3,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "min": 60,
    "mins": 60,
    "m": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "wk": 604800,
    "week": 604800,
    "weeks": 604800,
    "y": 31_536_000,
    "yr": 31_536_000,
}
SIZE_UNITS: dict[str, float] = {
    "B": 1,
    "KB": 1e3,
    "MB": 1e6,
    "GB": 1e9,
    "TB": 1e12,
    "PB": 1e15,
    "KiB": 2**10,
    "MiB": 2**20,
    "GiB": 2**30,
    "TiB": 2**40,
    "PiB": 2**50,
}
# Beyond any count, size or duration a real system has; keeps every estimate finite.
MAX_QUANTITY = 1e30
_SIZE_LOWER = {k.lower(): v for k, v in SIZE_UNITS.items() if not k.endswith("iB")}


class Quantity(BaseModel):
    """A number with the unit it was written in."""

    model_config = ConfigDict(frozen=True)

    value: float
    text: str

    def __float__(self) -> float:
        return self.value

    def __str__(self) -> str:
        return self.text


class Count(Quantity):
    """A number of things, e.g. `100M` users."""


class Duration(Quantity):
    """A span of time; `value` is in seconds."""


class ByteSize(Quantity):
    """An amount of data; `value` is in bytes."""


class Fraction(Quantity):
    """A share between 0 and 1; `1%` and `0.01` are the same."""


def _split(raw: Any, kind: str, example: str) -> tuple[float, str, str]:
    if isinstance(raw, bool):
        raise PydanticCustomError("quantity", f"expected a {kind} such as {example}, got a boolean")
    if isinstance(raw, int | float):
        if not abs(raw) <= MAX_QUANTITY:  # also refuses NaN; float() of a huge int overflows
            raise PydanticCustomError("quantity", f"expected a finite {kind} of at most 1e30")
        return float(raw), "", _plain(raw)
    if not isinstance(raw, str):
        raise PydanticCustomError("quantity", f"expected a {kind} such as {example}")
    match = _QUANTITY.match(raw)
    if not match:
        raise PydanticCustomError(
            "quantity",
            "'{raw}' is not a {kind}; write it like {example}",
            {"raw": raw, "kind": kind, "example": example},
        )
    number = float(match.group(1).replace("_", "").replace(",", ""))
    if not math.isfinite(number):
        raise PydanticCustomError("quantity", f"expected a finite {kind}")
    return number, match.group(2), raw.strip()


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _unknown_unit(unit: str, known: dict[str, float], kind: str) -> PydanticCustomError:
    from designdoc.spec.suggest import did_you_mean

    hint = did_you_mean(unit, list(known))
    names = ", ".join(k for k in known if k)
    return PydanticCustomError(
        "unit",
        "unknown {kind} unit '{unit}'{hint} (units: {names})",
        {"kind": kind, "unit": unit, "hint": hint, "names": names},
    )


def _non_negative(value: float, kind: str) -> None:
    if value < 0:
        raise PydanticCustomError("quantity", f"a {kind} cannot be negative")


def _bounded(value: float, kind: str) -> float:
    if not abs(value) <= MAX_QUANTITY:
        raise PydanticCustomError(
            "quantity", f"the {kind} is beyond any physical range (at most 1e30 in base units)"
        )
    return value


def parse_count(raw: Any) -> Count:
    if isinstance(raw, Count):
        return raw
    number, unit, text = _split(raw, "count", "100M, 2B, 10k or 5000")
    if unit not in COUNT_UNITS:
        raise _unknown_unit(unit, COUNT_UNITS, "count")
    _non_negative(number, "count")
    return Count(value=_bounded(number * COUNT_UNITS[unit], "count"), text=text)


def parse_duration(raw: Any) -> Duration:
    if isinstance(raw, Duration):
        return raw
    number, unit, text = _split(raw, "duration", "200ms, 1.5s, 30min or 7d")
    if unit == "":
        raise PydanticCustomError(
            "unit", "a duration needs a unit, e.g. '{n}ms' or '{n}s'", {"n": text}
        )
    if unit not in DURATION_UNITS:
        raise _unknown_unit(unit, DURATION_UNITS, "duration")
    _non_negative(number, "duration")
    return Duration(value=_bounded(number * DURATION_UNITS[unit], "duration"), text=text)


def parse_size(raw: Any) -> ByteSize:
    if isinstance(raw, ByteSize):
        return raw
    number, unit, text = _split(raw, "byte size", "64B, 4KiB or 1.5TB")
    factor = SIZE_UNITS.get(unit) or _SIZE_LOWER.get(unit.lower()) if unit else 1.0
    if factor is None:
        raise _unknown_unit(unit, SIZE_UNITS, "size")
    _non_negative(number, "byte size")
    return ByteSize(value=_bounded(number * factor, "byte size"), text=text if unit else f"{text}B")


def parse_fraction(raw: Any) -> Fraction:
    if isinstance(raw, Fraction):
        return raw
    number, unit, text = _split(raw, "share", "5%, 0.05")
    if unit == "%":
        number /= 100
    elif unit:
        raise PydanticCustomError(
            "unit", "a share is written as 5% or 0.05, not with '{u}'", {"u": unit}
        )
    if not 0 <= number <= 1:
        raise PydanticCustomError("quantity", "a share must lie between 0 and 1 (0% and 100%)")
    return Fraction(value=number, text=text)


def _schema(pattern: str, example: str) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": pattern}],
            "examples": [example],
        }
    )


_NUM_RE = r"^\s*[0-9][0-9_,]*(\.[0-9]+)?([eE][-+]?[0-9]+)?\s*"
_text = PlainSerializer(lambda q: q.text, return_type=str)

CountValue = Annotated[
    Count,
    BeforeValidator(parse_count),
    _text,
    _schema(_NUM_RE + r"(k|K|m|M|b|B|bn|t|T)?\s*$", "100M"),
]
DurationValue = Annotated[
    Duration,
    BeforeValidator(parse_duration),
    _text,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _NUM_RE
            + r"(us|ms|msec|s|secs?|mins?|m|h|hrs?|hours|d|days?|w|wk|weeks?|y|yr)\s*$",
            "examples": ["200ms"],
        }
    ),
]
SizeValue = Annotated[
    ByteSize,
    BeforeValidator(parse_size),
    _text,
    _schema(_NUM_RE + r"([KMGTP]i?B|[kmgtp]b|B)?\s*$", "1.5TB"),
]
FractionValue = Annotated[
    Fraction, BeforeValidator(parse_fraction), _text, _schema(_NUM_RE + r"%?\s*$", "5%")
]
