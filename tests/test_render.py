"""The template context and the HTML it renders: chapters, escaping, empty steps."""

from __future__ import annotations

import re

import pytest

from designdoc.render.chapters import plan_chapters
from designdoc.render.context import build_context
from designdoc.render.html import render_html
from designdoc.render.markup import render_block, render_inline
from designdoc.spec.models.root import Spec


def make(**sections: object) -> Spec:
    return Spec.model_validate({"designdoc": 1, "title": "Feed ranking", **sections})


def html_of(spec: Spec) -> str:
    return render_html(build_context(spec, source_name="feed.yaml"))


def test_markup_lite_is_escaped_first():
    assert render_inline("<b>x</b> & *y* **z** `a<b`") == (
        "&lt;b&gt;x&lt;/b&gt; &amp; <em>y</em> <strong>z</strong> <code>a&lt;b</code>"
    )
    assert render_block("Intro\n\n- one\n- two *x*\nafter") == (
        "<p>Intro</p><ul><li>one</li><li>two <em>x</em></li></ul><p>after</p>"
    )


def test_markup_leaves_snake_case_alone():
    assert render_inline("user_id and item_id") == "user_id and item_id"


def test_user_text_is_escaped_everywhere():
    hostile = '<script>alert(1)</script><img src="file:///etc/passwd">'
    html = html_of(
        make(
            summary=hostile,
            requirements={"business_objective": hostile, "clarifications": [{"question": hostile}]},
            serving={"stages": [{"id": "s", "name": hostile}]},
        )
    )
    assert "<script>" not in html
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;script&gt;" in html


def test_empty_steps_say_so_in_one_line():
    html = html_of(make(requirements={"business_objective": "More watch time."}))
    assert html.count("Nothing is specified for this step yet.") == 6
    assert '<h2 id="requirements-objective">Business objective</h2>' in html
    assert "requirements-clarifications" not in html


def test_chapters_list_only_filled_sections():
    spec = make(
        requirements={"scale": {"dau": "10M"}},
        data={"features": [{"name": "age"}]},
        serving={"stages": [{"id": "rank"}], "fallbacks": [{"when": "x", "then": "y"}]},
    )
    chapters = {c.id: c for c in plan_chapters(spec, set(), has_estimates=False)}
    assert list(chapters["requirements"].sections) == ["scale"]
    assert list(chapters["data"].sections) == ["features"]
    assert list(chapters["serving"].sections) == ["funnel", "fallbacks"]
    assert chapters["model"].empty


def test_context_sets_metadata_and_toc():
    spec = make(
        authors=["Ada", "Grace"],
        tags=["ranking"],
        framing={"category": "ltr"},
        talking_points=[{"topic": "cold_start"}],
    )
    context = build_context(spec, source_name="x.yaml", paper="letter")
    assert context["paper"].css_size == "letter"
    assert context["keywords"] == ["ranking", "learning to rank"]
    toc = [(e.level, e.id) for e in context["toc"]]
    assert (1, "framing") in toc and (2, "framing-io") in toc and (1, "talking-points") in toc
    html = render_html(context)
    assert '<meta name="author" content="Ada">' in html
    assert "@page { size: letter; }" in html


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_paper_from_spec_or_option(paper):
    spec = make(document={"paper": paper})
    assert build_context(spec, source_name="x")["paper"].name == paper


def test_component_roles_column_only_when_described():
    plain = html_of(make(serving={"components": [{"id": "a", "kind": "redis"}]}))
    assert "<th>Role</th>" not in plain
    described = html_of(
        make(serving={"components": [{"id": "a", "kind": "redis", "description": "Caches"}]})
    )
    assert "<th>Role</th>" in described and "Caches" in described


@pytest.mark.parametrize(
    ("serving", "title"),
    [
        ({"index": {"type": "hnsw", "items": "100M"}}, "Index"),
        ({"capacity": {"servers": 4}}, "Capacity"),
        ({"precompute": {"entities": "20M"}, "prediction": "batch"}, "Precomputation"),
        (
            {"index": {"type": "hnsw"}, "capacity": {"servers": 4}, "precompute": {"entities": 3}},
            "Index, capacity and precomputation",
        ),
    ],
)
def test_index_section_is_titled_by_what_it_holds(serving: dict[str, object], title: str) -> None:
    chapters = {c.id: c for c in plan_chapters(make(serving=serving), set(), False)}
    assert chapters["serving"].sections["index"] == title


RETRAINING = [
    ({"cadence": "weekly"}, "The model is retrained weekly."),
    (
        {"cadence": "Fine-tuned continuously on streamed impressions; full retrain weekly"},
        "Retraining: Fine-tuned continuously on streamed impressions; full retrain weekly.",
    ),
    (
        {"cadence": "Daily warm start on the last day", "trigger": "Feature drift"},
        "Retraining: Daily warm start on the last day. Also retrained on this trigger: "
        "Feature drift.",
    ),
    ({"cadence": "continuous"}, "The model is retrained continuously."),
    ({"cadence": "6h", "trigger": "when drift exceeds 0.2"}, "retrained every 6h, and also when"),
    ({"cadence": "Weekly, adding fresh labels."}, "The model is retrained weekly, adding fresh"),
    ({"cadence": "Every day"}, "The model is retrained every day."),
    ({"trigger": "a drop in recall"}, "Retraining trigger: a drop in recall."),
    ({"trigger": "When recall drops"}, "The model is retrained when recall drops."),
]


@pytest.mark.parametrize(("retraining", "reads"), RETRAINING, ids=[r[1][:30] for r in RETRAINING])
def test_the_retraining_sentence_reads_right_for_every_cadence(retraining, reads):
    html = html_of(make(model={"training": {"retraining": retraining}}))
    section = html[html.index('id="monitoring-retraining"') :]
    text = " ".join(re.sub(r"<[^>]+>", " ", section[: section.index("</p>")]).split())
    text = text.replace(" .", ".").replace(" ,", ",")
    assert reads in text
    assert "retrained Fine" not in text and "retrained Daily" not in text and ".." not in text
