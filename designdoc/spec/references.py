"""Checks that span fields: ids must be unique, and every reference must name an id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from designdoc.spec.locate import dotted
from designdoc.spec.positions import Loc
from designdoc.spec.suggest import did_you_mean

KNOWN_SHOWN = 12  # ids listed when nothing is close; a message stays one readable line
# A cross-field problem: where (a value's location, except under review.severity, notes and
# thresholds, where it is a key's) and what is wrong.
CrossFieldProblem = tuple[Loc, str]


@dataclass(frozen=True)
class ReviewNames:
    """The rule ids and threshold names a spec's `review:` settings may use.

    The review owns them (its catalogue derives them from its rules) and hands them to the
    validator, so that validation never imports the review.
    """

    rules: tuple[str, ...]
    thresholds: tuple[str, ...]


def _items(data: Any, *path: str | int) -> list[tuple[int, dict[str, Any]]]:
    node = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, list):
        return []
    return [(i, item) for i, item in enumerate(node) if isinstance(item, dict)]


def _ids(data: Any, *path: str | int) -> dict[str, Loc]:
    return {
        str(item["id"]): (*path, i, "id")
        for i, item in _items(data, *path)
        if isinstance(item.get("id"), str)
    }


def _duplicates(data: Any, what: str, *paths: Loc) -> Iterator[CrossFieldProblem]:
    seen: dict[str, Loc] = {}
    for path in paths:
        for i, item in _items(data, *path):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            loc = (*path, i, "id")
            if ident in seen:
                yield loc, f"duplicate {what} id '{ident}' (also at {dotted(seen[ident])})"
            else:
                seen[ident] = loc


def _dangling(
    value: Any, known: dict[str, Loc], loc: Loc, what: str
) -> Iterator[CrossFieldProblem]:
    if isinstance(value, str) and value not in known:
        hint = did_you_mean(value, known) or (
            f"; known ids: {', '.join(sorted(known)[:KNOWN_SHOWN])}"
            + (f" and {len(known) - KNOWN_SHOWN} more" if len(known) > KNOWN_SHOWN else "")
            if known
            else f"; the spec defines no {what}"
        )
        yield loc, f"'{value}' does not name a {what}{hint}"


def check_references(data: Any, review_names: ReviewNames | None = None) -> list[CrossFieldProblem]:
    """Every cross-field problem of a raw spec, with the location it belongs to.

    Rule ids and threshold names under `review:` are checked when `review_names` is given.
    """
    if not isinstance(data, dict):
        return []
    findings: list[CrossFieldProblem] = []
    stage_ids = _ids(data, "serving", "stages")
    nodes = {**_ids(data, "serving", "components"), **stage_ids}
    sources = _ids(data, "data", "sources")
    findings += _duplicates(
        data, "stage or component", ("serving", "stages"), ("serving", "components")
    )
    findings += _duplicates(data, "data source", ("data", "sources"))
    for i, flow in _items(data, "serving", "flows"):
        for end in ("from", "to"):
            findings += _dangling(
                flow.get(end), nodes, ("serving", "flows", i, end), "stage or component"
            )
    for i, stage in _items(data, "serving", "stages"):
        peers = stage.get("parallel_with")
        for j, peer in enumerate(peers if isinstance(peers, list) else []):
            findings += _dangling(
                peer, stage_ids, ("serving", "stages", i, "parallel_with", j), "stage"
            )
    for i, fallback in _items(data, "serving", "fallbacks"):
        findings += _dangling(
            fallback.get("applies_to"),
            nodes,
            ("serving", "fallbacks", i, "applies_to"),
            "stage or component",
        )
    for i, feature in _items(data, "data", "features"):
        findings += _dangling(
            feature.get("source"), sources, ("data", "features", i, "source"), "data source"
        )
    if review_names is not None:
        findings += _review_settings(data.get("review"), review_names)
    return findings


def _review_settings(review: Any, names: ReviewNames) -> Iterator[CrossFieldProblem]:
    if not isinstance(review, dict):
        return
    disabled = review.get("disable")
    for i, rule in enumerate(disabled if isinstance(disabled, list) else []):
        yield from _unknown_rule(rule, ("review", "disable", i), names.rules)
    for key in ("severity", "notes"):
        table = review.get(key)
        for rule in table if isinstance(table, dict) else {}:
            yield from _unknown_rule(rule, ("review", key, rule), names.rules)
    thresholds = review.get("thresholds")
    for name in thresholds if isinstance(thresholds, dict) else {}:
        if name not in names.thresholds:
            known = names.thresholds
            hint = did_you_mean(str(name), known) or f" (known: {', '.join(known)})"
            yield ("review", "thresholds", name), f"unknown threshold '{name}'{hint}"


def _unknown_rule(rule: Any, loc: Loc, rule_ids: tuple[str, ...]) -> Iterator[CrossFieldProblem]:
    if isinstance(rule, str) and rule.upper() not in rule_ids:
        hint = did_you_mean(rule.upper(), rule_ids) or " (`designdoc rules` lists them)"
        yield loc, f"unknown rule id '{rule}'{hint}"
