"""The spec's pydantic models: the root, and one module per group of framework steps."""
