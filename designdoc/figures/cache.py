"""A figure cache keyed by a hash of the figure's inputs, the paper, Graphviz and designdoc.

An entry is a folder holding the SVG of each part and a manifest of the parts, with the
size and SHA-256 of each SVG. A hit is trusted only when the manifest has the expected
format and types and every SVG matches its digest; a damaged entry (or one an older version
wrote) is removed and the figure drawn again. Within `discards_reported()` (one build's
figures) all such entries make one warning line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from designdoc import __version__
from designdoc.files.private import private_dir
from designdoc.files.scratch import deferred_signals, remove_stale_parts, track, untrack
from designdoc.render.page import FIGURE_MAX_HEIGHT_SHARE, MIN_FIGURE_TEXT_PT, PAPERS

MANIFEST = "manifest.json"
FORMAT = 2  # the manifest's layout; entries of another format are misses
log = logging.getLogger("designdoc.cache")
_discarded: ContextVar[list[tuple[Path, str]] | None] = ContextVar("discarded", default=None)


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


_TYPES: dict[str, tuple[type, ...]] = {
    f.name: {"str": (str,), "float": (int, float), "bool": (bool,), "int": (int,)}[str(f.type)]
    for f in dataclasses.fields(CachedPart)
}


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


class _Damaged(Exception):
    """A cache entry that is there but cannot be trusted."""


def load(cache_dir: Path, key: str) -> list[tuple[CachedPart, bytes]] | None:
    """The cached parts and their SVGs, or None on a miss or a damaged entry."""
    if private_dir(cache_dir) is None:
        return None
    entry = cache_dir / key
    try:
        text = (entry / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        _discard(entry, "its manifest cannot be read")
        return None
    try:
        return [(part, _svg(entry, part, size, digest)) for part, size, digest in _parts(text)]
    except (_Damaged, OSError) as exc:
        _discard(entry, str(exc) if isinstance(exc, _Damaged) else "an SVG cannot be read")
        return None


def _parts(text: str) -> list[tuple[CachedPart, int, str]]:
    try:
        manifest = json.loads(text)
    except ValueError:
        raise _Damaged("its manifest is not JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _Damaged("its manifest has another format")
    records = manifest.get("parts")
    if not isinstance(records, list) or not records:
        raise _Damaged("its manifest lists no parts")
    return [_record(record) for record in records]


def _record(record: Any) -> tuple[CachedPart, int, str]:
    if not isinstance(record, dict) or set(record) != {*_TYPES, "size", "sha256"}:
        raise _Damaged("a part has the wrong fields")
    fields = {name: record[name] for name in _TYPES}
    for name, value in fields.items():
        wrong_bool = isinstance(value, bool) and bool not in _TYPES[name]
        if wrong_bool or not isinstance(value, _TYPES[name]):
            raise _Damaged(f"a part's {name} has the wrong type")
    size, digest = record["size"], record["sha256"]
    if not isinstance(size, int) or not isinstance(digest, str):
        raise _Damaged("a part's size or digest has the wrong type")
    if "/" in fields["id"] or fields["id"].startswith("."):
        raise _Damaged("a part's id is not a file name")
    return CachedPart(**fields), size, digest


def _svg(entry: Path, part: CachedPart, size: int, digest: str) -> bytes:
    data = (entry / f"{part.id}.svg").read_bytes()
    if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
        raise _Damaged(f"{part.id}.svg does not match its digest")
    return data


def _discard(entry: Path, why: str) -> None:
    shutil.rmtree(entry, ignore_errors=True)
    collected = _discarded.get()
    if collected is None:
        log.warning(_warning([(entry, why)]))
    else:
        collected.append((entry, why))


@contextmanager
def discards_reported() -> Iterator[None]:
    """Report every entry discarded inside the block as one warning line, at its end."""
    collected: list[tuple[Path, str]] = []
    token = _discarded.set(collected)
    try:
        yield
    finally:
        _discarded.reset(token)
        if collected:
            log.warning(_warning(collected))


def _warning(discarded: list[tuple[Path, str]]) -> str:
    (entry, why), count = discarded[0], len(discarded)
    if count == 1:
        return f"warning: discarded the damaged cached figure {entry} ({why}); drawing it again"
    reasons = sorted({reason for _, reason in discarded})
    because = why if len(reasons) == 1 else f"{why}, and other faults"
    return (
        f"warning: discarded {count} damaged or outdated cached figures in {entry.parent} "
        f"({because}); drawing them again"
    )


def store(cache_dir: Path, key: str, parts: list[tuple[CachedPart, bytes]]) -> None:
    """Save the parts; a cache that cannot be written is skipped, never an error."""
    if private_dir(cache_dir) is None:
        return
    with contextlib.suppress(OSError):
        remove_stale_parts(cache_dir)  # half entries of killed runs
        with deferred_signals():  # an interrupted store leaves no half entry behind
            made = tempfile.mkdtemp(prefix=f".{key}.{os.getpid()}.", suffix=".part", dir=cache_dir)
            scratch = Path(made)
            track(scratch)
        records = []
        for part, svg in parts:
            (scratch / f"{part.id}.svg").write_bytes(svg)
            records.append(
                {**asdict(part), "size": len(svg), "sha256": hashlib.sha256(svg).hexdigest()}
            )
        manifest = json.dumps({"format": FORMAT, "parts": records}, indent=1)
        (scratch / MANIFEST).write_text(manifest, encoding="utf-8")
        target = cache_dir / key
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        try:
            scratch.rename(target)
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)
        finally:
            untrack(scratch)
