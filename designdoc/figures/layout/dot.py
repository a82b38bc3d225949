"""Running Graphviz `dot`, with fontconfig seeing the bundled fonts so text is measured right."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from functools import cache
from html import escape
from pathlib import Path

from designdoc.errors import BuildError, GraphvizMissingError
from designdoc.files.resources import fonts_dir

DOT_TIMEOUT_SECONDS = 120


def dot_program() -> str:
    """The path of `dot`; raises GraphvizMissingError when Graphviz is not installed."""
    found = shutil.which("dot")
    if found is None:
        raise GraphvizMissingError()
    return found


def _fonts_conf_text(fonts: Path) -> str:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{escape(str(fonts))}</dir>\n</fontconfig>\n"
    )


@cache
def fonts_conf() -> Path:
    """A small fontconfig file: the system's configuration plus the bundled fonts folder."""
    text = _fonts_conf_text(fonts_dir())
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"designdoc-fontconfig-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        scratch = folder / f"fonts.conf.{os.getpid()}"
        scratch.write_text(text, encoding="utf-8")
        scratch.replace(path)
    return path


def dot_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(fonts_conf())
    return env


def run_dot(source: str, fmt: str = "svg", extra: tuple[str, ...] = ()) -> bytes:
    """Lay out and render a DOT source; returns the output bytes or raises BuildError."""
    command = [dot_program(), f"-T{fmt}", *extra]
    try:
        done = subprocess.run(
            command,
            input=source.encode("utf-8"),
            capture_output=True,
            env=dot_environment(),
            timeout=DOT_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"Graphviz took longer than {DOT_TIMEOUT_SECONDS}s on a figure") from exc
    except OSError as exc:
        raise BuildError(f"could not run Graphviz: {exc}") from exc
    if done.returncode != 0 or not done.stdout:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BuildError("Graphviz failed on a figure: " + (detail[-1] if detail else "no output"))
    return done.stdout


@cache
def dot_version() -> str:
    """`dot -V` output, part of the cache key (another Graphviz lays out differently)."""
    done = subprocess.run([dot_program(), "-V"], capture_output=True, check=False)
    return done.stderr.decode("utf-8", "replace").strip()
