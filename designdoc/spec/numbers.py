"""Readable numbers for estimates: 93K, 6.4 TB, 12 days. Never `inf` or `nan`."""

from __future__ import annotations

import math

from designdoc.spec.grammar import for_count

_COUNT_STEPS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
_SIZE_STEPS = ((1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"))
# (from this many seconds, divide by, unit): 90 s stays seconds, 3 h stays hours.
_DURATION_STEPS = (
    (365 * 86400.0, 365 * 86400.0, "years"),
    (2 * 86400.0, 86400.0, "days"),
    (2 * 3600.0, 3600.0, "hours"),
    (120.0, 60.0, "min"),
    (1.0, 1.0, "s"),
)
TOO_LARGE = 1e24  # past this a back-of-the-envelope figure says nothing useful


def _plain(number: float) -> str:
    """Two significant figures below 10, whole numbers above: 6.4, 93, 512."""
    if 0 < number < 1:
        return f"{number:.2g}"
    if number >= 10:
        return f"{number:,.0f}"
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _scaled(number: float, steps: tuple[tuple[float, str], ...], sep: str) -> str:
    for factor, suffix in steps:
        if number >= factor * 0.9995:  # so 999,999 reads 1M, not 1,000K
            shown = number / factor
            if shown >= 9999.5:
                return f"{number:.1e}"
            return f"{_plain(shown)}{sep}{suffix}"
    return _plain(number)


def safe(number: float | None) -> float | None:
    """The number itself when finite, else None."""
    if number is None or not math.isfinite(number):
        return None
    return number


def count(number: float | None, unit: str = "") -> str:
    """A count such as 93K, 7.8M or 2B, with an optional unit after it."""
    value = safe(number)
    if value is None:
        return "n/a"
    sign = "-" if value < 0 else ""
    text = sign + _scaled(abs(value), _COUNT_STEPS, "")
    return f"{text} {for_count(text, unit)}".rstrip()


def size(number: float | None, per: str = "") -> str:
    """A byte size such as 6.4 TB or 512 B; `per` adds a rate, e.g. "/s"."""
    value = safe(number)
    if value is None:
        return "n/a"
    text = _scaled(abs(value), _SIZE_STEPS, " ")
    return (f"{text} B" if text[-1].isdigit() else text) + per


def duration(seconds: float | None) -> str:
    """A span such as 200 ms, 45 s, 12 days or 3.2 years."""
    value = safe(seconds)
    if value is None:
        return "n/a"
    value = abs(value)
    if value == 0:
        return "0 ms"
    if value < 1e-3:
        return f"{_plain(value * 1e6)} µs"
    if value < 1:
        return f"{_plain(value * 1e3)} ms"
    for start, factor, unit in _DURATION_STEPS:
        if value >= start:
            shown = value / factor
            return f"{shown:.1e} {unit}" if shown >= 1e6 else f"{_plain(shown)} {unit}"
    return f"{_plain(value)} s"


def days(number: float | None) -> str:
    """Whole days, rounded up: a test cannot stop part way through a day."""
    value = safe(number)
    if value is None:
        return "n/a"
    whole = math.ceil(value - 1e-9)
    if whole >= 1e6:
        return f"{value:.1e} days"
    return "1 day" if whole == 1 else f"{whole:,} days"


def percent(share: float | None) -> str:
    """A 0..1 share as a percentage: 0.25 -> 25%."""
    value = safe(share)
    if value is None:
        return "n/a"
    return f"{_plain(value * 100)}%"


def share(value: float, text: str) -> str:
    """A share as written, with its percentage when written as a bare number: 0.08 (8%)."""
    written = text.strip()
    if written.endswith("%"):
        return written
    return f"{written} ({percent(value)})"
