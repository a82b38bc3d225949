"""The Jinja environment and render_html(): a template context in, one HTML document out."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox

from designdoc.files.resources import templates_dir, user_cache_dir
from designdoc.render.format import register_filters
from designdoc.render.template_cache import template_cache
from designdoc.render.theme import render_located, theme_loader, themed_stylesheet


def _bytecode_cache(name: str = "templates") -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs, each verified before it is loaded."""
    return template_cache(user_cache_dir() / name)


@cache
def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """Autoescaping, strict Jinja; a theme's folder, if any, comes first, in the sandbox."""
    options: dict[str, Any] = {
        "autoescape": True,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if user_templates is None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir())),
            bytecode_cache=_bytecode_cache(),
            **options,
        )
    else:
        # Sandboxed code compiles apart from the plain kind: it gets its own cache folder.
        env = jinja2.sandbox.SandboxedEnvironment(
            loader=theme_loader(user_templates),
            bytecode_cache=_bytecode_cache("templates-sandboxed"),
            **options,
        )
    register_filters(env)
    return env


def render_html(context: Mapping[str, Any], template: str = "document/document.html.j2") -> str:
    theme = context.get("user_templates")
    return render_located(lambda: environment(theme).get_template(template).render(context), theme)


def stylesheet_uris(*names: str, theme: Path | None = None) -> list[str]:
    """The file URIs of stylesheets, by their path under the templates folder; a theme's own
    copy of one replaces the bundled one."""
    return [themed_stylesheet(name, theme).as_uri() for name in names]
