"""Building DOT sources with the `graphviz` package, in the house style.

Only ids made by `labels.node_id` and labels made by `labels.html_label` are passed in,
so no text from a spec reaches the DOT source unescaped.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from designdoc import __version__
from designdoc.figures.layout import style


def new_graph(direction: str) -> Any:
    """An empty directed graph with the shared graph, node and edge attributes."""
    import graphviz

    graph = graphviz.Digraph(name="figure")
    graph.attr("graph", **style.graph_attrs(direction))
    graph.attr("node", **style.node_attrs())
    graph.attr("edge", **style.edge_attrs())
    return graph


def cluster(graph: Any, name: str, title_label: str, group: str, index: int) -> Any:
    """A context manager for a cluster subgraph with its HTML title and group colours."""
    context = graph.subgraph(name=f"cluster_{name}")
    return _Cluster(context, title_label, style.cluster_attrs(group, index))


class _Cluster:
    def __init__(self, context: Any, label: str, attrs: dict[str, str]) -> None:
        self._context, self._label, self._attrs = context, label, attrs

    def __enter__(self) -> Any:
        sub = self._context.__enter__()
        sub.attr("graph", label=self._label, **self._attrs)
        return sub

    def __exit__(self, *exc: object) -> None:
        self._context.__exit__(*exc)


def fingerprint(kind: str, *parts: Any) -> str:
    """A stable hash of a figure's inputs (spec sections as JSON-ready data) and version."""
    payload = json.dumps([__version__, kind, *parts], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
