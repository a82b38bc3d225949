"""The closed vocabularies of a spec, each with a few accepted aliases."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from designdoc.spec.suggest import closest
from designdoc.spec.vocab_text import VALUE_TEXT


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
    forecasting = "forecasting"
    uplift_modeling = "uplift_modeling"
    anomaly_detection = "anomaly_detection"
    sequence_labeling = "sequence_labeling"
    speech = "speech"
    optimization = "optimization"
    text_generation = "text_generation"
    media_generation = "media_generation"
    query_autocomplete = "query_autocomplete"
    other = "other"


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


GENERATION = frozenset({Category.generation, Category.text_generation, Category.media_generation})

# Categories that are a family of their own; `other` belongs to none, so no family rule fires.
_OWN_FAMILY: dict[Category, str] = {
    Category.object_detection: "detection",
    Category.link_prediction: "graph",
    Category.regression: "regression",
    Category.forecasting: "forecasting",
    Category.uplift_modeling: "uplift",
    Category.anomaly_detection: "anomaly",
    Category.sequence_labeling: "sequence_labelling",
    Category.speech: "speech",
    Category.optimization: "optimisation",
    Category.generation: "text_generation",
    Category.text_generation: "text_generation",
    Category.media_generation: "media_generation",
    Category.query_autocomplete: "autocomplete",
}


def family(category: Category | None) -> str | None:
    """The broad kind of design a category calls for: ranking, classifier, forecasting..."""
    if category in RANKING:
        return "ranking"
    if category in CLASSIFICATION:
        return "classifier"
    return _OWN_FAMILY.get(category) if category is not None else None


class RankingApproach(StrEnum):
    pointwise = "pointwise"
    pairwise = "pairwise"
    listwise = "listwise"
    other = "other"


class LabelSource(StrEnum):
    natural = "natural"
    human = "human"
    weak = "weak"
    self_supervised = "self_supervised"
    mixed = "mixed"
    randomized_experiment = "randomized_experiment"
    other = "other"


class SourceKind(StrEnum):
    user = "user"
    item = "item"
    interaction = "interaction"
    context = "context"
    graph = "graph"
    annotation = "annotation"
    content = "content"
    log = "log"
    transaction = "transaction"
    document = "document"
    audio = "audio"
    image = "image"
    video = "video"
    text = "text"
    time_series = "time_series"
    other = "other"


class Structure(StrEnum):
    structured = "structured"
    unstructured = "unstructured"
    semi_structured = "semi_structured"
    other = "other"


class Ingestion(StrEnum):
    batch = "batch"
    streaming = "streaming"
    other = "other"


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
    other = "other"


class Computation(StrEnum):
    batch = "batch"
    streaming = "streaming"
    request_time = "request_time"
    other = "other"


class SplitStrategy(StrEnum):
    random = "random"
    chronological = "chronological"
    by_user = "by_user"
    by_group = "by_group"
    stratified = "stratified"
    backtest = "backtest"
    other = "other"


class TrainFrom(StrEnum):
    scratch = "scratch"
    fine_tune = "fine_tune"
    other = "other"


class Distributed(StrEnum):
    none = "none"
    data_parallel = "data_parallel"
    model_parallel = "model_parallel"
    hybrid = "hybrid"
    other = "other"


class MetricRole(StrEnum):
    primary = "primary"
    secondary = "secondary"
    guardrail = "guardrail"
    counter = "counter"
    other = "other"


class Deployment(StrEnum):
    cloud = "cloud"
    on_device = "on_device"
    hybrid = "hybrid"
    other = "other"


class Prediction(StrEnum):
    online = "online"
    batch = "batch"
    hybrid = "hybrid"
    other = "other"


class Compression(StrEnum):
    distillation = "distillation"
    pruning = "pruning"
    quantization = "quantization"
    low_rank = "low_rank"
    other = "other"


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
    feature_fetch = "feature_fetch"
    prediction = "prediction"
    generation = "generation"
    guardrail = "guardrail"
    scheduling = "scheduling"
    cache_lookup = "cache_lookup"
    tool_call = "tool_call"
    optimization = "optimization"
    tagging = "tagging"
    other = "other"

    @property
    def scores_items(self) -> bool:
        """Whether the stage runs a model over every item it is given (items scored = QPS x in)."""
        return self in _SCORING_STAGES

    @property
    def fans_out(self) -> bool:
        """Whether one input may become several outputs (items_out > items_in is expected)."""
        return self in (StageKind.generation, StageKind.tool_call, StageKind.other)

    @property
    def looks_up(self) -> bool:
        """Whether the stage fetches rather than computes: an index, a cache or a store."""
        return self in (
            StageKind.candidate_generation,
            StageKind.retrieval,
            StageKind.feature_fetch,
            StageKind.cache_lookup,
        )


_SCORING_STAGES = frozenset(
    {
        StageKind.filtering,
        StageKind.ranking,
        StageKind.re_ranking,
        StageKind.scoring,
        StageKind.classification,
        StageKind.detection,
        StageKind.prediction,
        StageKind.tagging,
        StageKind.guardrail,
    }
)


class IndexType(StrEnum):
    flat = "flat"
    ivf = "ivf"
    ivfpq = "ivfpq"
    hnsw = "hnsw"
    lsh = "lsh"
    inverted = "inverted"
    bm25 = "bm25"
    trie = "trie"
    fst = "fst"
    hybrid = "hybrid"
    other = "other"

    @property
    def holds_vectors(self) -> bool:
        """Whether the index stores embeddings, so dims and bytes per dim size it."""
        return self in (
            IndexType.flat,
            IndexType.ivf,
            IndexType.ivfpq,
            IndexType.hnsw,
            IndexType.lsh,
            IndexType.hybrid,
        )

    @property
    def looks_up(self) -> bool:
        """Whether a query visits a few entries instead of scoring every item (not flat)."""
        return self not in (IndexType.flat, IndexType.other)


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
        "time_series_forecasting": "forecasting",
        "forecast": "forecasting",
        "uplift": "uplift_modeling",
        "uplift_modelling": "uplift_modeling",
        "causal_inference": "uplift_modeling",
        "treatment_effect": "uplift_modeling",
        "decision": "uplift_modeling",
        "anomaly": "anomaly_detection",
        "outlier_detection": "anomaly_detection",
        "sequence_labelling": "sequence_labeling",
        "ner": "sequence_labeling",
        "named_entity_recognition": "sequence_labeling",
        "token_classification": "sequence_labeling",
        "speech_recognition": "speech",
        "asr": "speech",
        "keyword_spotting": "speech",
        "wake_word": "speech",
        "optimisation": "optimization",
        "matching": "optimization",
        "llm": "text_generation",
        "rag": "text_generation",
        "image_generation": "media_generation",
        "video_generation": "media_generation",
        "text_to_image": "media_generation",
        "autocomplete": "query_autocomplete",
        "query_completion": "query_autocomplete",
        "typeahead": "query_autocomplete",
    },
    LabelSource: {
        "implicit": "natural",
        "hand": "human",
        "manual": "human",
        "explicit": "human",
        "self": "self_supervised",
        "weak_supervision": "weak",
        "randomised_experiment": "randomized_experiment",
        "experiment": "randomized_experiment",
        "experimental": "randomized_experiment",
        "randomized": "randomized_experiment",
        "randomised": "randomized_experiment",
        "rct": "randomized_experiment",
        "ab_test": "randomized_experiment",
    },
    SourceKind: {
        "documents": "document",
        "knowledge_base": "document",
        "docs": "document",
        "transactions": "transaction",
        "events": "log",
        "logs": "log",
        "speech": "audio",
        "images": "image",
        "videos": "video",
        "timeseries": "time_series",
        "metrics": "time_series",
    },
    SplitStrategy: {
        "time": "chronological",
        "temporal": "chronological",
        "time_based": "chronological",
        "by_time": "chronological",
        "user": "by_user",
        "backtesting": "backtest",
        "rolling_window": "backtest",
        "rolling_origin": "backtest",
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
    TrainFrom: {"finetune": "fine_tune", "fine_tuning": "fine_tune", "pretrained": "fine_tune"},
    Distributed: {"data": "data_parallel", "model": "model_parallel", "no": "none"},
    MetricRole: {"main": "primary", "north_star": "primary", "counter_metric": "counter"},
    Deployment: {"device": "on_device", "edge": "on_device", "server": "cloud"},
    Compression: {"quantisation": "quantization", "knowledge_distillation": "distillation"},
    Prediction: {"realtime": "online", "real_time": "online", "offline": "batch"},
    StageKind: {
        "candidates": "candidate_generation",
        "retrieve": "retrieval",
        "filter": "filtering",
        "rank": "ranking",
        "reranking": "re_ranking",
        "rerank": "re_ranking",
        "score": "scoring",
        "rules": "business_logic",
        "business_rules": "business_logic",
        "features": "feature_fetch",
        "feature_lookup": "feature_fetch",
        "predict": "prediction",
        "regression": "prediction",
        "forecast": "prediction",
        "generate": "generation",
        "llm": "generation",
        "decoding": "generation",
        "safety_filter": "guardrail",
        "moderation": "guardrail",
        "schedule": "scheduling",
        "cache": "cache_lookup",
        "tool": "tool_call",
        "tools": "tool_call",
        "optimisation": "optimization",
        "solver": "optimization",
        "matching": "optimization",
        "sequence_labeling": "tagging",
    },
    IndexType: {
        "ivf_pq": "ivfpq",
        "pq": "ivfpq",
        "brute_force": "flat",
        "exact": "flat",
        "inverted_index": "inverted",
        "keyword": "bm25",
        "prefix_tree": "trie",
        "finite_state_transducer": "fst",
        "hybrid_search": "hybrid",
    },
    FeatureType: {
        "binary": "boolean",
        "bool": "boolean",
        "flag": "boolean",
        "number": "numeric",
        "float": "numeric",
        "integer": "numeric",
        "int": "numeric",
        "continuous": "numeric",
        "string": "text",
        "datetime": "timestamp",
        "date": "timestamp",
        "vector": "embedding",
    },
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
        match = closest(key, values + list(aliases))
        hint = f"; did you mean '{aliases.get(match, match)}'?" if match else ""
        raise PydanticCustomError(
            "enum",
            "unknown value '{raw}'{hint} (one of: {values}){other}",
            {
                "raw": raw,
                "values": ", ".join(values),
                "hint": hint,
                "other": "; if none fits, write 'other' and name it" if "other" in values else "",
            },
        )

    return BeforeValidator(coerce)


def spelling_pattern(words: list[str]) -> str:
    """A pattern for the spellings `normalise` maps onto `words`: any case, - or space for _."""

    def one(word: str) -> str:
        out = ""
        for c in word:
            if c == "_":
                out += "[-_ /]"
            elif c.upper() != c.lower():
                out += f"[{c.upper()}{c.lower()}]"
            else:
                out += re.escape(c)
        return out

    return r"^\s*(?:" + "|".join(one(w) for w in sorted(words, key=len, reverse=True)) + r")\s*$"


def enum_json_schema(enum: type[StrEnum]) -> dict[str, Any]:
    """Each value with its description, then every other spelling the tool accepts."""
    aliases = ALIASES.get(enum, {})
    text = VALUE_TEXT.get(enum.__name__, {})
    values = [m.value for m in enum]
    spelt = ", ".join(f"{a} ({v})" for a, v in aliases.items())
    others = "Any case, with '-' or spaces for '_'" + (f"; aliases: {spelt}." if spelt else ".")
    return {
        "anyOf": [
            *({"const": v, "description": text.get(v, v)} for v in values),
            {
                "type": "string",
                "pattern": spelling_pattern(values + list(aliases)),
                "description": others,
            },
        ]
    }


def _schema(enum: type[StrEnum]) -> WithJsonSchema:
    return WithJsonSchema(enum_json_schema(enum))


# Field types: each accepts the enum's values and aliases, in any case, with dashes or spaces.
CategoryField = Annotated[Category, _coerce(Category), _schema(Category)]
RankingApproachField = Annotated[
    RankingApproach, _coerce(RankingApproach), _schema(RankingApproach)
]
LabelSourceField = Annotated[LabelSource, _coerce(LabelSource), _schema(LabelSource)]
SourceKindField = Annotated[SourceKind, _coerce(SourceKind), _schema(SourceKind)]
StructureField = Annotated[Structure, _coerce(Structure), _schema(Structure)]
IngestionField = Annotated[Ingestion, _coerce(Ingestion), _schema(Ingestion)]
FeatureTypeField = Annotated[FeatureType, _coerce(FeatureType), _schema(FeatureType)]
ComputationField = Annotated[Computation, _coerce(Computation), _schema(Computation)]
SplitStrategyField = Annotated[SplitStrategy, _coerce(SplitStrategy), _schema(SplitStrategy)]
TrainFromField = Annotated[TrainFrom, _coerce(TrainFrom), _schema(TrainFrom)]
DistributedField = Annotated[Distributed, _coerce(Distributed), _schema(Distributed)]
MetricRoleField = Annotated[MetricRole, _coerce(MetricRole), _schema(MetricRole)]
DeploymentField = Annotated[Deployment, _coerce(Deployment), _schema(Deployment)]
PredictionField = Annotated[Prediction, _coerce(Prediction), _schema(Prediction)]
CompressionField = Annotated[Compression, _coerce(Compression), _schema(Compression)]
StageKindField = Annotated[StageKind, _coerce(StageKind), _schema(StageKind)]
IndexTypeField = Annotated[IndexType, _coerce(IndexType), _schema(IndexType)]
PaperField = Annotated[Paper, _coerce(Paper), _schema(Paper)]
SeverityField = Annotated[Severity, _coerce(Severity), _schema(Severity)]
