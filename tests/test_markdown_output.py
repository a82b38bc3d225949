"""`build --format md`: GitHub Markdown that renders as committed, figures beside it, text inert."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.gfm import gfm_plugin
from test_html_output import HOSTILE
from test_work import WORK

from designdoc.spec.models.root import Spec

SPECS = Path(__file__).parent.parent / "specs"


def build_md(spec: Path, out: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "designdoc", "build", str(spec), "-o", str(out), "--format", "md"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out / f"{spec.stem}.md"


def tokens(markdown: str):  # type: ignore[no-untyped-def]
    # Raw HTML allowed, as GitHub would pass it to its sanitiser: any that survives escaping
    # shows up as an html token here.
    md = MarkdownIt("commonmark", {"html": True}).use(gfm_plugin)
    flat = []
    for token in md.parse(markdown):
        flat.append(token)
        flat += token.children or []
    return flat


@pytest.fixture(scope="module")
def example_md(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_md(SPECS / "video_recommendation.yaml", tmp_path_factory.mktemp("md"))


def test_markdown_has_steps_tables_estimates_and_figures(example_md: Path, tmp_path: Path) -> None:
    text = example_md.read_text(encoding="utf-8")
    found = tokens(text)
    headings = [
        found[i + 1].content
        for i, t in enumerate(found)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    assert headings[:7] == [
        "1. Clarifying requirements",
        "2. Framing the problem as an ML task",
        "3. Data preparation",
        "4. Model development",
        "5. Evaluation",
        "6. Deployment and serving",
        "7. Monitoring and infrastructure",
    ]
    assert sum(t.type == "table_open" for t in found) >= 10
    assert "| peak QPS | `average QPS × peak factor` |" in text
    images = [t for t in found if t.type == "image"]
    assert len(images) == _figure_count(tmp_path) >= 4
    for image in images:
        src = image.attrs["src"]
        assert not Path(src).is_absolute() and src.startswith("video_recommendation-figures/")
        assert (example_md.parent / src).is_file()
        assert b"<svg" in (example_md.parent / src).read_bytes()


def test_review_findings_are_github_alerts(tmp_path: Path) -> None:
    spec = tmp_path / "gaps.yaml"
    spec.write_text(
        "designdoc: 1\ntitle: Gaps\nframing: {category: binary_classification}\n"
        "data:\n  split: {strategy: random}\n"
        "  sources: [{id: s, kind: interaction, has_timestamp: true}]\n",
        encoding="utf-8",
    )
    text = build_md(spec, tmp_path / "out").read_text(encoding="utf-8")
    found = tokens(text)
    alerts = [t for t in found if t.type == "alert_open"]
    assert alerts, "findings render as GitHub alerts"
    assert "> [!CAUTION]\n> **DAT002** (`data.split.strategy`, line 5)" in text


def test_hostile_text_is_inert_in_markdown(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = build_md(write_spec(HOSTILE, "evil.yaml"), tmp_path / "out").read_text(encoding="utf-8")
    found = tokens(text)
    assert [t for t in found if t.type in ("html_block", "html_inline")] == []
    assert [t for t in found if t.type in ("image", "link_open")] == []
    rendered = MarkdownIt("commonmark", {"html": True}).use(gfm_plugin).render(text)
    assert "<script" not in rendered and "<img" not in rendered and "<iframe" not in rendered
    assert "&lt;script&gt;alert('t')&lt;/script&gt; Evil &amp; co" in rendered
    assert (
        "<strong>Bold</strong>" in rendered and "<code>&lt;b&gt;code&lt;/b&gt;</code>" in rendered
    )


def test_a_rebuild_replaces_the_figures_folder(tmp_path: Path) -> None:
    spec = tmp_path / "small.yaml"
    spec.write_text(
        "designdoc: 1\ntitle: Small\ndata:\n  sources: [{id: logs, kind: interaction}]\n"
        "  features: [{name: clicks, source: logs}]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    md = build_md(spec, out)
    stale = out / "small-figures" / "old.svg"
    stale.write_text("<svg/>")
    build_md(spec, out)
    assert not stale.exists() and md.is_file()
    assert sorted(p.name for p in out.iterdir()) == ["small-figures", "small.md"]
    assert [p.name for p in (out / "small-figures").iterdir()] == ["data.svg"]


def _figure_count(tmp: Path) -> int:
    """How many figures the PDF of the example holds (a figure may be split in parts)."""
    from designdoc import load_spec
    from designdoc.figures import draw_figures

    spec = load_spec(Path(__file__).resolve().parent.parent / "specs" / "video_recommendation.yaml")
    return len(draw_figures(spec.spec, tmp, paper="a4"))


def work_markdown(work: dict[str, object] | None, overrides: tuple[str, ...] = ()) -> str:
    """The Markdown of a small spec with `work`, in this process (no review, no figures)."""
    import yaml

    from designdoc.products.markdown import markdown_document
    from designdoc.render.context import build_context
    from designdoc.spec.overrides import apply_overrides
    from designdoc.spec.positions import Positioned

    data = {"designdoc": 1, "title": "Feed ranking", **({"work": work} if work else {})}
    _, applied = apply_overrides(Positioned(data, {}, {}), overrides)
    spec = Spec.model_validate(yaml.safe_load(yaml.safe_dump(data)))
    context = build_context(spec, source_name="feed.yaml", show_review=False, overrides=applied)
    return markdown_document(context, "feed-figures")


def test_work_sections_in_markdown_as_in_the_pdf() -> None:
    hostile = {
        **WORK,
        "goals": ["Lift watch time by 2%", "<script>alert(1)</script> [x](javascript:y)"],
    }
    text = work_markdown(hostile, ("requirements.scale.dau=3B",))
    found = tokens(text)
    h2 = [
        found[i + 1].content
        for i, t in enumerate(found)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    assert h2[0] == "Context" and h2[1] == "1. Clarifying requirements"
    assert h2[-1] == "Plan and decisions"
    h3 = [
        found[i + 1].content
        for i, t in enumerate(found)
        if t.type == "heading_open" and t.tag == "h3"
    ]
    assert h3[:2] == ["Motivation", "Goals and non-goals"]
    assert h3[-5:] == [
        "Alternatives considered",
        "Milestones",
        "Cost",
        "Open questions",
        "Related documents",
    ]
    # Under the title, as on the cover: the status, the decision, reviewers, what-if values.
    assert text.index("**Status: approved** (decided 2026-11-30)") < text.index("## Context")
    assert "| Ada | ML platform | approved |" in text and "| Grace |   | pending |" in text
    assert "| `requirements.scale.dau` | 3B | (not set) |" in text
    assert "| Vendor API |   | *not given* |" in text  # an alternative without why not
    assert "| Offline eval | 2026-12-15 |   | done |" in text
    assert "| A/B test | 2027-01-20 | Ranking team | planned |" in text
    assert "| GPU training | $4k/month |   |" in text and "#### People" in text
    assert "| Which region goes first? | PM | **open** |" in text
    assert sum(t.type == "table_open" for t in found) == 7
    # Spec text stays text: the related document's address is printed, never a link.
    assert "Feed v1 design (supersedes): https\\://example.com/v1" in text
    assert [t for t in found if t.type in ("link_open", "html_inline", "html_block")] == []


def test_markdown_has_no_work_sections_when_unfilled() -> None:
    text = work_markdown({"goals": [], "status": None})
    assert "## Context" not in text and "## Plan and decisions" not in text
    assert "Status:" not in text and "What-if" not in text
    only_goals = work_markdown({"non_goals": ["Search ranking"]})
    assert "## Context" in only_goals and "#### Non-goals" in only_goals
    assert "#### Goals\n" not in only_goals and "## Plan and decisions" not in only_goals


def test_the_generative_sections_come_under_their_steps() -> None:
    from designdoc.products.markdown import markdown_document
    from designdoc.render.context import build_context
    from designdoc.spec.loader import load_spec

    spec = load_spec(SPECS / "company_docs_rag.yaml").spec
    assert spec.genai is not None and spec.genai.retrieval and spec.genai.guardrails
    context = build_context(spec, source_name="company_docs_rag.yaml", show_review=False)
    text = markdown_document(context, "figures")
    found = tokens(text)
    headings = [
        (t.tag, found[i + 1].content) for i, t in enumerate(found) if t.type == "heading_open"
    ]
    order = [h for h in headings if h[0] == "h2" or h[1].startswith(("Generative", "Evaluating"))]
    names = [name for _, name in order]
    for step, section in (
        ("2. Framing the problem as an ML task", "Generative approach and model"),
        ("5. Evaluation", "Evaluating generations"),
        ("6. Deployment and serving", "Generative serving"),
    ):
        assert names.index(step) < names.index(section) < names.index(step) + 2, names
    h4 = {name for tag, name in headings if tag == "h4"}
    assert {"Retrieval", "Guardrails", "Tokens"} <= h4
    assert str(spec.genai.retrieval.top_k) in text
