"""Themes: one file overrides, the rest falls back; nothing outside the theme is read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SPECS
from markupsafe import escape
from pypdf import PdfReader
from text_sizes import text_below
from typer.testing import CliRunner

from designdoc.cli.main import app
from designdoc.errors import BuildError, ThemeError
from designdoc.products.document import build
from designdoc.render.theme import resolve_theme, shipped_themes

runner = CliRunner()
SPEC = "designdoc: 1\ntitle: Feed ranking\nsummary: Ranks the home feed.\n"


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def theme(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "house"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_theme_overrides_one_partial_and_one_css_rule(tmp_path: Path, write_spec) -> None:  # type: ignore[no-untyped-def]
    folder = theme(
        tmp_path,
        {
            "document/cover.html.j2": '<section class="cover"><h1 class="cover-title">'
            "ACME design review: {{ spec.title }}</h1></section>",
            "document/theme.css": '.chapter-lead::after { content: " [house style]"; }',
        },
    )
    result = build(write_spec(SPEC), tmp_path / "out", theme=folder)
    text = text_of(result.pdf)
    assert "ACME design review: Feed ranking" in text  # the theme's cover partial
    assert "Machine-learning system design" not in text  # ... replaced the bundled one
    assert "[house style]" in text  # the theme's CSS rule
    assert "Clarifying requirements" in text  # the rest falls back to the bundled partials
    assert result.warnings == []  # the bundled stylesheets and fonts were all served


def test_a_theme_stylesheet_finds_the_bundled_fonts(tmp_path: Path, write_spec) -> None:  # type: ignore[no-untyped-def]
    # A full copy of document.css refers to ../fonts/, which the theme does not have.
    folder = tmp_path / "copy"
    assert runner.invoke(app, ["theme", "new", str(folder)]).exit_code == 0
    assert not (folder / "fonts").exists()
    result = build(write_spec(SPEC), tmp_path / "out", theme=folder)
    assert result.warnings == []
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(result.pdf).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Inter" in name for name in fonts), fonts


def test_theme_new_copies_templates_and_readme(tmp_path: Path) -> None:
    folder = tmp_path / "house"
    result = runner.invoke(app, ["theme", "new", str(folder), "--from", "memo"])
    assert result.exit_code == 0, result.output
    assert (folder / "document" / "document.css").is_file()
    assert (folder / "shared" / "macros.html.j2").is_file()
    assert "MEMO" in (folder / "document" / "cover.html.j2").read_text()  # memo's over bundled
    assert "--theme house" in (folder / "README.md").read_text()
    again = runner.invoke(app, ["theme", "new", str(folder)])
    assert again.exit_code == 1 and "not empty" in again.output


def test_theme_list_names_the_shipped_themes() -> None:
    result = runner.invoke(app, ["theme", "list"])
    assert result.exit_code == 0
    assert {"default", "compact", "memo"} <= {ln.split()[0] for ln in result.output.splitlines()}


def test_a_theme_cannot_fetch_outside_its_folder(tmp_path: Path, write_spec) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.css"
    secret.write_text('.cover-title::after { content: "LEAKED"; }', encoding="utf-8")
    folder = theme(
        tmp_path,
        {
            "document/theme.css": '@import url("../../secret.css");\n'
            f'@import url("{secret.as_uri()}");\n'
            '.cover { background: url("file:///etc/hostname"); }',
        },
    )
    result = build(write_spec(SPEC), tmp_path / "out", theme=folder)
    assert "LEAKED" not in text_of(result.pdf)
    refused = [w for w in result.warnings if "refused" in w]
    assert len(refused) >= 2, result.warnings


def test_a_theme_template_cannot_reach_outside(tmp_path: Path, write_spec) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside.html.j2"
    outside.write_text("OUTSIDE", encoding="utf-8")
    folder = theme(tmp_path, {"document/theme.css": ""})
    os.symlink(outside, folder / "document" / "toc.html.j2")
    with pytest.raises(ThemeError, match="outside the theme folder"):
        build(write_spec(SPEC), tmp_path / "out", theme=folder)


def test_theme_templates_run_in_the_sandbox(tmp_path: Path, write_spec) -> None:  # type: ignore[no-untyped-def]
    folder = theme(
        tmp_path,
        {"document/toc.html.j2": "ok\n{{ spec.__class__.__init__.__globals__ }}\n"},
    )
    with pytest.raises(ThemeError) as caught:
        build(write_spec(SPEC), tmp_path / "out", theme=folder)
    assert f"{folder / 'document' / 'toc.html.j2'}:2:" in caught.value.message


def test_a_broken_theme_template_is_located_and_writes_nothing(tmp_path: Path, write_spec) -> None:  # type: ignore[no-untyped-def]
    folder = theme(tmp_path, {"document/cover.html.j2": "<p>\n{% if spec.title %}\nno end\n"})
    spec = write_spec(SPEC)
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "designdoc",
            "build",
            str(spec),
            "-o",
            str(out),
            "--theme",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert f"{folder / 'document' / 'cover.html.j2'}:" in done.stderr
    assert "template syntax error" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (out / "spec.pdf").exists()


def test_unknown_theme_is_a_usage_error_with_a_suggestion(write_spec) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["build", str(write_spec(SPEC)), "--theme", "compcat"])
    assert result.exit_code == 2
    assert "did you mean 'compact'" in " ".join(result.output.replace("│", " ").split())


def test_a_folder_that_is_no_theme_is_refused(tmp_path: Path, write_spec) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "notes").mkdir()
    spec = write_spec(SPEC + "document:\n  theme: notes\n")
    with pytest.raises(ThemeError, match="is not a theme folder"):
        build(spec, tmp_path / "out")
    with pytest.raises(ThemeError, match="is not a theme folder"):
        resolve_theme("/")


def test_themes_and_set_are_for_documents_only(write_spec) -> None:  # type: ignore[no-untyped-def]
    spec = str(write_spec(SPEC))
    for extra in (["--theme", "memo"], ["--set", "title=X"]):
        result = runner.invoke(app, ["build", spec, "--sheet", *extra])
        assert result.exit_code == 2
        assert "apply to design documents" in " ".join(result.output.replace("│", " ").split())


def test_spec_theme_is_relative_to_the_spec(tmp_path: Path) -> None:
    folder = theme(tmp_path, {"document/theme.css": '.chapter-lead::after { content: " [mine]"; }'})
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC + "document:\n  theme: house\n", encoding="utf-8")
    assert resolve_theme("house", tmp_path) == folder.resolve()
    result = build(spec, tmp_path / "out")
    assert "[mine]" in text_of(result.pdf)


@pytest.mark.parametrize("name", sorted(p.stem for p in SPECS.glob("*.yaml")))
def test_every_bundled_spec_lays_out_with_each_shipped_theme(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every bundled spec with each shipped theme: the themed templates rendered, then laid
    out by WeasyPrint through the build's own `lay_out` (fetcher, time limit, warnings), its
    review and figures made once and shared by the themes. One layout each: the figure
    floats, which no theme changes, are left to the page sweep (test_page_sweep.py), and
    so is writing the PDF; the web page is tested apart."""
    from designdoc.pipeline import load, prepare
    from designdoc.render.context import DOCUMENT_STYLESHEETS
    from designdoc.render.html import render_html, stylesheet_uris
    from designdoc.typeset import floats
    from designdoc.typeset.pdf import lay_out

    monkeypatch.setattr(floats, "PASSES", 1)
    loaded = load(SPECS / f"{name}.yaml")
    plain = prepare(loaded, tmp_path, paper="a4")
    themes = [resolve_theme(theme_name) for theme_name in sorted(shipped_themes())]
    assert len(themes) >= 2
    for folder in themes:
        assert folder is not None
        # What a theme changes in the context (see render/context.py build_context).
        themed = {
            **plain,
            "user_templates": folder,
            "stylesheets": stylesheet_uris(*DOCUMENT_STYLESHEETS, theme=folder),
        }
        page = render_html(themed)
        assert str(escape(loaded.spec.title)) in page, folder.name
        document, warnings = lay_out(page, tmp_path, folder)
        assert warnings == [], (folder.name, warnings)
        assert len(document.pages) >= 4, folder.name


