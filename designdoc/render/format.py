"""Jinja filters: user text as safe HTML, enum values as words, quantities as written."""

from __future__ import annotations

from enum import Enum
from typing import Any

import jinja2

from designdoc.render.markup import render_block, render_inline
from designdoc.render.retraining import retraining_sentence
from designdoc.spec import numbers
from designdoc.spec.units import Duration, Quantity


def as_words(value: Any) -> str:
    """`learning_to_rank` -> `learning to rank`; quantities as written; booleans as yes/no."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, Duration):
        return numbers.duration(value.value)  # one form for every duration shown: 60 s, 14 days
    if isinstance(value, Quantity):
        return value.text
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("_", " ")


def register_filters(env: jinja2.Environment) -> None:
    env.filters["md"] = render_block
    env.filters["mdi"] = render_inline
    env.filters["words"] = as_words
    env.globals["retraining_sentence"] = retraining_sentence
    env.filters["count"] = numbers.count  # 2000000 -> 2M
