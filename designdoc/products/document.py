"""One design in several formats at once: PDF, a self-contained HTML page, Markdown.

The spec is loaded, reviewed and its figures drawn once; each format is then made from the
same template context, so all of them show the same chapters, numbers and findings.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from designdoc.errors import BuildError, OutputError
from designdoc.files import scratch
from designdoc.files.output import ensure_dir, write_atomic
from designdoc.files.scratch import scratch_dir
from designdoc.pipeline import BuildResult, Clock, load, paper_of, prepare, theme_of

FORMATS = ("pdf", "html", "md")


def parse_formats(text: str) -> tuple[str, ...]:
    """`pdf,html` -> ("pdf", "html"); an unknown name is a BuildError naming the choices."""
    names = tuple(dict.fromkeys(n.strip().lower() for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise BuildError(
            f"unknown format {', '.join(repr(n) for n in unknown) or repr(text)}; "
            f"choose from {', '.join(FORMATS)} (several separated by commas)"
        )
    return names


def figures_folder_name(name: str) -> str:
    return f"{name}-figures"


def replace_folder(target: Path, files: Mapping[str, bytes]) -> Path:
    """Make `target` hold exactly `files`: written beside it first, then swapped into place.

    The new folder is a registered `.part` until it is renamed, like write_atomic's files: a
    signal removes it, and one left by a killed process goes with the next write here.
    """
    ensure_dir(target.parent)
    scratch.remove_stale_parts(target.parent)
    fresh: Path | None = None
    try:
        with scratch.deferred_signals():
            made = tempfile.mkdtemp(
                prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent
            )
            fresh = Path(made)
            scratch.track(fresh)
        for name, data in files.items():
            (fresh / name).write_bytes(data)
            (fresh / name).chmod(0o644)
        fresh.chmod(0o755)
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        with scratch.deferred_signals():
            fresh.rename(target)
            scratch.untrack(fresh)
            fresh = None
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write the figures ({exc.strerror or exc})") from None
    finally:
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
            scratch.untrack(fresh)
    return target


def build_formats(
    spec_path: str | Path,
    output_dir: str | Path = "output",
    formats: Sequence[str] = ("pdf",),
    *,
    paper: str | None = None,
    review: bool = True,
    output_name: str | None = None,
    theme: str | Path | None = None,
    overrides: Sequence[str] = (),
    pdf_variant: str | None = None,
) -> BuildResult:
    """Build one spec into `output_dir/<name>.<format>` for each format; Markdown's figures go
    to `<name>-figures/`. Nothing is written unless every format was made."""
    from designdoc.render.html import render_html
    from designdoc.typeset.pdf import typeset

    clock = Clock()
    loaded = load(Path(spec_path), clock, overrides)
    theme_dir = theme_of(loaded, theme)
    out_dir = ensure_dir(Path(output_dir))
    name = output_name or loaded.name
    made: dict[str, bytes] = {}
    warnings: list[str] = []
    svgs: dict[str, bytes] = {}
    pages = 0
    with scratch_dir(prefix="designdoc-") as scratch:
        figures_dir = Path(scratch)
        context = prepare(
            loaded,
            figures_dir,
            paper=paper_of(loaded, paper),
            review=review,
            clock=clock,
            theme=theme_dir,
        )
        if "pdf" in formats:
            with clock.stage("html"):
                html = render_html(context)
            with clock.stage("pdf"):
                typeset_pdf = typeset(html, figures_dir, theme_dir, pdf_variant)
            made["pdf"], warnings, pages = (
                typeset_pdf.pdf,
                list(typeset_pdf.warnings),
                typeset_pdf.pages,
            )
        if "html" in formats:
            from designdoc.products.html import html_document

            with clock.stage("web"):
                made["html"] = html_document(context)
        if "md" in formats:
            from designdoc.products.markdown import markdown_document
            from designdoc.render.web import figure_file

            with clock.stage("markdown"):
                folder = figures_folder_name(name)
                made["md"] = markdown_document(context, folder).encode("utf-8")
                svgs = {f"{f.id}.svg": figure_file(f.src).read_bytes() for f in context["figures"]}
        with clock.stage("write"):
            if svgs:
                replace_folder(out_dir / figures_folder_name(name), svgs)
            outputs = [write_atomic(out_dir / f"{name}.{fmt}", made[fmt]) for fmt in formats]
    return BuildResult(
        spec=loaded,
        pdf=outputs[0],
        timings=clock.timings,
        warnings=warnings,
        pages=pages,
        outputs=outputs,
    )


def build(
    spec_path: str | Path,
    output_dir: str | Path = "output",
    *,
    paper: str | None = None,
    review: bool = True,
    output_name: str | None = None,
    theme: str | Path | None = None,
    overrides: Sequence[str] = (),
    pdf_variant: str | None = None,
) -> BuildResult:
    """Build one spec into `output_dir/<name>.pdf`; a failure leaves earlier output untouched.

    `pdf_variant` asks for PDF/A or PDF/UA (see `designdoc.typeset.pdf.PDF_VARIANTS`)."""
    return build_formats(
        spec_path,
        output_dir,
        ("pdf",),
        paper=paper,
        review=review,
        output_name=output_name,
        theme=theme,
        overrides=overrides,
        pdf_variant=pdf_variant,
    )
