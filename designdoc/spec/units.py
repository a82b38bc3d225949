"""Quantities with units: counts (100M), durations (200ms), byte sizes (1.5TB), fractions (1%).

Each parsed value keeps the text it was written as, for display, and its value
in a base unit (items, seconds, bytes, a 0..1 fraction) for arithmetic.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

_NUMBER = r"[-+]?(?:[0-9][0-9_,]*(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
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
MONTH_SECONDS = 30.44 * 86400  # a mean calendar month (365.25 / 12 days)
YEAR_SECONDS = 365 * 86400
# Each spelling of a duration unit, by the magnitude it names, largest last.
DURATION_CLASSES: dict[str, tuple[float, tuple[str, ...]]] = {
    "microseconds": (1e-6, ("us", "µs")),
    "milliseconds": (1e-3, ("ms", "msec")),
    "seconds": (1, ("s", "sec", "secs", "second", "seconds")),
    "minutes": (60, ("min", "mins", "m", "minute", "minutes")),
    "hours": (3600, ("h", "hr", "hrs", "hour", "hours")),
    "days": (86400, ("d", "day", "days")),
    "weeks": (604800, ("w", "wk", "week", "weeks")),
    "months": (MONTH_SECONDS, ("mo", "mos", "mon", "month", "months")),
    "years": (YEAR_SECONDS, ("y", "yr", "yrs", "year", "years")),
}
_LENGTHS = {"months": " of 30.44 days", "years": " of 365 days"}
DURATION_UNITS: dict[str, float] = {
    unit: seconds for seconds, units in DURATION_CLASSES.values() for unit in units
}
# Spelt-out units may be written in any case (`Days`, `MONTHS`); `M`, `Ms` may not.
DURATION_FOLDED = frozenset(u for u in DURATION_UNITS if len(u) >= 3)
_DURATION_LOWER = {u.lower(): v for u, v in DURATION_UNITS.items() if u in DURATION_FOLDED}
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
    if value < 0 or math.copysign(1, value) < 0:
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


def parse_whole(raw: Any) -> Any:
    """A whole number, with the suffixes a count takes (`2M`, `10k`, `1,000`); other values
    go on to pydantic's own integer check."""
    if not isinstance(raw, str) or not _QUANTITY.match(raw):
        return raw
    number, unit, text = _split(raw, "whole number", "3 or 2M")
    if unit not in COUNT_UNITS:
        raise PydanticCustomError(
            "unit",
            "expected a whole number such as 3 or 2M, got '{raw}' ('{unit}' is not k, M, B or T)",
            {"raw": text, "unit": unit},
        )
    value = _bounded(number * COUNT_UNITS[unit], "whole number")
    if not float(value).is_integer():
        raise PydanticCustomError(
            "quantity", "expected a whole number such as 3 or 2M, got '{raw}'", {"raw": text}
        )
    return int(value)


def parse_duration(raw: Any) -> Duration:
    if isinstance(raw, Duration):
        return raw
    number, unit, text = _split(raw, "duration", "200ms, 1.5s, 30min or 7d")
    if unit == "":
        raise PydanticCustomError(
            "unit", "a duration needs a unit, e.g. '{n}ms' or '{n}s'", {"n": text}
        )
    factor = DURATION_UNITS.get(unit) or _DURATION_LOWER.get(unit.lower())
    if factor is None:
        raise _unknown_duration(unit)
    _non_negative(number, "duration")
    return Duration(value=_bounded(number * factor, "duration"), text=text)


def duration_class(unit: str) -> str:
    """The magnitude a duration unit names: `m` is minutes, `mo` months."""
    for name, (_, units) in DURATION_CLASSES.items():
        if unit in units or unit.lower() in units:
            return name
    return ""


