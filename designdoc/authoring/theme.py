"""new_theme(): a folder holding a copy of the document's templates and stylesheets to edit.

A theme needs only the files it changes; the copy is a starting point, and its README says
so. The fonts are not copied: a theme's stylesheet finds the bundled ones at the same paths.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from designdoc.errors import OutputError
from designdoc.files.resources import templates_dir
from designdoc.render.theme import resolve_theme

COPIED = ("document", "shared")  # the folders under templates/ that a document uses

README = """\
# A designdoc theme

`designdoc build SPEC --theme {folder}` (or `document.theme: {folder}` in the spec, relative
to the spec's folder) puts this folder before the bundled templates: any file here replaces
the bundled file of the same path, and every file missing here falls back to the bundled one.

- `document/theme.css` comes last in the cascade: the place for a few rule changes.
- `document/document.css` and `document/review.css` are the full stylesheets.
- `document/*.html.j2` are the Jinja partials (cover, contents, one per step...).

Delete what you do not change, so that later designdoc versions still reach you. The build
reads nothing outside this folder and the bundled templates; a template error is reported
with its file and line.
"""


def new_theme(target: Path, base: str | None = None, *, force: bool = False) -> list[Path]:
    """Copy the bundled document templates (and `base` theme's files over them) to `target`."""
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: is a file; give a folder for the new theme")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise OutputError(f"{target}: is not empty; use --force to write into it")
    layers = [templates_dir()]
    theme = resolve_theme(base) if base else None
    if theme is not None:
        layers.append(theme)
    written: list[Path] = []
    for layer in layers:
        for folder in COPIED:
            source = layer / folder
            if not source.is_dir():
                continue
            for path in sorted(p for p in source.rglob("*") if p.is_file()):
                destination = target / path.relative_to(layer)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)
                if destination not in written:
                    written.append(destination)
    readme = target / "README.md"
    readme.write_text(README.format(folder=target.name), encoding="utf-8")
    return [*written, readme]
