"""The field reference as Markdown: `designdoc schema --format markdown`."""

from __future__ import annotations

from designdoc.spec.reference import FieldDoc, field_docs

INTRO = """\
# The spec fields

Generated from the models by `designdoc schema --format markdown`; in a terminal,
`designdoc fields SECTION` shows one section (`designdoc fields serving.stages`).
Only `designdoc` and `title` are required. Values of a closed set may be written in any
case, with `-` or spaces for `_`, or as one of their aliases. Where no value fits, write
`other` and say what it is in the item's `name` (or the field's `*_name` field).
"""


def _code(text: str) -> str:
    return f"`{text}`" if text else ""


def _entry(doc: FieldDoc) -> list[str]:
    if doc.section:
        head = f"### `{doc.path}`" if "." in doc.path else f"## `{doc.path}`"
        return [head, "", f"{doc.type}. {doc.description}".strip(), ""]
    facts = [f"**{doc.type}**"]
    if doc.required:
        facts.append("required")
    if doc.units:
        facts.append(f"written {doc.units}")
    if doc.default not in ("", "[]", "{}"):
        facts.append(f"default {_code(doc.default)}")
    if doc.example:
        facts.append(f"e.g. {_code(doc.example)}")
    lines = [f"- `{doc.path}`: {doc.description} ({'; '.join(facts)})"]
    for value in doc.values:
        also = f" (also: {', '.join(value.aliases)})" if value.aliases else ""
        lines.append(f"  - `{value.name}`: {value.description}{also}")
    return lines


def reference_markdown() -> str:
    lines = [INTRO]
    previous_section = False
    for doc in field_docs():
        if doc.section and not previous_section and lines[-1] != "":
            lines.append("")
        lines += _entry(doc)
        previous_section = doc.section
    return "\n".join(lines).rstrip() + "\n"
