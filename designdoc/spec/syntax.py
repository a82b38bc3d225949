"""PyYAML's syntax errors in plain words, for the slips people make most often.

The line and column stay those PyYAML reports (the caret of the code frame points there);
only the message changes, to say what happened and what to write instead. An error none
of the cases below explains keeps PyYAML's own words.
"""

from __future__ import annotations

import re

import yaml

from designdoc.spec.positions import Mark
from designdoc.spec.slips import quote

_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([^\s:#][^:#]*?):(?:\s|$)")


def _where(mark: yaml.Mark | None) -> Mark:
    return Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)


def _line(lines: list[str], mark: yaml.Mark | None) -> str:
    return lines[mark.line] if mark and mark.line < len(lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _after_quote(line: str, mark: yaml.Mark) -> str | None:
    before = line[: mark.column].rstrip()
    if not before or before[-1] not in "\"'":
        return None
    return (
        "text after the closing quote: a quoted value ends at its quote; put the whole value "
        "in quotes of the other kind, or drop the quotes, e.g. "
        f"{_requote(line)}"
    )


def _requote(line: str) -> str:
    match = _KEY_LINE.match(line)
    stripped = line.strip()
    if match:
        head, value = line[: match.end()].strip() + " ", line[match.end() :].strip()
    elif stripped.startswith("- "):
        head, value = "- ", stripped[2:].strip()
    else:
        head, value = "", stripped
    inner = "'" + value.replace("'", "''") + "'" if value.startswith('"') else quote(value)
    return head + inner


def _colon_in_value(lines: list[str], mark: yaml.Mark) -> str:
    line = _line(lines, mark)
    previous = next((ln for ln in reversed(lines[: mark.line]) if ln.strip()), "")
    key_only = re.match(r"^\s*[\w-]+$", line[: mark.column])
    if key_only and previous and _indent(line) > _indent(previous) and ": " in previous:
        return (
            "this line is indented more than the key above it, so YAML reads it as part of "
            "that key's value; line it up with the key above (keys of one mapping start in "
            "the same column)"
        )
    match = _KEY_LINE.match(line)
    fixed = ""
    if match and match.end() <= mark.column:
        value = line[match.end() :].strip()
        fixed = f"; put the value in quotes: {line[: match.end()].strip()} {quote(value)}"
    return f"': ' inside a value: YAML reads the text before it as a new key{fixed}"


def _unclosed(context: str, start: yaml.Mark | None) -> str:
    opener, closer, what = ("[", "]", "list") if "sequence" in context else ("{", "}", "mapping")
    where = f" at line {start.line + 1}, column {start.column + 1}" if start else ""
    return (
        f"the '{opener}' opened{where} is not closed: end the {what} with '{closer}', or, if "
        "the bracket is part of the text, put the text in quotes"
    )


_GOT = re.compile(r"but got '(.*)'$")


def _inside(exc: yaml.MarkedYAMLError, lines: list[str]) -> bool:
    """The parser stopped at a token inside the brackets: on the opening line or indented
    deeper than it, and not at the end of the file or at a closing bracket of the other
    kind (those say the bracket is not closed)."""
    found = _GOT.search(exc.problem or "")
    start, mark = exc.context_mark, exc.problem_mark
    if found is None or found.group(1) in ("<stream end>", "<document end>", "}", "]"):
        return False
    if start is None or mark is None or mark.line == start.line:
        return True
    return _indent(_line(lines, mark)) > _indent(_line(lines, start))


def _no_comma(context: str, start: yaml.Mark | None, problem: str) -> str:
    closer, what = ("]", "list") if "sequence" in context else ("}", "mapping")
    found = _GOT.search(problem)
    token = found.group(1) if found else ""
    if token == ":":
        return (
            "a second ':' in one entry: put a value that holds ': ' in quotes, or add the "
            "',' missing between two entries"
        )
    where = f" opened at line {start.line + 1}, column {start.column + 1}" if start else ""
    return (
        f"a ',' or '{closer}' is missing before this '{token}': the entries of the {what}"
        f"{where} are separated by commas (and the {what} ends with '{closer}')"
    )


def explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Mark, str]:
    """Where a YAML syntax error is, and what to say about it."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = _line(lines, mark)
    message: str | None = None
    if "'\\t'" in problem or (mark and "\t" in line[: mark.column + 1] and not line.strip("\t")):
        message = "a tab in the indentation: YAML indents with spaces only; replace the tab"
    elif "mapping values are not allowed" in problem and mark:
        message = _colon_in_value(lines, mark)
    elif ("flow sequence" in context or "flow mapping" in context) and _inside(exc, lines):
        message = _no_comma(context, exc.context_mark, problem)
    elif "flow sequence" in context or "flow mapping" in context:
        message = _unclosed(context, exc.context_mark)
    elif "quoted scalar" in context and "end of stream" in problem:
        start = exc.context_mark
        where = f" at line {start.line + 1}, column {start.column + 1}" if start else ""
        message = f"the quote opened{where} is never closed: add the closing quote"
        mark = start or mark  # the end of the file has no line to show
    elif "but found '<scalar>'" in problem and mark:
        message = _after_quote(line, mark)
    if message is None and (
        "<block mapping start>" in problem
        or "<block sequence start>" in problem
        or "expected key" in problem
        or "found '-'" in problem
    ):
        message = (
            "this line's indentation does not match the lines above it: the keys of one "
            "mapping, and the '- ' items of one list, start in the same column"
        )
    if message is None:
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    return _where(mark), f"YAML syntax error: {message}"
