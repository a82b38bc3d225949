"""The closed vocabularies of a spec, each with a few accepted aliases."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from designdoc.spec.suggest import did_you_mean


class Category(StrEnum):
    binary_classification = "binary_classification"
    multiclass_classification = "multiclass_classification"
    multilabel_classification = "multilabel_classification"
    multi_task_classification = "multi_task_classification"
    regression = "regression"
    learning_to_rank = "learning_to_rank"
    retrieval = "retrieval"
    recommendation = "recommendation"
    collaborative_filtering = "collaborative_filtering"
    content_based_filtering = "content_based_filtering"
    hybrid_recommendation = "hybrid_recommendation"
    session_based_recommendation = "session_based_recommendation"
    object_detection = "object_detection"
    link_prediction = "link_prediction"
    generation = "generation"
    clustering = "clustering"
    reinforcement_learning = "reinforcement_learning"


CLASSIFICATION = frozenset(
    {
        Category.binary_classification,
        Category.multiclass_classification,
        Category.multilabel_classification,
        Category.multi_task_classification,
    }
)
RECOMMENDATION = frozenset(
    {
        Category.recommendation,
        Category.collaborative_filtering,
        Category.content_based_filtering,
        Category.hybrid_recommendation,
        Category.session_based_recommendation,
    }
)
RANKING = RECOMMENDATION | {Category.learning_to_rank, Category.retrieval}
SUPERVISED = (
    CLASSIFICATION
    | RANKING
    | {
        Category.regression,
        Category.object_detection,
        Category.link_prediction,
    }
)


def family(category: Category | None) -> str | None:
    """The broad kind of design a category calls for: ranking, classifier, detection, graph."""
    if category in RANKING:
        return "ranking"
    if category in CLASSIFICATION:
        return "classifier"
    if category is Category.object_detection:
        return "detection"
    if category is Category.link_prediction:
        return "graph"
    return None


class RankingApproach(StrEnum):
    pointwise = "pointwise"
    pairwise = "pairwise"
    listwise = "listwise"


class LabelSource(StrEnum):
    natural = "natural"
    human = "human"
    weak = "weak"
    self_supervised = "self_supervised"
    mixed = "mixed"


class SourceKind(StrEnum):
    user = "user"
    item = "item"
    interaction = "interaction"
    context = "context"
    graph = "graph"
    annotation = "annotation"
    content = "content"
    log = "log"
    other = "other"


class Structure(StrEnum):
    structured = "structured"
    unstructured = "unstructured"
    semi_structured = "semi_structured"


class Ingestion(StrEnum):
    batch = "batch"
    streaming = "streaming"


class FeatureType(StrEnum):
    numeric = "numeric"
    categorical = "categorical"
    embedding = "embedding"
    text = "text"
    image = "image"
    video = "video"
    audio = "audio"
    boolean = "boolean"
    sequence = "sequence"
    graph = "graph"
    timestamp = "timestamp"


class Computation(StrEnum):
    batch = "batch"
    streaming = "streaming"
    request_time = "request_time"


class SplitStrategy(StrEnum):
    random = "random"
    chronological = "chronological"
    by_user = "by_user"
    by_group = "by_group"
    stratified = "stratified"


class TrainFrom(StrEnum):
    scratch = "scratch"
    fine_tune = "fine_tune"


class Distributed(StrEnum):
    none = "none"
    data_parallel = "data_parallel"
    model_parallel = "model_parallel"
    hybrid = "hybrid"


class MetricRole(StrEnum):
    primary = "primary"
    secondary = "secondary"
    guardrail = "guardrail"
    counter = "counter"


class Deployment(StrEnum):
    cloud = "cloud"
    on_device = "on_device"
    hybrid = "hybrid"


class Prediction(StrEnum):
    online = "online"
    batch = "batch"
    hybrid = "hybrid"


class Compression(StrEnum):
    distillation = "distillation"
    pruning = "pruning"
    quantization = "quantization"
    low_rank = "low_rank"


class StageKind(StrEnum):
    candidate_generation = "candidate_generation"
    retrieval = "retrieval"
    filtering = "filtering"
    ranking = "ranking"
    re_ranking = "re_ranking"
    scoring = "scoring"
    classification = "classification"
    detection = "detection"
    embedding = "embedding"
    fusion = "fusion"
    business_logic = "business_logic"
    preprocessing = "preprocessing"
    postprocessing = "postprocessing"
    action = "action"
    other = "other"


class IndexType(StrEnum):
    flat = "flat"
    ivf = "ivf"
    ivfpq = "ivfpq"
    hnsw = "hnsw"
    lsh = "lsh"
    inverted = "inverted"


class Paper(StrEnum):
    a4 = "a4"
    letter = "letter"


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


ALIASES: dict[type[StrEnum], dict[str, str]] = {
    Category: {
        "binary": "binary_classification",
        "classification": "binary_classification",
        "multiclass": "multiclass_classification",
        "multilabel": "multilabel_classification",
        "multi_label": "multilabel_classification",
        "multitask": "multi_task_classification",
        "multi_task": "multi_task_classification",
        "ltr": "learning_to_rank",
        "ranking": "learning_to_rank",
        "representation_learning": "retrieval",
        "recsys": "recommendation",
        "collaborative": "collaborative_filtering",
        "content_based": "content_based_filtering",
        "hybrid": "hybrid_recommendation",
        "session_based": "session_based_recommendation",
        "detection": "object_detection",
        "graph_link_prediction": "link_prediction",
        "generative": "generation",
        "rl": "reinforcement_learning",
    },
    LabelSource: {
        "implicit": "natural",
        "hand": "human",
        "manual": "human",
        "explicit": "human",
        "self": "self_supervised",
        "weak_supervision": "weak",
    },
    Computation: {
        "online": "request_time",
        "realtime": "request_time",
        "real_time": "request_time",
        "on_request": "request_time",
        "offline": "batch",
        "stream": "streaming",
    },
    Ingestion: {"stream": "streaming", "realtime": "streaming", "real_time": "streaming"},
    SplitStrategy: {
        "time": "chronological",
        "temporal": "chronological",
        "time_based": "chronological",
        "by_time": "chronological",
        "user": "by_user",
    },
    TrainFrom: {"finetune": "fine_tune", "fine_tuning": "fine_tune", "pretrained": "fine_tune"},
    Distributed: {"data": "data_parallel", "model": "model_parallel", "no": "none"},
    MetricRole: {"main": "primary", "north_star": "primary", "counter_metric": "counter"},
    Deployment: {"device": "on_device", "edge": "on_device", "server": "cloud"},
    Prediction: {"realtime": "online", "real_time": "online", "offline": "batch"},
    Compression: {"quantisation": "quantization", "knowledge_distillation": "distillation"},
    StageKind: {
        "candidates": "candidate_generation",
        "retrieve": "retrieval",
        "filter": "filtering",
        "rank": "ranking",
        "reranking": "re_ranking",
        "rerank": "re_ranking",
        "score": "scoring",
        "rules": "business_logic",
    },
    IndexType: {"ivf_pq": "ivfpq", "pq": "ivfpq", "brute_force": "flat", "exact": "flat"},
    Paper: {"us_letter": "letter", "usletter": "letter"},
    Severity: {"warn": "warning", "err": "error", "note": "info"},
}

E = TypeVar("E", bound=StrEnum)


def normalise(raw: str) -> str:
    return raw.strip().lower().replace("-", "_").replace(" ", "_").replace("/", "_")


def _coerce(enum: type[E]) -> Any:
    aliases = ALIASES.get(enum, {})
    values = [m.value for m in enum]

    def coerce(raw: Any) -> Any:
        if isinstance(raw, enum) or not isinstance(raw, str):
            return raw
        key = normalise(raw)
        key = aliases.get(key, key)
        if key in values:
            return enum(key)
        raise PydanticCustomError(
            "enum",
            "unknown value '{raw}'{hint} (one of: {values})",
            {
                "raw": raw,
                "values": ", ".join(values),
                "hint": did_you_mean(key, values + list(aliases)),
            },
        )

    return BeforeValidator(coerce)


# Field types: each accepts the enum's values and aliases, in any case, with dashes or spaces.
CategoryField = Annotated[Category, _coerce(Category)]
RankingApproachField = Annotated[RankingApproach, _coerce(RankingApproach)]
LabelSourceField = Annotated[LabelSource, _coerce(LabelSource)]
SourceKindField = Annotated[SourceKind, _coerce(SourceKind)]
StructureField = Annotated[Structure, _coerce(Structure)]
IngestionField = Annotated[Ingestion, _coerce(Ingestion)]
FeatureTypeField = Annotated[FeatureType, _coerce(FeatureType)]
ComputationField = Annotated[Computation, _coerce(Computation)]
SplitStrategyField = Annotated[SplitStrategy, _coerce(SplitStrategy)]
TrainFromField = Annotated[TrainFrom, _coerce(TrainFrom)]
DistributedField = Annotated[Distributed, _coerce(Distributed)]
MetricRoleField = Annotated[MetricRole, _coerce(MetricRole)]
DeploymentField = Annotated[Deployment, _coerce(Deployment)]
PredictionField = Annotated[Prediction, _coerce(Prediction)]
CompressionField = Annotated[Compression, _coerce(Compression)]
StageKindField = Annotated[StageKind, _coerce(StageKind)]
IndexTypeField = Annotated[IndexType, _coerce(IndexType)]
PaperField = Annotated[Paper, _coerce(Paper)]
SeverityField = Annotated[Severity, _coerce(Severity)]
