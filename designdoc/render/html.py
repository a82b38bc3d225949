"""The Jinja environment and render_html(): a template context in, one HTML document out."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from designdoc.files.resources import templates_dir, user_cache_dir
from designdoc.render.format import register_filters
from designdoc.render.template_cache import template_cache


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs, each verified before it is loaded."""
    return template_cache(user_cache_dir() / "templates")


@cache
def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """Autoescaping, strict Jinja; a user's template folder, if any, comes first."""
    folders = [str(user_templates)] if user_templates else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(templates_dir())]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    register_filters(env)
    return env


def render_html(context: Mapping[str, Any], template: str = "document/document.html.j2") -> str:
    return environment(context.get("user_templates")).get_template(template).render(context)


def stylesheet_uris(*names: str) -> list[str]:
    """The file URIs of packaged stylesheets, by their path under the templates folder."""
    return [(templates_dir() / name).as_uri() for name in names]