def _unknown_duration(unit: str) -> PydanticCustomError:
    """An unknown duration unit, with a suggestion that names its magnitude.

    A close spelling can be a unit a thousand times off (`mo` is not `m`), so every
    suggestion says what it means, and one of each magnitude is given when several are close.
    """
    import difflib

    word = unit.lower()
    spellings = [u for u in DURATION_UNITS if u]
    prefixed = [u for u in spellings if len(word) >= 2 and len(u) > len(word) > 0]
    prefixed = [u for u in prefixed if u.startswith(word)]
    close = prefixed or difflib.get_close_matches(word, spellings, n=6, cutoff=0.6)
    seen: dict[str, str] = {}
    for match in close:
        seen.setdefault(duration_class(match), match)
    offers = [f"'{u}' ({name})" for name, u in seen.items()]
    hint = "; did you mean " + " or ".join(offers) + "?" if offers else ""
    names = ", ".join(
        f"{units[0]} ({name}{_LENGTHS.get(name, '')})"
        for name, (_, units) in DURATION_CLASSES.items()
    )
    return PydanticCustomError(
        "unit",
        "unknown duration unit '{unit}'{hint} (units: {names})",
        {"unit": unit, "hint": hint, "names": names},
    )


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
    elif unit == "pp":
        raise PydanticCustomError(
            "unit",
            "percentage points ('pp') are read only as an A/B test's mde, next to its "
            "baseline_rate; write a share as 5% or 0.05",
        )
    elif unit:
        raise PydanticCustomError(
            "unit", "a share is written as 5% or 0.05, not with '{u}'", {"u": unit}
        )
    if not 0 <= number <= 1:
        raise PydanticCustomError(
            "quantity",
            "a share lies between 0 and 1: write it like 5% or 0.05, got '{raw}'",
            {"raw": text},
        )
    return Fraction(value=number, text=text)


def relative_mde(raw: Any, baseline: Any) -> Any:
    """An mde in percentage points (`2pp`) as the share of the baseline it is: 2pp on 8% is
    25%. Anything else is returned as it came, for the share parser."""
    if not (isinstance(raw, str) and raw.strip().lower().endswith("pp")) or baseline is None:
        return raw
    number, unit, text = _split(raw, "share", "2pp, 5% or 0.05")
    try:
        base = parse_fraction(baseline).value
    except PydanticCustomError:
        return raw  # the baseline's own error is reported at the baseline
    if unit.lower() != "pp" or base <= 0:
        return raw
    relative = number / 100 / base
    return Fraction(value=relative, text=f"{text} ({_plain_percent(relative)} of {baseline})")


def _plain_percent(share: float) -> str:
    return f"{share * 100:.3g}%"


def parse_share(raw: Any) -> float:
    """A share as a plain number between 0 and 1; `80%` is 0.8."""
    return parse_fraction(raw).value


def parse_threshold(raw: Any) -> Any:
    """A review threshold: a plain number, or a share written with `%` (`10%` is 0.1)."""
    if isinstance(raw, str) and raw.strip().endswith("%"):
        return parse_fraction(raw).value
    return raw


def parse_percent(raw: Any) -> float:
    """A percentage above 0 and up to 100, written `99.9` or `99.9%`; the number in percent."""
    example = "write it like 99.9 or 99.9%"
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise PydanticCustomError("quantity", f"expected a percentage; {example}")
    number, unit, text = _split(raw, "percentage", "99.9 or 99.9%")
    if unit not in ("", "%"):
        raise PydanticCustomError(
            "unit", "a percentage has no unit '{u}'; {example}", {"u": unit, "example": example}
        )
    if not 0 < number <= 100:
        raise PydanticCustomError(
            "quantity",
            "a percentage lies above 0 and up to 100; {example}, got '{raw}'",
            {"example": example, "raw": text},
        )
    return number


# ---- JSON Schema: the spellings above, generated from the unit tables ---------------------------

