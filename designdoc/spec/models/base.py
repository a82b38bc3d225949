"""The base of every spec model: strict keys, described fields."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

Text = str
"""Markdown-lite free text (emphasis, code, lists); rendered escaped, never as raw HTML."""


class Section(BaseModel):
    """A part of a spec. Unknown keys are errors; keys may use their YAML alias."""

    # allow_inf_nan=False: `"1e400"` or `"nan"` in a number field is an error, not infinity.
    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, defer_build=True, allow_inf_nan=False
    )
