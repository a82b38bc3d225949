"""The JSON Schema of a spec, generated from the pydantic models.

An editor that checks a spec against it must accept everything `designdoc validate`
accepts: enum spellings and units come from their own tables (vocab.py, units.py), and the
conversions pydantic does on the way (`"10"` for a whole number, `"yes"` for true) are
written out here as string alternatives.
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from designdoc.spec.models.root import Spec
from designdoc.spec.units import COUNT_UNITS

SCHEMA_ID = "https://designdoc.dev/schema/spec-v1.json"

_DIGITS = r"[0-9](?:_?[0-9])*"
# Strings pydantic reads as booleans (in any case) besides true and false themselves.
BOOL_WORDS = ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0")


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


def _int_pattern(schema: core_schema.IntSchema) -> str:
    low = schema["ge"] if "ge" in schema else schema["gt"] + 1 if "gt" in schema else None
    high = schema["le"] if "le" in schema else schema["lt"] - 1 if "lt" in schema else None
    if low is not None and high is not None and 0 <= low <= high <= 9:
        body = rf"\+?0*[{low}-{high}]"
    elif low is not None and low >= 1:
        body = r"\+?0*[1-9](?:_?[0-9])*"
    elif low is not None and low >= 0:
        body = rf"\+?{_DIGITS}"
    else:
        body = rf"[-+]?{_DIGITS}"
    if high is not None:
        return rf"^\s*{body}(?:\.0+)?\s*$"
    # A whole number may be written like a count (units.parse_whole): 1,000, 2M, 2.5k.
    nonzero = r"(?=[0-9_,.]*[1-9])" if low is not None and low >= 1 else ""
    suffix = "|".join(sorted((u for u in COUNT_UNITS if u), key=len, reverse=True))
    count = rf"\+?{nonzero}[0-9][0-9_,]*(?:(?:\.0+)?|(?:\.[0-9]+)?\s*(?:{suffix}))"
    return rf"^\s*(?:{body}(?:\.0+)?|{count})\s*$"


def _float_pattern(schema: core_schema.FloatSchema) -> str:
    number = rf"(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][-+]?[0-9]+)?"
    bounded_below = "ge" in schema or "gt" in schema
    bounded_above = "le" in schema or "lt" in schema
    sign = r"\+?" if bounded_below and schema.get("ge", schema.get("gt", 0)) >= 0 else "[-+]?"
    words = []
    if not bounded_above:
        words.append(_any_case("infinity") + "|" + _any_case("inf"))
    if not bounded_below and not bounded_above:
        words.append(_any_case("nan"))
    extra = "|" + "|".join(words) if words else ""
    return rf"^\s*{sign}(?:{number}{extra})\s*$"


class SpecJsonSchema(GenerateJsonSchema):
    """pydantic's generator, with the strings pydantic converts to numbers and booleans."""

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        plain = super().int_schema(schema)
        return {"anyOf": [plain, {"type": "string", "pattern": _int_pattern(schema)}]}

    def float_schema(self, schema: core_schema.FloatSchema) -> JsonSchemaValue:
        plain = super().float_schema(schema)
        return {"anyOf": [plain, {"type": "string", "pattern": _float_pattern(schema)}]}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        words = "|".join(_any_case(w) for w in BOOL_WORDS)
        return {
            "anyOf": [
                {"type": "boolean"},
                {"enum": [0, 1]},
                {"type": "string", "pattern": rf"^(?:{words})$"},
            ]
        }


def spec_schema() -> dict[str, Any]:
    schema = Spec.model_json_schema(
        by_alias=True, mode="validation", schema_generator=SpecJsonSchema
    )
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