_SCHEMA_NUMBER = r"\+?(?:[0-9][0-9_,]*(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
# 0..100 and 0..1 as the parser reads them (without exponents or digit separators).
_UP_TO_100 = r"\+?(?:0*100(?:\.0+)?|0*[0-9]{1,2}(?:\.[0-9]+)?|\.[0-9]+)"
_UP_TO_1 = r"\+?(?:0*1(?:\.0+)?|0+(?:\.[0-9]+)?|\.[0-9]+)"
_ZERO = r"\s*\+?(?:0+(?:\.0+)?|\.0+)\s*%?\s*$"


def any_case(word: str) -> str:
    """A regular expression for `word` in any case (JSON Schema patterns have no flags)."""
    return "".join(
        f"[{c.upper()}{c.lower()}]" if c.upper() != c.lower() else re.escape(c) for c in word
    )


def _units(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def quantity_pattern(
    units: dict[str, float], *, required: bool, fold: frozenset[str] = frozenset()
) -> str:
    """The pattern of a number and one of `units`; units in `fold` may be written in any case."""
    words = [any_case(u) if u in fold else re.escape(u) for u in units if u]
    unit = f"(?:{_units(words)})" + ("" if required else "?")
    return rf"^\s*{_SCHEMA_NUMBER}\s*{unit}\s*$"


def _schema(pattern: str, example: str) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": pattern}],
            "examples": [example],
        }
    )


_text = PlainSerializer(lambda q: q.text, return_type=str)

CountValue = Annotated[
    Count,
    BeforeValidator(parse_count),
    _text,
    _schema(quantity_pattern(COUNT_UNITS, required=False), "100M"),
]
DurationValue = Annotated[
    Duration,
    BeforeValidator(parse_duration),
    _text,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": quantity_pattern(DURATION_UNITS, required=True, fold=DURATION_FOLDED),
            "examples": ["200ms"],
        }
    ),
]
SizeValue = Annotated[
    ByteSize,
    BeforeValidator(parse_size),
    _text,
    _schema(
        quantity_pattern(
            SIZE_UNITS, required=False, fold=frozenset(u for u in SIZE_UNITS if "i" not in u)
        ),
        "1.5TB",
    ),
]
FractionValue = Annotated[
    Fraction,
    BeforeValidator(parse_fraction),
    _text,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 1},
                {"type": "string", "pattern": rf"^\s*(?:{_UP_TO_100}\s*%|{_UP_TO_1})\s*$"},
            ],
            "examples": ["5%", 0.05],
        }
    ),
]
ShareNumber = Annotated[
    float,
    BeforeValidator(parse_share),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 1},
                {"type": "string", "pattern": rf"^\s*(?:{_UP_TO_100}\s*%|{_UP_TO_1})\s*$"},
            ],
            "examples": [0.8, "80%"],
        }
    ),
]
"""A share kept as a plain number between 0 and 1; `80%` is read as 0.8."""
PercentNumber = Annotated[
    float,
    BeforeValidator(parse_percent),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
                {"type": "string", "pattern": rf"^(?!{_ZERO})\s*{_UP_TO_100}\s*%?\s*$"},
            ],
            "examples": [99.9, "99.9%"],
        }
    ),
]
"""A percentage kept as a number of percent, above 0 and up to 100: `99.9` or `99.9%`."""
ThresholdNumber = Annotated[
    float,
    BeforeValidator(parse_threshold),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {
                    "type": "string",
                    "pattern": r"^\s*[-+]?(?:[0-9](?:_?[0-9])*(?:\.[0-9]*)?"
                    r"|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*$",
                },
                {"type": "string", "pattern": rf"^\s*{_UP_TO_100}\s*%\s*$"},
            ],
            "examples": [0.1, "10%", 10000],
        }
    ),
]
"""A review threshold: a number, or a share with `%`."""
WholeNumber = Annotated[int, Field(ge=1), BeforeValidator(parse_whole)]
"""A whole number from 1, written plainly or with a count's suffix: `2000000` or `2M`."""
