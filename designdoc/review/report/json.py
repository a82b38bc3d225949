"""The stable JSON form of `designdoc check --format json` (documented in the README)."""

from __future__ import annotations

import math
import re
from typing import Any

from designdoc.errors import DesignDocError, SpecError
from designdoc.review.estimates.base import Estimate
from designdoc.review.result import Finding, Review

FORMAT = "designdoc-check"
VERSION = 1


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity,
        "step": f.step,
        "step_name": f.step_name,
        "message": f.message,
        "path": f.path,
        "file": f.file,
        "line": f.line,
        "col": f.col,
        "why": f.why,
        "source": f.source,
        "note": f.note or None,
        "accepted": f.accepted,
        "also": list(f.also),
    }


OUT_OF_RANGE = "the result is beyond any physical range; check the inputs' sizes"


def _estimate(e: Estimate) -> dict[str, Any]:
    # JSON has no infinity: a result that overflowed is reported as not computed.
    finite = e.value is None or math.isfinite(e.value)
    return {
        "key": e.key,
        "name": e.name,
        "computed": e.computed and finite,
        "value": e.value if finite else None,
        "unit": e.unit,
        "display": (e.display or None) if finite else None,
        "formula": e.formula,
        "inputs": [
            {"name": i.name, "text": i.text, "field": i.field, "value": i.value} for i in e.inputs
        ],
        "comparison": (e.comparison or None) if finite else None,
        "missing": list(e.missing),
        "reason": (e.reason or None) if finite else OUT_OF_RANGE,
    }


def review_json(review: Review) -> dict[str, Any]:
    """One reviewed spec."""
    latency = review.latency
    return {
        "file": review.file,
        "valid": True,
        "title": review.title,
        "summary": {
            "errors": review.errors,
            "warnings": review.warnings,
            "infos": review.infos,
            "accepted": review.accepted,
        },
        "findings": [_finding(f) for f in review.findings],
        "rules": [
            {
                "rule": r.rule,
                "step": r.step,
                "severity": r.severity,
                "status": r.status,
                "satisfied_by": r.satisfied_by[0]
                if r.status == "pass" and r.satisfied_by
                else None,
            }
            for r in review.results
        ],
        "coverage": [
            {
                "step": c.step,
                "name": c.name,
                "share": c.share,
                "passed": c.passed,
                "total": c.total,
                "rules_passed": c.rules_passed,
                "rules_failed": c.rules_failed,
                "rules_skipped": c.rules_skipped,
                "empty_fields": list(c.empty_fields),
            }
            for c in review.coverage
        ],
        "estimates": [_estimate(e) for e in review.estimates],
        "latency": None
        if latency is None
        else {
            "budget_s": latency.budget,
            "used_s": latency.used,
            "over_budget": latency.over,
            "offline_stages": [name for row in latency.offline_rows for name in row.names],
        },
        "thresholds": review.thresholds,
    }


def invalid_json(file: str, error: DesignDocError) -> dict[str, Any]:
    """A spec that could not be reviewed, with its problems located where possible."""
    if isinstance(error, SpecError):
        problems = [
            {
                "file": p.file,
                "line": p.line,
                "col": p.col,
                "path": p.path or None,
                "message": p.message,
            }
            for p in error.problems
        ]
    else:  # the file itself (missing, a folder, too large): it is located at its start
        problems = [{"file": file, "line": 1, "col": 1, "path": None, "message": error.message}]
    invalid: dict[str, Any] = {"file": file, "valid": False, "problems": problems}
    if isinstance(error, SpecError) and error.omitted:
        invalid["more_problems"] = error.omitted
    return invalid


def document(specs: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole JSON document: no Infinity or NaN (no JSON parser takes them), valid UTF-8."""
    clean: dict[str, Any] = _finite({"format": FORMAT, "version": VERSION, "specs": specs})
    return clean


_SURROGATE = re.compile("[\ud800-\udfff]")


def _finite(value: Any) -> Any:
    if isinstance(value, str):  # a file name Python decoded with surrogate escapes
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value
