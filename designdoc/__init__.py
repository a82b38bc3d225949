"""designdoc: machine-learning system design documents from one YAML spec."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "build", "load_spec"]

if TYPE_CHECKING:
    from designdoc.pipeline import build
    from designdoc.pipeline import load as load_spec


def __getattr__(name: str) -> Any:
    # Lazy, so that `designdoc validate` never imports the PDF engine.
    if name == "build":
        from designdoc.pipeline import build

        return build
    if name == "load_spec":
        from designdoc.pipeline import load

        return load
    raise AttributeError(name)
