"""A review rule as data: id, step, severity, categories, predicate, message and why."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from designdoc.spec.framework import STEP_NAMES
from designdoc.spec.locate import dotted
from designdoc.spec.positions import Loc
from designdoc.spec.vocab import Category, Severity

if TYPE_CHECKING:
    from designdoc.review.rules.context import Context

ERROR, WARNING, INFO = Severity.error, Severity.warning, Severity.info


@dataclass(frozen=True)
class Hit:
    """One thing a rule found: where it is in the spec, and what to say about it."""

    loc: Loc
    message: str
    severity: Severity | None = None  # for a rule whose severity depends on the spec


Check = Callable[["Context"], Iterable[Hit]]
Applies = Callable[["Context"], bool]


@dataclass(frozen=True)
class Rule:
    """One entry of the catalogue. `check` yields nothing when the spec passes."""

    id: str
    step: int
    severity: Severity
    title: str  # the one line `designdoc rules` prints
    why: str
    source: str
    check: Check
    categories: frozenset[Category] | None = None  # None: every category
    applies: Applies | None = None  # further conditions; the rule is "n/a" when false
    thresholds: tuple[str, ...] = ()  # names of the thresholds it reads (defaults: thresholds.py)
    when: str = ""  # its conditions in words, for `check --explain`; "" when it always applies
    same_cause_as: tuple[str, ...] = ()  # rules that report the same root cause (one finding)
    reads: str = ""  # the field it reads: what satisfied it when the check cites nothing finer

    @property
    def step_name(self) -> str:
        return STEP_NAMES[self.step]


def empty(value: Any) -> bool:
    """True for None, blank text and empty lists or mappings."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict | set | frozenset):
        return len(value) == 0
    return False


def require(get: Callable[[Context], Any], loc: Loc, message: str) -> Check:
    """A check that fails when the field `get` reads is empty."""

    def check(ctx: Context) -> Iterator[Hit]:
        if empty(get(ctx)):
            yield Hit(loc, message)
        else:
            ctx.cite(dotted(loc))

    return check
