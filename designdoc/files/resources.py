"""Where the packaged templates, fonts and example specs live.

In a wheel they sit inside the package (`designdoc/templates`, `designdoc/specs`); in a
source checkout they are the repository's top-level `templates/` and `specs/` folders.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from pathlib import Path


def _find(name: str) -> Path:
    inside = Path(str(files("designdoc"))) / name
    if inside.is_dir():
        return inside
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"designdoc's '{name}' folder is missing from the installation")


@cache
def templates_dir() -> Path:
    return _find("templates")


@cache
def fonts_dir() -> Path:
    return templates_dir() / "fonts"


@cache
def specs_dir() -> Path:
    return _find("specs")


def user_cache_dir() -> Path:
    """designdoc's cache folder: $XDG_CACHE_HOME/designdoc, else ~/.cache/designdoc."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "designdoc"
