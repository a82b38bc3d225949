"""Any text in a label is drawn as text: never read as DOT, HTML-like or SVG syntax."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_figures_support import SMALL_SPEC, spec_from, svg_root, svg_text

from designdoc.figures import draw_figures
from designdoc.figures.layout.labels import clean, node_id, wrap

HOSTILE = {
    "quotes": "say \"hello\" and 'bye'",
    "braces": "{rank=same; a b} [label=x]",
    "angles": "<b>bold</b> <script>alert(1)</script>",
    "backslashes": r"C:\path\n \l \N \G \\ end",
    "newlines": "first line\nsecond line\r\nthird",
    "arrow": "a -> b -- c",
    "html": "<<TABLE><TR><TD>cell</TD></TR></TABLE>> &amp; &lt; &#45;",
    "long_word": "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3,
    "scripts": "ранжирование 推荐系统排序 التوصيات ελληνικά",
    "controls": "bell\x07 and tab\there",
}


def hostile_spec(text: str):  # type: ignore[no-untyped-def]
    serving = {
        "stages": [{"id": "s1", "name": text, "model": text, "latency": "10ms"}],
        "components": [
            {"id": "c1", "kind": "kafka", "label": text, "group": text},
            {"id": "c2", "kind": text, "label": text},
        ],
        "flows": [{"from": "c1", "to": "s1", "label": text}, {"from": "c2", "to": "c1"}],
        "fallbacks": [{"when": text, "then": text, "applies_to": "s1"}],
    }
    data = {
        "sources": [{"id": "src", "name": text, "storage": text}],
        "features": [{"name": text, "source": "src", "computation": "batch"}],
    }
    return spec_from(SMALL_SPEC, serving=serving, data=data)


def words(text: str) -> list[str]:
    """The words of a text as they must appear, whatever the wrapping."""
    return [w for w in clean(text).split() if w]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_label_is_drawn_as_text(tmp_path: Path, name: str) -> None:
    text = HOSTILE[name]
    figures = draw_figures(hostile_spec(text), tmp_path)
    assert {f.kind for f in figures} == {"data", "architecture", "funnel", "lifecycle"}
    for figure in figures:
        root = svg_root(figure.path)  # well-formed XML
        assert not [e for e in root.iter() if e.tag.endswith("script")]
        drawn = svg_text(figure.path).replace(" ", "")
        if figure.kind in ("data", "architecture", "funnel"):
            for word in words(text)[:3]:
                assert word[:10] in drawn, (figure.id, word)


def test_angle_brackets_never_become_markup(tmp_path: Path) -> None:
    figures = draw_figures(hostile_spec(HOSTILE["html"]), tmp_path)
    for figure in figures:
        raw = figure.path.read_text("utf-8")
        assert "<TABLE>" not in raw and "<TD>" not in raw
    assert "<TABLE><TR><TD>cell" in svg_text(figures[0].path).replace(" ", "")


def test_backslash_escapes_are_not_interpreted(tmp_path: Path) -> None:
    (data, *_) = draw_figures(hostile_spec(HOSTILE["backslashes"]), tmp_path)
    assert r"C:\path\n" in svg_text(data.path)


def test_wrap_breaks_at_words_and_counts_wide_glyphs() -> None:
    assert wrap("x" * 35, 10, 9) == ["x" * 35]  # a word is never broken mid-way
    assert wrap("policy-labelled completions", 10, 9) == ["policy-", "labelled", "completions"]
    assert wrap("推荐 系统排序 推荐系统", 10, 9) == ["推荐", "系统排序", "推荐系统"]
    assert wrap("one two three four five six", 8, 2) == ["one two", "three…"]


def test_a_cut_label_ends_after_a_whole_word_or_number() -> None:
    (line,) = wrap("data lake · ~50M rows a day", 18, 1)
    assert line == "data lake · ~50M…"
    (line,) = wrap("model + calibration", 12, 1)
    assert line == "model…"  # no dangling "+"


def test_node_ids_are_ascii_and_distinct() -> None:
    ids = {
        node_id("s", "ranking"),
        node_id("s", "ранжирование"),
        node_id("s", "a-b"),
        node_id("s", "a_b"),
    }
    assert len(ids) == 4
    assert all(i.isascii() and i.replace("_", "").isalnum() for i in ids)


def test_a_cut_label_ends_at_a_clause_when_one_keeps_most_of_it() -> None:
    text = (
        "Change events re-index a document within the hour; deletions within 5 minutes "
        "and the whole index is rebuilt nightly"
    )
    assert wrap(text, 26, 4) == ["Change events re-index a", "document within the hour…"]
    # A clause boundary near the start would drop too much: the cut stays at a word.
    early = "Nightly, every listing embedding is recomputed from the latest booking sessions"
    assert wrap(early, 20, 2) == ["Nightly, every", "listing embedding…"]
