"""A figure cache keyed by a hash of the figure's inputs, the paper, Graphviz and designdoc.

An entry is a folder holding the SVG of each part and a manifest of their sizes; a hit
copies the SVGs to the output folder without running Graphviz again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import tempfile
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from designdoc import __version__
from designdoc.render.page import FIGURE_MAX_HEIGHT_SHARE, MIN_FIGURE_TEXT_PT, PAPERS

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class CachedPart:
    """One drawn part as the cache keeps it."""

    id: str
    title: str
    caption: str
    width_pt: float
    height_pt: float
    landscape: bool
    part: int
    parts: int
    dot_source: str


@cache
def code_digest() -> str:
    """A hash of the drawing code itself (every module under figures/, kinds and layout
    included), so a changed figure module never reuses old output."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for module in sorted(root.rglob("*.py")):
        digest.update(str(module.relative_to(root)).encode("utf-8") + module.read_bytes())
    return digest.hexdigest()


def page_geometry(paper: str) -> list[object]:
    """What figure fitting reads of the page: its size, margins, shares and text minimum."""
    from designdoc.figures.layout.fit import LANDSCAPE_HEIGHT_SHARE

    page = PAPERS.get(paper.lower(), PAPERS["a4"])
    return [
        asdict(page),
        FIGURE_MAX_HEIGHT_SHARE,
        LANDSCAPE_HEIGHT_SHARE,
        MIN_FIGURE_TEXT_PT,
    ]


def cache_key(fingerprint: str, paper: str, dot_version: str) -> str:
    """The entry's name: designdoc, its drawing code, the figure's inputs, the page
    geometry the fitting used, and Graphviz."""
    payload = json.dumps(
        [__version__, code_digest(), fingerprint, paper, page_geometry(paper), dot_version]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def load(cache_dir: Path, key: str) -> list[tuple[CachedPart, Path]] | None:
    """The cached parts and their SVG files, or None on a miss or a damaged entry."""
    entry = cache_dir / key
    try:
        records = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        parts = [CachedPart(**record) for record in records]
    except (OSError, ValueError, TypeError):
        return None
    files = [(part, entry / f"{part.id}.svg") for part in parts]
    return files if all(path.is_file() for _, path in files) else None


def store(cache_dir: Path, key: str, parts: list[tuple[CachedPart, bytes]]) -> None:
    """Save the parts; a cache that cannot be written is skipped, never an error."""
    with contextlib.suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=cache_dir))
        for part, svg in parts:
            (scratch / f"{part.id}.svg").write_bytes(svg)
        manifest = json.dumps([asdict(part) for part, _ in parts], indent=1)
        (scratch / MANIFEST).write_text(manifest, encoding="utf-8")
        target = cache_dir / key
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        try:
            scratch.rename(target)
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)
