"""The JSON Schema of a spec, generated from the pydantic models."""

from __future__ import annotations

from typing import Any

from designdoc.spec.models.root import Spec

SCHEMA_ID = "https://designdoc.dev/schema/spec-v1.json"


def spec_schema() -> dict[str, Any]:
    schema = Spec.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
