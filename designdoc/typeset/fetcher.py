"""The only door through which WeasyPrint may read anything.

It serves the package's own assets (stylesheets, fonts) and the build's generated
figures, and inline images that our own figures embed; with a theme, also the files of the
theme's folder, where a file the theme lacks is served from the bundled templates (so a
theme's stylesheet finds the bundled fonts). Anything else, whatever its scheme, is
refused and logged, never fetched.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("designdoc.fetcher")

_INLINE_IMAGE = re.compile(r"^data:image/(png|svg\+xml|jpeg)(;base64)?,", re.IGNORECASE)


class RefusedURL(ValueError):
    """A URL outside what the renderer may read."""


class RestrictedFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher limited to a few folders."""

    def __init__(
        self, *roots: Path, theme: Path | None = None, bundled: Path | None = None
    ) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = tuple(root.resolve() for root in (*roots, *([theme] if theme else [])))
        self.refused: list[str] = []
        # A theme is laid over `bundled`: a path under the theme that it lacks is looked up
        # at the same place under `bundled`.
        self.overlay = (theme.resolve(), bundled.resolve()) if theme and bundled else None

    def allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
            return path
        if self.overlay and path.is_relative_to(self.overlay[0]):
            below = (self.overlay[1] / path.relative_to(self.overlay[0])).resolve()
            if below.is_relative_to(self.overlay[1]) and below.is_file():
                return below
        return None

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if _INLINE_IMAGE.match(url):
            # An inline image carries its bytes with it: nothing is read or fetched.
            return super().fetch(url, headers)
        path = self.allowed_path(url)
        if path is None:
            self.refused.append(url)
            logger.warning("refused to fetch %s", url[:200])
            raise RefusedURL(f"designdoc does not fetch {url[:200]}")
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
        )
