"""The architecture overview, splits by whole clusters, batch stages and source order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from test_figures_fit import assert_fits
from test_figures_support import SMALL_SPEC, small_spec, spec_from, svg_text

from designdoc.errors import BuildError
from designdoc.figures import draw_architecture, draw_data, draw_figures, draw_funnel
from designdoc.figures.figure import Drawing
from designdoc.figures.kinds.architecture import COMPACT_EDGE_WIDTH, _short_edge_label
from designdoc.figures.kinds.topology import Arrow, Box, Topology, topology_of
from designdoc.figures.layout.dot import run_dot
from designdoc.figures.layout.fit import _Layouts, fit_drawing, groupings
from designdoc.figures.layout.labels import ELLIPSIS, node_id
from designdoc.spec.models.root import Spec

SPECS = Path(__file__).resolve().parent.parent / "specs"


def example(name: str) -> Spec:
    path = SPECS / f"{name}.yaml"
    from designdoc.spec.loader import load_spec

    return load_spec(path).spec


# ---- the overview -------------------------------------------------------------------------------


def test_small_architecture_keeps_its_detailed_form(tmp_path: Path) -> None:
    (figure,) = draw_architecture(small_spec(), tmp_path)
    assert 'WIDTH="30"' in figure.dot_source  # full-size icons
    assert "constraint=false" not in figure.dot_source
    assert "Kafka" in svg_text(figure.path)  # the kind caption, a detail line
    assert "30 ms" in svg_text(figure.path)  # a stage's latency, another


def test_large_architecture_is_drawn_compact(tmp_path: Path) -> None:
    spec = example("video_recommendation")
    figures = draw_architecture(spec, tmp_path)
    assert len(figures) <= 2
    for figure in figures:
        assert_fits(figure, "a4")
    text = "".join(svg_text(figure.path) for figure in figures)
    for stage in spec.serving.stages:
        if stage.model:
            assert stage.model not in text  # no detail lines in the overview
    assert "Kubernetes" not in text  # nor kind captions
    assert all('WIDTH="30"' not in figure.dot_source for figure in figures)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_example_architecture_has_at_most_three_parts(tmp_path: Path, paper: str) -> None:
    specs = sorted(SPECS.glob("*.yaml"))
    assert len(specs) >= 11
    from designdoc.spec.loader import load_spec

    for path in specs:
        figures = draw_architecture(load_spec(path).spec, tmp_path / path.stem, paper=paper)
        assert 1 <= len(figures) <= 3, path.name
        for figure in figures:
            assert_fits(figure, paper)


def test_overview_edge_labels_are_two_short_lines_cut_at_a_word() -> None:
    label = _short_edge_label("impressions, watches, likes and shares of every video")
    assert label is not None
    lines = [re.sub(r"<[^<>]*>", "", row) for row in label.split("</TR>")[:-1]]
    assert len(lines) == 2 and all(len(line) <= COMPACT_EDGE_WIDTH for line in lines)
    assert lines[-1].endswith(ELLIPSIS) and lines[-1][-2].isalpha()
    assert _short_edge_label("features") is not None
    assert _short_edge_label("   ") is None


def test_overview_is_reproducible(tmp_path: Path) -> None:
    spec = example("video_recommendation")
    first = draw_architecture(spec, tmp_path / "one")
    second = draw_architecture(spec, tmp_path / "two")
    assert [f.path.read_bytes() for f in first] == [f.path.read_bytes() for f in second]


def test_loops_are_found_for_the_overview() -> None:
    boxes = [Box(i, i, None, "online") for i in ("client", "gateway", "service", "ranker")]
    arrows = [
        Arrow("client", "gateway"),
        Arrow("gateway", "service"),
        Arrow("service", "ranker"),
        Arrow("ranker", "gateway"),
    ]
    assert Topology(boxes, arrows).back_arrows() == {("ranker", "gateway")}


# ---- splitting by whole clusters ----------------------------------------------------------------


def wide_boxes_drawing(sizes: dict[str, int]) -> Drawing:
    """Clusters of tall chains of wide boxes: on a landscape page two clusters fit side by
    side, three do not."""

    def build(direction: str, units: Sequence[str] | None) -> str:
        lines = [
            "digraph {",
            f"rankdir={direction} nodesep=0.3 ranksep=0.4",
            'node [shape=box fixedsize=true width=5 height=0.8 fontsize=10 fontname="Inter"]',
        ]
        for unit in units or list(sizes):
            lines.append(f"subgraph cluster_{unit} {{")
            names = [f"{unit}{n}" for n in range(sizes[unit])]
            lines += [f'{name} [label="{name}"]' for name in names]
            lines += [f"{a} -> {b}" for a, b in pairwise(names)]
            lines.append("}")
        lines.append("}")
        return "\n".join(lines)

    return Drawing(
        kind="test",
        title="Test",
        caption="Test.",
        step=1,
        build=build,
        fingerprint="test",
        units=tuple(sizes),
        overview=(build,),
        unit_sizes=sizes,
        directions=("TB",),
    )


def test_groupings_cut_in_order() -> None:
    assert list(groupings(["a", "b", "c"], 2)) == [(("a",), ("b", "c")), (("a", "b"), ("c",))]
    assert list(groupings(["a", "b", "c"], 3)) == [(("a",), ("b",), ("c",))]


def test_split_never_leaves_a_part_of_one_or_two_boxes() -> None:
    # Greedy filling would give (a, b) and then c alone, with two boxes.
    parts = fit_drawing(wide_boxes_drawing({"a": 6, "b": 6, "c": 2}))
    assert [p.units for p in parts] == [("a",), ("b", "c")]


def test_split_takes_the_fewest_and_most_even_parts() -> None:
    parts = fit_drawing(wide_boxes_drawing({"a": 3, "b": 3, "c": 3, "d": 3, "e": 3}))
    assert len(parts) == 3
    assert [p.units for p in parts] == [("a",), ("b", "c"), ("d", "e")]
    for part in parts:
        assert part.landscape or part.scale <= 1


def test_a_variant_dot_rejects_is_skipped() -> None:
    drawing = wide_boxes_drawing({"a": 2})
    layouts = _Layouts(drawing, (lambda direction, units: "digraph { a -> }", drawing.build))
    assert len(layouts.options(None, "TB")) == 1
    with pytest.raises(BuildError):
        _Layouts(drawing, (lambda direction, units: "digraph { a -> }",)).options(None, "TB")


# ---- batch stages -------------------------------------------------------------------------------

BATCH_STAGES = [
    {"id": "walk", "name": "Graph walk", "mode": "batch", "latency": "2h", "items_out": "2k"},
    {"id": "score", "name": "Pair scoring", "mode": "batch", "latency": "3h"},
    {"id": "read", "name": "Read stored list", "latency": "10ms"},
    {"id": "rerank", "name": "Re-ranking", "latency": "20ms"},
]


def batch_spec() -> Spec:
    serving = yaml.safe_load(SMALL_SPEC)["serving"]
    serving["stages"] = BATCH_STAGES
    serving["flows"] = [{"from": "app", "to": "read", "label": "request"}]
    serving["fallbacks"] = []
    return spec_from(SMALL_SPEC, serving=serving)


def test_batch_stages_sit_apart_and_outside_the_budget(tmp_path: Path) -> None:
    (figure,) = draw_funnel(batch_spec(), tmp_path)
    text = svg_text(figure.path)
    assert "offline (batch)" in text
    assert "total 30 ms of 200 ms budget" in text  # 10 ms + 20 ms; the hours are left out
    assert "2 batch stages run offline, not counted" in text
    assert "cluster_batch" in figure.dot_source
    request_path = re.findall(r"(\S+) -> (\S+) \[color=\"#2F5D8C\"\]", figure.dot_source)
    batch_ids = {node_id("s", "walk"), node_id("s", "score")}
    assert not {i for pair in request_path for i in pair} & batch_ids
    assert f"{node_id('s', 'score')} -> {node_id('s', 'read')}" in figure.dot_source
    assert_fits(figure, "a4")


def test_batch_stages_leave_the_architecture_request_chain() -> None:
    topology = topology_of(batch_spec())
    assert topology is not None
    boxes = topology.by_id()
    assert boxes["walk"].batch and boxes["walk"].group == "batch"  # batch inference, not training
    pairs = {(a.source, a.target): a for a in topology.arrows}
    assert ("read", "rerank") in pairs
    assert pairs[("score", "read")].mode == "batch"
    assert not any(a.target == "walk" for a in topology.arrows)


def test_all_batch_funnel_draws_the_batch_cluster_only(tmp_path: Path) -> None:
    serving = yaml.safe_load(SMALL_SPEC)["serving"]
    serving["stages"] = BATCH_STAGES[:2]
    serving["fallbacks"] = []
    (figure,) = draw_funnel(spec_from(SMALL_SPEC, serving=serving), tmp_path)
    assert "offline (batch)" in svg_text(figure.path)
    assert "Response" not in svg_text(figure.path)


def test_people_you_may_know_funnel_keeps_batch_apart(tmp_path: Path) -> None:
    spec = example("people_you_may_know")
    assert any(s.mode == "batch" for s in spec.serving.stages)
    figures = draw_funnel(spec, tmp_path)
    assert any("offline (batch)" in svg_text(f.path) for f in figures)
    for figure in figures:
        assert_fits(figure, "a4")


# ---- the data map -------------------------------------------------------------------------------


def source_order(dot_source: str, direction: str, ids: Sequence[str]) -> list[str]:
    plain = run_dot(dot_source, "plain").decode("utf-8")
    where = {
        line.split()[1]: (float(line.split()[2]), float(line.split()[3]))
        for line in plain.splitlines()
        if line.startswith("node ")
    }
    if direction == "LR":
        return sorted(ids, key=lambda i: -where[i][1])
    return sorted(ids, key=lambda i: where[i][0])


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_data_sources_keep_spec_order(direction: str) -> None:
    sources = [
        {"id": name, "name": f"Source {name}", "ingestion": "batch"}
        for name in ("alpha", "bravo", "charlie", "delta", "echo")
    ]
    features = [
        {"name": f"feature of {s['id']}", "source": s["id"], "computation": "batch"}
        for s in sources
    ]
    spec = spec_from(SMALL_SPEC, data={"sources": sources, "features": features})
    from designdoc.figures.kinds.datamap import data_drawing

    drawing = data_drawing(spec)
    assert drawing is not None
    ids = [node_id("d", s["id"]) for s in sources]
    assert source_order(drawing.build(direction, None), direction, ids) == ids


def test_example_data_sources_keep_spec_order(tmp_path: Path) -> None:
    spec = example("video_recommendation")
    (figure, *_) = draw_data(spec, tmp_path)
    ids = [node_id("d", s.id) for s in spec.data.sources if s.id in figure.dot_source]
    direction = "LR" if "rankdir=LR" in figure.dot_source else "TB"
    assert source_order(figure.dot_source, direction, ids) == ids


def test_whole_small_spec_still_draws_every_figure(tmp_path: Path) -> None:
    assert {f.id for f in draw_figures(small_spec(), tmp_path)} == {
        "data",
        "architecture",
        "funnel",
        "lifecycle",
    }
