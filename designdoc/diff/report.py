"""A design diff as text (the terminal), JSON (tools) or Markdown (a pull request comment)."""

from __future__ import annotations

import json
from typing import Any

from designdoc.diff.compare import EstimateChange, FieldChange, SpecDiff

MARKS = {"added": "+", "removed": "-", "changed": "~", "appeared": "+", "gone": "-"}


def ratio_text(change: EstimateChange) -> str:
    if change.ratio is None:
        return "new" if change.old is None else "gone" if change.new is None else ""
    return f"x{change.ratio:.3g}"


def _one_line(text: str | None) -> str:
    """A value of several lines (a YAML block of prose) on the report's one line."""
    return " ".join(str(text).split())


def _field_line(change: FieldChange) -> str:
    if change.kind == "changed":
        return f"{change.path}: {_one_line(change.old)} -> {_one_line(change.new)}"
    value = change.new if change.kind == "added" else change.old
    return f"{change.path}: {_one_line(value)}"


def _heading(diff: SpecDiff) -> str:
    return f"{diff.old_name} -> {diff.new_name}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _findings_counts(diff: SpecDiff) -> str:
    """`2 appeared (1 error), 5 gone`: what the findings did, each kind counted apart."""
    appeared, gone = diff.count_findings("appeared"), diff.count_findings("gone")
    errors = f" ({_plural(diff.new_errors, 'new error')})" if appeared else ""
    return f"{appeared} appeared{errors}, {gone} gone"


def text_report(diff: SpecDiff) -> str:
    lines = [_heading(diff), "=" * len(_heading(diff))]
    if diff.empty:
        return "\n".join([*lines, "no changes"]) + "\n"
    if diff.fields:
        lines.append(
            f"Fields: {diff.count('changed')} changed, {diff.count('added')} added, "
            f"{diff.count('removed')} removed"
        )
        for (_, name), changes in diff.by_step():
            lines.append(f"  {name}")
            lines += [f"    {MARKS[c.kind]} {_field_line(c)}" for c in changes]
    if diff.estimates:
        lines.append(f"Estimates that moved: {len(diff.estimates)}")
        for e in diff.estimates:
            lines.append(
                f"  {e.name}: {e.old or '(not computed)'} -> {e.new or '(not computed)'}"
                f"  {ratio_text(e)}".rstrip()
            )
    if diff.findings:
        lines.append(f"Findings: {_findings_counts(diff)}")
        for c in diff.findings:
            f = c.finding
            lines.append(f"  {MARKS[c.kind]} {f.severity.upper()} {f.rule} {f.path}: {f.message}")
    return "\n".join(lines) + "\n"


def json_report(diff: SpecDiff) -> dict[str, Any]:
    return {
        "old": diff.old_name,
        "new": diff.new_name,
        "fields": [
            {
                "change": c.kind,
                "path": c.path,
                "step": c.step[0],
                "step_name": c.step[1],
                "old": c.old,
                "new": c.new,
            }
            for c in diff.fields
        ],
        "estimates": [
            {"key": e.key, "name": e.name, "old": e.old, "new": e.new, "ratio": e.ratio}
            for e in diff.estimates
        ],
        "findings": [
            {
                "change": c.kind,
                "rule": c.finding.rule,
                "severity": c.finding.severity,
                "path": c.finding.path,
                "message": c.finding.message,
            }
            for c in diff.findings
        ],
        "new_errors": diff.new_errors,
    }


def json_text(diff: SpecDiff) -> str:
    return json.dumps(json_report(diff), indent=2, ensure_ascii=False) + "\n"


def cell(text: str | None) -> str:
    """Text safe in a GFM table cell: one line, no HTML, pipes and emphasis escaped."""
    if text is None:
        return "—"
    out = " ".join(str(text).split())
    for char in "\\`*_[]|<>#~":
        out = out.replace(char, "\\" + char)
    return out or "—"


def code(text: str) -> str:
    """A path as inline code; backticks in it are replaced, pipes escaped for tables."""
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


def markdown_report(diff: SpecDiff) -> str:
    out = [f"### Design diff: {cell(diff.old_name)} → {cell(diff.new_name)}", ""]
    if diff.empty:
        return "\n".join([*out, "No changes.", ""])
    if diff.fields:
        out += [
            f"**Fields:** {diff.count('changed')} changed, {diff.count('added')} added, "
            f"{diff.count('removed')} removed",
            "",
            "| Step | Change | Field | Old | New |",
            "| --- | --- | --- | --- | --- |",
        ]
        for (_, name), changes in diff.by_step():
            out += [
                f"| {cell(name)} | {c.kind} | {code(c.path)} | {cell(c.old)} | {cell(c.new)} |"
                for c in changes
            ]
        out.append("")
    if diff.estimates:
        out += [
            "**Estimates that moved**",
            "",
            "| Estimate | Old | New | Ratio |",
            "| --- | ---: | ---: | ---: |",
        ]
        out += [
            f"| {cell(e.name)} | {cell(e.old)} | {cell(e.new)} | {cell(ratio_text(e))} |"
            for e in diff.estimates
        ]
        out.append("")
    if diff.findings:
        out += [
            f"**Review findings:** {_findings_counts(diff)}",
            "",
            "| | Severity | Rule | Field | Message |",
            "| --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| {c.kind} | {c.finding.severity} | {c.finding.rule} | {code(c.finding.path)} "
            f"| {cell(c.finding.message)} |"
            for c in diff.findings
        ]
        out.append("")
    return "\n".join(out)
