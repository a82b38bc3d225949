"""The shape of an estimate, and a helper that gathers its inputs from the spec."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from designdoc.spec import numbers as fmt
from designdoc.spec.numbers import TOO_LARGE
from designdoc.spec.units import Duration, Quantity

Number = Quantity | float | int


@dataclass(frozen=True)
class Input:
    """One input of an estimate: its name, its value as written, and where it came from."""

    name: str
    text: str
    field: str  # a dotted spec path, "default" (an assumed value) or "estimate" (another result)
    value: float


@dataclass(frozen=True)
class Estimate:
    """A back-of-the-envelope figure; `value` is None when it was skipped."""

    key: str
    name: str
    formula: str
    unit: str  # the base unit of `value`: requests/s, bytes, s, days, servers...
    value: float | None = None
    display: str = ""
    inputs: tuple[Input, ...] = ()
    missing: tuple[str, ...] = ()  # spec fields that would enable a skipped estimate
    reason: str = ""  # why a skipped estimate was skipped
    comparison: str = ""  # e.g. "400 servers provisioned"
    key_figure: bool = False  # shown among the key estimates in the CLI
    alternatives: tuple[tuple[str, str], ...] = ()  # (missing field, a field that does instead)

    @property
    def computed(self) -> bool:
        return self.value is not None

    @property
    def enable_hint(self) -> str:
        """What would make a skipped estimate computable."""
        if self.missing:
            instead = dict(self.alternatives)
            return "set " + " and ".join(
                f"`{m}` (or `{instead[m]}`)" if m in instead else f"`{m}`" for m in self.missing
            )
        return self.reason


@dataclass
class Inputs:
    """Collects an estimate's inputs; a missing one is remembered rather than raised."""

    items: list[Input] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    alternatives: dict[str, str] = field(default_factory=dict)

    def add(
        self,
        name: str,
        value: Number | None,
        where: str,
        default: float | None = None,
        instead: str | None = None,
    ) -> float:
        """The input's value in base units; NaN (and noted as missing) when absent.

        `instead` names another field that would do in its place, for the hint."""
        if value is None and default is not None:
            self.items.append(Input(name, f"{_plain(default)} (assumed)", "default", default))
            return default
        if value is None:
            self.missing.append(where)
            if instead:
                self.alternatives[where] = instead
            return math.nan
        number = float(value.value if isinstance(value, Quantity) else value)
        if isinstance(value, Duration):
            text = fmt.duration(number)  # as every duration is shown: 60 s, 14 days
        else:
            text = value.text if isinstance(value, Quantity) else _plain(number)
        self.items.append(Input(name, text, where, number))
        return number

    def result(self, name: str, estimate: Estimate | None) -> float:
        """Use another estimate's result as an input; missing when that one was skipped."""
        if estimate is None or estimate.value is None:
            self.missing.extend(
                m for m in (estimate.missing if estimate else ()) if m not in self.missing
            )
            self.alternatives.update(estimate.alternatives if estimate else ())
            if estimate is not None and not estimate.missing:
                self.missing.append(f"(inputs of {estimate.name})")
            return math.nan
        self.items.append(Input(name, estimate.display, "estimate", estimate.value))
        return estimate.value


STAGE_LATENCY = "serving.stages[].latency"


def input_sources(estimates: Iterable[Estimate]) -> list[tuple[str, str]]:
    """Each (input name, spec field) pair once, in order of first use, for a table's footnote.

    Stage indexes are dropped (`serving.stages[].items_in`), other estimates and assumed
    values come from no field, and stage latencies share one entry.
    """
    pairs: dict[tuple[str, str], None] = {}
    for estimate in estimates:
        for item in estimate.inputs:
            if item.field in ("estimate", "default"):
                continue
            where = re.sub(r"\[\d+\]", "[]", item.field)
            name = "stage latencies" if where == STAGE_LATENCY else item.name
            pairs.setdefault((name, where), None)
    return list(pairs)


def _plain(number: float) -> str:
    return f"{number:g}" if abs(number) < 1e15 else f"{number:.3e}"


def make(
    key: str,
    name: str,
    formula: str,
    unit: str,
    inputs: Inputs,
    compute: Callable[[], float],
    show: Callable[[float], str],
    *,
    key_figure: bool = False,
    compare: Callable[[float], str] | None = None,
) -> Estimate:
    """An estimate from its inputs, or a skipped one that says why; never inf or nan."""
    base = Estimate(
        key,
        name,
        formula,
        unit,
        inputs=tuple(inputs.items),
        key_figure=key_figure,
        alternatives=tuple(inputs.alternatives.items()),
    )
    if inputs.missing:
        return replace(base, missing=tuple(dict.fromkeys(inputs.missing)))
    try:
        value = compute()
    except ZeroDivisionError:
        return replace(base, reason="an input is zero")
    except OverflowError:
        value = math.inf
    if not math.isfinite(value) or abs(value) > TOO_LARGE:
        return replace(base, reason="the inputs are too large for a useful figure")
    return replace(
        base, value=value, display=show(value), comparison=compare(value) if compare else ""
    )
