"""The document's fonts for a web page: subset to the scripts a design uses, as WOFF data URLs.

The full fonts weigh 1.3 MB; subset to Latin, punctuation, arrows and maths they weigh about
40 KB each. A character outside those ranges falls back to the reader's own sans-serif or
monospace font. Subsets are kept in the user cache, keyed by the font's bytes.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
from functools import cache
from pathlib import Path

from designdoc.files.output import write_atomic
from designdoc.files.resources import user_cache_dir

# Latin (with Extended-A and B), general punctuation, arrows, mathematical operators, shapes.
UNICODE_RANGES = ((0x20, 0x24F), (0x2000, 0x206F), (0x20AC, 0x20AC), (0x2190, 0x22FF))
_RANGES_TAG = "-".join(f"{a:x}_{b:x}" for a, b in UNICODE_RANGES)


def _subset(font_file: Path) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for a, b in UNICODE_RANGES for c in range(a, b + 1)])
    font = TTFont(str(font_file))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out)
    return out.getvalue()


@cache
def web_font(font_file: Path) -> bytes:
    """The WOFF subset of `font_file`, from the cache when it has been made before."""
    data = font_file.read_bytes()
    key = hashlib.sha256(data + _RANGES_TAG.encode()).hexdigest()[:32]
    cached = user_cache_dir() / "webfonts" / f"{key}.woff"
    with contextlib.suppress(OSError):
        return cached.read_bytes()
    woff = _subset(font_file)
    with contextlib.suppress(Exception):  # a cache that cannot be written is skipped
        write_atomic(cached, woff)
    return woff


def font_data_url(font_file: Path) -> str:
    return "data:font/woff;base64," + base64.b64encode(web_font(font_file)).decode("ascii")