HOUSE = {
    "document/cover.html.j2": '<section class="cover"><h1 class="cover-title">'
    "ACME design review: {{ spec.title }}</h1></section>",
    "document/theme.css": '.chapter-lead::after { content: " [house style]"; }\n'
    '.cover { background: url("logo.svg") no-repeat; }',
    "document/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
}


def test_a_theme_styles_the_html_page_and_the_preview(tmp_path: Path, write_spec) -> None:  # type: ignore[no-untyped-def]
    from designdoc.preview.session import PreviewSession
    from designdoc.products.document import build_formats

    folder = theme(tmp_path, HOUSE)
    result = build_formats(write_spec(SPEC), tmp_path / "out", ("html",), theme=folder)
    page = result.outputs[0].read_text(encoding="utf-8")
    assert "ACME design review: Feed ranking" in page  # the theme's partial
    assert "Machine-learning system design" not in page
    assert '" [house style]"' in page  # its stylesheet, inline
    assert "logo.svg" not in page and 'url("data:image/svg+xml;base64,' in page  # its asset too
    assert "file:" not in page and "Clarifying requirements" in page  # the rest: bundled
    # The preview is the same page, and follows the spec's document.theme.
    session = PreviewSession(write_spec(SPEC + "document:\n  theme: house\n", "own.yaml"))
    try:
        assert session.rebuild().ok
        assert "ACME design review" in session.document and '" [house style]"' in session.page
    finally:
        session.close()


