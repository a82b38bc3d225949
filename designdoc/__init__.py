"""designdoc: machine-learning system design documents from one YAML spec."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "build", "check", "load_spec"]

if TYPE_CHECKING:
    from designdoc.pipeline import load as load_spec
    from designdoc.products.check import check
    from designdoc.products.document import build

# Lazy, so that `designdoc validate` never imports the PDF engine.
_PUBLIC = {
    "build": ("designdoc.products.document", "build"),
    "check": ("designdoc.products.check", "check"),
    "load_spec": ("designdoc.pipeline", "load"),
}


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        module, attribute = _PUBLIC[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(name)
