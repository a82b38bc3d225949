"""What a spec states, as small yes/no questions the figures ask before drawing anything.

Figures draw only what the spec names; these predicates decide the few certain
inferences. Which index types hold vectors and which stage kinds score items are the
vocabulary's own predicates (`IndexType.holds_vectors`, `StageKind.scores_items`), the
ones the review reads too; the figures keep no list of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from designdoc.figures.kinds.icons import normalise_kind
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Component, Index, Stage
from designdoc.spec.vocab import IndexType, StageKind

TERM_INDEXES = {"inverted": "Inverted index", "bm25": "BM25 index", "trie": "Trie", "fst": "FST"}
# Stage kinds that search the spec's index (feature fetches and cache lookups fetch from
# elsewhere, so `StageKind.looks_up` is wider than this).
INDEX_STAGES = frozenset({StageKind.candidate_generation, StageKind.retrieval})
FEATURE_STORE_KINDS = frozenset({"feature_store"})
REGISTRY_KINDS = frozenset({"model_registry", "mlflow"})


def value_of(value: Enum | str | None) -> str:
    """A vocabulary value by name ('' for none): an enum member's value, or the text."""
    if value is None:
        return ""
    return str(value.value if isinstance(value, Enum) else value)


def index_type(index: Index | None) -> str:
    return value_of(index.type) if index is not None else ""


def is_vector_index(index: Index | None) -> bool:
    """Whether the spec's index is one of vectors (ANN, or vectors and terms together)."""
    kind = index_type(index)
    return kind in IndexType.__members__ and IndexType(kind).holds_vectors


def index_title(index: Index) -> str:
    """The index's name in a figure, from its stated type: never 'ANN' unless it is one."""
    kind = index_type(index)
    if is_vector_index(index):
        return "Hybrid index" if kind == "hybrid" else "ANN index"
    if kind in TERM_INDEXES:
        return TERM_INDEXES[kind]
    name = kind.replace("_", " ")
    return f"{name[:1].upper()}{name[1:]} index" if kind else "Index"


def looks_up(stage: Stage) -> bool:
    """Whether the stage searches the spec's index."""
    return stage.kind in INDEX_STAGES


def scores_items(stage: Stage) -> bool:
    """Whether the stage runs a model over every item it is given."""
    kind = value_of(stage.kind)
    return kind in StageKind.__members__ and StageKind(kind).scores_items


def _of_kind(components: Iterable[Component], kinds: frozenset[str], words: str) -> list[str]:
    return [
        c.label or c.id
        for c in components
        if normalise_kind(c.kind) in kinds or words in (c.label or "").lower()
    ]


def feature_stores(spec: Spec) -> list[str]:
    """The labels of the feature stores the spec's components name."""
    return _of_kind(spec.serving.components, FEATURE_STORE_KINDS, "feature store")


def model_registries(spec: Spec) -> list[str]:
    """The labels of the model registries the spec's components name."""
    return _of_kind(spec.serving.components, REGISTRY_KINDS, "model registry")
