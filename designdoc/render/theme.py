"""Themes: a folder of templates and stylesheets laid over the bundled ones, file by file.

A theme is found by name (a shipped theme under `templates/themes/`) or by folder. Its
templates are read only from inside its folder (a symlink out of it is refused), and they
render in Jinja's sandbox, so a theme cannot read files or call into Python.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2.loaders import split_template_path

from designdoc.errors import ThemeError
from designdoc.files.resources import templates_dir
from designdoc.spec.suggest import did_you_mean

DEFAULT = "default"
THEMES_FOLDER = "themes"
THEME_FOLDERS = ("document", "shared")  # a theme folder holds at least one of these


def shipped_themes() -> dict[str, Path]:
    """The themes that come with designdoc, by name."""
    folder = templates_dir() / THEMES_FOLDER
    if not folder.is_dir():
        return {}
    return {p.name: p for p in sorted(folder.iterdir()) if p.is_dir()}


def resolve_theme(value: str | Path | None, base: Path | None = None) -> Path | None:
    """The folder of a theme given by name or path (relative to `base`); None: the default."""
    if value is None or str(value) in ("", DEFAULT):
        return None
    shipped = shipped_themes()
    if str(value) in shipped:
        return shipped[str(value)].resolve()
    path = Path(value).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    if path.is_dir():
        if not any((path / folder).is_dir() for folder in THEME_FOLDERS):
            # Refused so that a spec cannot widen what the renderer may read to any folder.
            raise ThemeError(
                f"theme '{value}': {path} is not a theme folder (it has no "
                f"{' or '.join(f + '/' for f in THEME_FOLDERS)}; see `designdoc theme new`)"
            )
        return path.resolve()
    names = [DEFAULT, *shipped]
    hint = did_you_mean(str(value), names)
    raise ThemeError(
        f"theme '{value}': no such theme folder{hint} (shipped themes: {', '.join(names)})"
    )


class ConfinedLoader(jinja2.FileSystemLoader):
    """A template folder whose files must really lie inside it, symlinks resolved."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.root = folder.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        # Checked before reading: a symlink out of the theme is never opened.
        candidate = self.root.joinpath(*split_template_path(template))
        if candidate.exists() and not candidate.resolve().is_relative_to(self.root):
            raise ThemeError(f"{candidate}: the theme's template points outside the theme folder")
        return super().get_source(environment, template)


def theme_loader(theme: Path) -> jinja2.BaseLoader:
    """The theme's folder first, the bundled templates after."""
    return jinja2.ChoiceLoader([ConfinedLoader(theme), jinja2.FileSystemLoader(templates_dir())])


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost template file and line of a rendering traceback (Jinja rewrites its
    frames to point at the template source)."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".html", ".css")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def located(exc: Exception, theme: Path | None) -> ThemeError | None:
    """A ThemeError `file:line: message` for a failure in a theme's template, or None when it
    is no theme's fault (then it is a bug and keeps its traceback)."""
    if isinstance(exc, ThemeError):
        return exc
    if theme is None:
        return None
    frame: tuple[str, int] | None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        frame = (exc.filename or exc.name or "?", exc.lineno)
        message = f"template syntax error: {exc.message}"
    else:
        frame = _template_frame(exc.__traceback__)
        if isinstance(exc, jinja2.TemplateNotFound):
            message = f"template not found: {exc.name}"
        elif isinstance(exc, jinja2.TemplateError):
            message = str(exc)
        else:
            message = f"{type(exc).__name__}: {exc}"
    if frame is None or not Path(frame[0]).resolve().is_relative_to(theme):
        return None
    return ThemeError(f"{frame[0]}:{frame[1]}: {message}")


def render_located(render: Callable[[], str], theme: Path | None) -> str:
    """Run `render`; a template failure becomes a located ThemeError."""
    try:
        return render()
    except Exception as exc:
        error = located(exc, theme)
        if error is None:
            raise
        raise error from None


def themed_stylesheet(name: str, theme: Path | None) -> Path:
    """The theme's copy of a stylesheet when it has one, else the bundled one."""
    if theme is not None and (theme / name).is_file():
        candidate = (theme / name).resolve()
        if candidate.is_relative_to(theme.resolve()):
            return candidate
    return templates_dir() / name
