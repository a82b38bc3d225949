"""YAML scalars built without trusting PyYAML's constructors with user data.

PyYAML's own constructors raise on a malformed tagged value (`!!timestamp 2024-13-45`, an
`!!int` in a bad base, an integer of more than 4,300 digits) and accept tags a spec has no
use for (`!!binary`, `!!set`). Here every scalar either becomes plain data or raises a
`ScalarError` that says what is wrong with it; text is checked for characters a document
cannot carry and for words too long for any line.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

YAML = "tag:yaml.org,2002:"
SCALAR_TAGS = {YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
COLLECTION_TAGS = {YAML + "map", YAML + "seq"}
MAX_DIGITS = 30  # 1e30 is beyond any count, size or duration a system has
LIMIT = 10**MAX_DIGITS
MAX_WORD = 160  # characters; a longer unbroken word fits no line of any page
# XML (and so SVG and Graphviz labels) cannot hold C0 controls other than tab and newline,
# surrogates or the non-characters; PDF text extraction chokes on them too.
_BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
    )
    + "]"
)
_LONG_WORD = re.compile(rf"[^\s\u200b]{{{MAX_WORD + 1},}}")
_DIGITS = re.compile(r"[0-9a-fA-F]")


class ScalarError(Exception):
    """A scalar that cannot be part of a spec, and why."""


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def tag_name(tag: str) -> str:
    return "!!" + tag[len(YAML) :] if tag.startswith(YAML) else tag


def check_collection_tag(node: yaml.Node) -> None:
    if node.tag not in COLLECTION_TAGS:
        raise ScalarError(
            f"the tag '{tag_name(node.tag)}' is not supported in a spec; "
            "write a plain list or mapping"
        )


def construct_scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """The plain value of `node`, or a ScalarError saying why it cannot be one."""
    if node.tag not in SCALAR_TAGS:
        raise ScalarError(
            f"the tag '{tag_name(node.tag)}' is not supported in a spec; "
            "write the value plainly (text, a number, true/false or a date)"
        )
    if node.tag == YAML + "int" and len(_DIGITS.findall(node.value)) > MAX_DIGITS:
        raise ScalarError(
            f"a number of {len(node.value):,} digits is beyond any range a spec needs "
            f"(at most {MAX_DIGITS} digits)"
        )
    try:
        value = loader.construct_object(node, deep=True)
    except Exception as exc:  # PyYAML raises ValueError, OverflowError, ConstructorError...
        reason = getattr(exc, "problem", None) or str(exc) or type(exc).__name__
        raise ScalarError(
            f"cannot read {_short(node.value)} as {tag_name(node.tag)[2:]}: {reason}"
        ) from None
    check_value(value)
    return value


def check_value(value: Any) -> None:
    """Refuse numbers out of range and text a document cannot carry."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ScalarError("numbers must be finite (not infinity or NaN)")
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= LIMIT:
        raise ScalarError(f"the number is beyond any range a spec needs (below 1e{MAX_DIGITS})")
    if isinstance(value, str):
        check_text(value)


def check_text(text: str) -> None:
    bad = _BAD_CHARACTER.search(text)
    if bad:
        raise ScalarError(
            f"the text holds U+{ord(bad.group()):04X}, a control character or non-character "
            "that a document cannot carry; remove it"
        )
    long = _LONG_WORD.search(text)
    if long:
        raise ScalarError(
            f"a word of {len(long.group()):,} characters ({_short(long.group(), 20)}) is longer "
            f"than any line; words may be at most {MAX_WORD} characters"
        )
