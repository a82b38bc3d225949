"""Every label inside its shape, and edge labels apart: measured on the drawn SVGs.

The audit (`designdoc.figures.audit`) measures each text line with the bundled Inter's
metrics and checks it against the strokes of its shape; here it runs over every figure of
every bundled spec on both papers, and over hand-made SVGs that must fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SPECS

from designdoc.figures import draw_figures
from designdoc.figures.audit import audit_svg, read_items
from designdoc.figures.layout.dot import run_dot
from designdoc.figures.layout.labels import Line, html_label
from designdoc.figures.layout.titles import clear_titles
from designdoc.spec.loader import load_spec

BUNDLED = sorted(SPECS.glob("*.yaml"))


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("spec_path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_figures_keep_every_label_inside(
    spec_path: Path, paper: str, tmp_path: Path
) -> None:
    figures = draw_figures(load_spec(spec_path).spec, tmp_path, paper=paper)
    problems = []
    for figure in figures:
        audit = audit_svg(figure.path.read_text("utf-8"))
        assert audit.labels > 0
        problems += [
            f"{figure.id}: {p}"
            for p in audit.crossing + audit.overprinted + audit.on_nodes + audit.outside
        ]
    assert not problems, "\n".join(problems)


def _node_svg(shape: str, margin: str = "0.12,0.06") -> str:
    label = html_label([Line("Quality gate", 11, bold=True), Line("details Ågy", 10)] * 2)
    source = (
        f'digraph g {{ n [shape={shape} label={label} fontname=Inter margin="{margin}" '
        "style=filled fillcolor=white]; }"
    )
    return run_dot(source).decode("utf-8")


@pytest.mark.parametrize("shape", ["cds", "box3d"])
def test_shapes_that_distort_their_label_area_are_caught(shape: str) -> None:
    assert audit_svg(_node_svg(shape)).crossing


def test_a_cylinder_needs_room_for_its_lid() -> None:
    assert audit_svg(_node_svg("cylinder", "0.12,0.02")).crossing
    assert not audit_svg(_node_svg("cylinder", "0.12,0.13")).crossing
    assert not audit_svg(_node_svg("box")).crossing


def test_overprinted_edge_labels_and_labels_on_boxes_are_caught() -> None:
    svg = """<svg xmlns="http://www.w3.org/2000/svg"><g class="graph">
<g class="node"><title>a</title>
<polygon fill="white" stroke="black" points="0,0 100,0 100,-30 0,-30 0,0"/>
<text text-anchor="middle" x="50" y="-11" font-family="Inter" font-size="10">box</text></g>
<g class="edge"><title>a-&gt;b</title>
<path fill="none" stroke="black" d="M50,0C50,20 50,40 50,60"/>
<text text-anchor="start" x="52" y="30" font-size="10">opens, sessions</text></g>
<g class="edge"><title>c-&gt;d</title>
<path fill="none" stroke="black" d="M60,0C60,20 60,40 60,60"/>
<text text-anchor="start" x="55" y="31" font-family="Inter" font-size="10">sends</text>
<text text-anchor="start" x="55" y="-5" font-family="Inter" font-size="10">on the box</text></g>
</g></svg>"""
    audit = audit_svg(svg)
    assert audit.overprinted and audit.on_nodes


def test_edges_through_cluster_titles_and_other_edges_labels_are_counted() -> None:
    svg = """<svg xmlns="http://www.w3.org/2000/svg"><g class="graph">
<g class="cluster"><title>cluster_online</title>
<polygon fill="none" stroke="black" points="0,0 200,0 200,-100 0,-100 0,0"/>
<text text-anchor="middle" x="100" y="-88" font-size="9">Online serving</text></g>
<g class="edge"><title>a-&gt;b</title>
<path fill="none" stroke="black" d="M100,-120C100,-100 100,-80 100,-60"/></g>
<g class="edge"><title>c-&gt;d</title>
<path fill="none" stroke="black" d="M20,-40C20,-30 20,-20 20,-10"/>
<text text-anchor="start" x="22" y="-22" font-family="Inter" font-size="9">events</text></g>
<g class="edge"><title>e-&gt;f</title>
<path fill="none" stroke="black" d="M10,-25C20,-25 40,-25 60,-25"/></g>
</g></svg>"""
    audit = audit_svg(svg)
    assert audit.through_titles == ["edge a->b runs through the title of cluster_online"]
    assert audit.crossed_labels == ["edge e->f crosses the label of c->d"]
    assert not audit.failures_that_fail  # counted, not failed


def test_a_cluster_title_an_edge_runs_through_moves_along_its_band() -> None:
    source = (
        'digraph g { node [fontname=Inter shape=box]; a [label="Client"]; '
        'subgraph cluster_online { label="Online serving" labeljust=l fontname=Inter; '
        'b [label="Input moderation and routing"]; c [label="Wide stage beside it"]; } '
        "a -> c; }"
    )
    svg = run_dot(source).decode("utf-8")
    before = audit_svg(svg)
    assert before.through_titles == ["edge a->c runs through the title of cluster_online"]
    moved = clear_titles(svg)
    after = audit_svg(moved)
    assert after.through_titles == [] and after.failures_that_fail == []
    title = next(i for i in read_items(moved) if i.kind == "cluster").lines[0]
    frame = next(i for i in read_items(moved) if i.kind == "cluster").extent
    assert frame is not None and frame.x0 < title.box.x0 and title.box.x1 < frame.x1
    assert clear_titles(moved) == moved  # a clear title stays where it is


def test_an_edge_label_set_away_from_its_edge_moves_beside_it() -> None:
    from designdoc.figures.layout.edge_labels import place_edge_labels

    svg = """<svg xmlns="http://www.w3.org/2000/svg"><g id="graph0" class="graph">
<g id="edge1" class="edge">
<title>a&#45;&gt;b</title>
<path fill="none" stroke="black" d="M0,0C0,-30 0,-60 0,-90"/>
<text text-anchor="start" x="80" y="-45" font-family="Inter" font-size="9">images</text>
</g>
<g id="edge2" class="edge">
<title>c&#45;&gt;d</title>
<path fill="none" stroke="black" d="M200,0C200,-30 200,-60 200,-90"/>
<text text-anchor="start" x="204" y="-45" font-family="Inter" font-size="9">tiles</text>
</g>
</g></svg>"""
    assert audit_svg(svg).astray == ["edge label of a->b sits away from its edge"]
    moved = place_edge_labels(svg)
    assert audit_svg(moved).astray == [] and audit_svg(moved).failures_that_fail == []
    assert '<text text-anchor="start" x="204" y="-45"' in moved  # a label by its edge stays
    assert 'x="80" y="-45"' not in moved