@pytest.mark.parametrize(
    ("css", "message"),
    [
        ('.cover { background: url("../../secret.png"); }', "may embed only designdoc's fonts"),
        ('@import "extra.css";', "cannot @import"),
    ],
)
def test_a_theme_cannot_make_the_html_page_refer_outside(
    tmp_path: Path, write_spec, css: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    from designdoc.products.document import build_formats

    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    folder = theme(tmp_path, {"document/theme.css": css, "document/extra.css": "p {}"})
    with pytest.raises(BuildError, match=message):
        build_formats(write_spec(SPEC), tmp_path / "out", ("html",), theme=folder)
    assert not (tmp_path / "out" / "spec.html").exists()


def test_theme_default_on_the_command_line_wins_over_the_spec(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC + "document:\n  theme: memo\n", encoding="utf-8")
    pages = {}
    for chosen in ([], ["--theme", "default"]):
        out = tmp_path / (chosen[-1] if chosen else "spec")
        run = runner.invoke(app, ["build", str(spec), "-o", str(out), "--format", "html", *chosen])
        assert run.exit_code in (0, 3), run.output
        pages[out.name] = (out / "spec.html").read_text(encoding="utf-8")
    assert 'class="memo-kind"' in pages["spec"]
    assert 'class="memo-kind"' not in pages["default"]


def test_memo_header_gives_each_reviewer_verdict_and_greys_the_badges(tmp_path: Path) -> None:
    from designdoc.pipeline import load, prepare
    from designdoc.render.context import DOCUMENT_STYLESHEETS
    from designdoc.render.html import render_html, stylesheet_uris

    spec = tmp_path / "spec.yaml"
    spec.write_text(
        SPEC
        + "work:\n  status:\n    state: in_review\n    reviewers:\n"
        + "      - {name: Ada, role: Payments, verdict: approved}\n"
        + "      - {name: Grace, verdict: changes_requested}\n",
        encoding="utf-8",
    )
    memo = resolve_theme("memo")
    assert memo is not None
    context = prepare(load(spec), tmp_path / "figures", paper="a4")
    html = render_html(
        {
            **context,
            "user_templates": memo,
            "stylesheets": stylesheet_uris(*DOCUMENT_STYLESHEETS, theme=memo),
        }
    )
    head = html[html.index('class="memo-fields"') :]
    head = " ".join(head[: head.index("</table>")].split())
    assert "Ada (Payments): approved; Grace: changes requested" in head
    css = (memo / "document" / "theme.css").read_text(encoding="utf-8")
    assert "--bad: #111111" in css and "--warn: #555555" in css


def test_the_compact_theme_prints_nothing_below_seven_points(tmp_path: Path) -> None:
    # The smallest type of the shipped themes, on a document with estimates and a review.
    from designdoc.files.resources import specs_dir

    result = build(specs_dir() / "video_recommendation.yaml", tmp_path, theme="compact")
    assert text_below(result.pdf) == []
