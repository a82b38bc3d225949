"""Rules of step 6: deployment, serving, testing in production and capacity."""

from __future__ import annotations

import math
from collections.abc import Iterator

from designdoc.review.estimates.serving import USABLE_MEMORY
from designdoc.review.rules.applies import expands, index_content, index_holds_vectors, name
from designdoc.review.rules.context import Context, contains, keywords
from designdoc.review.rules.rule import ERROR, INFO, WARNING, Hit, Rule, empty, require
from designdoc.review.rules.sources import book, rules_of_ml, test_score
from designdoc.spec import numbers as fmt
from designdoc.spec.grammar import counted
from designdoc.spec.models.serving import Stage
from designdoc.spec.models.steps import Feature
from designdoc.spec.serving_path import latency_budget, stage_groups
from designdoc.spec.vocab import (
    RANKING,
    RECOMMENDATION,
    Category,
    Compression,
    Computation,
    Prediction,
    StageKind,
)

SRV = ("serving",)
ROLLOUT = (*SRV, "rollout")
BEFORE_RANKING = (StageKind.candidate_generation, StageKind.retrieval, StageKind.filtering)
AFTER_RANKING = (
    StageKind.re_ranking,
    StageKind.business_logic,
    StageKind.filtering,
    StageKind.postprocessing,
)
UNKNOWN_INPUTS = keywords(
    "query | queries | free text | search | upload | photo | typed | prompt | new post | user"
    " generated"
)
STORE_WORDS = keywords(
    "feature store | feature_store | redis | cassandra | dynamodb | bigtable | memcache | "
    "aerospike | hbase"
)
COLD_START = keywords("cold start | coldstart | new users | new items | new videos | new listings")
SHORT_LIVED = keywords("expire | short lived | ephemeral | perishable | time limited")
COLD_START_SECTIONS = ("talking_points", "data", "model", "serving", "framing")
FRESHNESS = keywords("diversity | diverse | freshness | fresh  | novelty | dedup | duplicate")


def _srv002(ctx: Context) -> Iterator[Hit]:
    budget = latency_budget(ctx.spec)
    if budget.over:
        yield Hit(
            (*SRV, "stages"),
            f"the stages take {budget.used_display} against a "
            f"{budget.budget_display} latency budget (requirements.performance.latency_budget)",
        )


def _srv004(ctx: Context) -> Iterator[Hit]:
    stages = ctx.spec.serving.stages
    items = ctx.spec.requirements.scale.items or (stages[0].items_in if stages else None)
    limit = ctx.threshold("funnel_items_without_retrieval")
    if items is None or items.value <= limit:
        return
    kinds = [s.kind for s in stages]
    first_rank = kinds.index(StageKind.ranking) if StageKind.ranking in kinds else len(kinds)
    if not any(k in BEFORE_RANKING for k in kinds[:first_rank]):
        yield Hit(
            (*SRV, "stages"),
            f"{items.text} items and no candidate generation, retrieval "
            "or filtering stage before ranking in serving.stages",
        )


def _srv005(ctx: Context) -> Iterator[Hit]:
    stages = ctx.spec.serving.stages
    index = {id(stage): i for i, stage in enumerate(stages)}
    passed_on: tuple[float, str] | None = None  # items the previous step hands over, and who
    for group in stage_groups([s for s in stages if s.mode != "batch"]):
        for stage in group:
            i = index[id(stage)]
            grows = expands(stage)
            if (
                not grows
                and stage.items_in
                and stage.items_out
                and stage.items_out.value > stage.items_in.value
            ):
                yield Hit(
                    (*SRV, "stages", i, "items_out"),
                    f"stage '{stage.id}' passes on more items ({stage.items_out.text}) "
                    f"than it takes in ({stage.items_in.text})",
                )
            if (
                not grows
                and passed_on
                and stage.items_in
                and stage.items_in.value > passed_on[0] * 1.001
            ):
                yield Hit(
                    (*SRV, "stages", i, "items_in"),
                    f"stage '{stage.id}' takes in {stage.items_in.text} items but "
                    f"{passed_on[1]} passes on {fmt.count(passed_on[0])}",
                )
        outs = [s.items_out.value for s in group if s.items_out]
        names = " + ".join(f"'{s.id}'" for s in group)
        passed_on = (sum(outs), names) if len(outs) == len(group) else None
    yield from _ranking_first(stages)


def _ranking_first(stages: list[Stage]) -> Iterator[Hit]:
    kinds = [s.kind for s in stages]
    for i, kind in enumerate(kinds):
        if kind == StageKind.ranking and StageKind.candidate_generation in kinds[i + 1 :]:
            yield Hit(
                (*SRV, "stages", i, "kind"),
                f"ranking stage '{stages[i].id}' comes before candidate generation",
            )
            return


def _srv006(ctx: Context) -> Iterator[Hit]:
    if ctx.spec.serving.prediction == Prediction.batch and contains(
        ctx.spec.framing.input, UNKNOWN_INPUTS
    ):
        yield Hit(
            (*SRV, "prediction"),
            "batch prediction, but the input (framing.input) cannot be "
            "known ahead (free-text queries, uploads); predict online",
        )


def _embedding_retrieval(ctx: Context) -> bool:
    return index_holds_vectors(ctx) or (
        Category.retrieval in ctx.categories and ctx.spec.serving.index is None
    )


def _srv007(ctx: Context) -> Iterator[Hit]:
    index = ctx.spec.serving.index
    if index is None or empty(index.pipeline):
        yield Hit(
            (*SRV, "index"),
            "embedding retrieval with no indexing pipeline "
            "(serving.index.pipeline): how are new items embedded and added?",
        )
    elif not (
        index.rebuild_on_model_change and ctx.cite("serving.index.rebuild_on_model_change")
    ) and not ctx.mentions(
        ("re index", "reindex", "rebuild", "re embed"), ("serving", "model", "talking_points")
    ):
        yield Hit(
            (*SRV, "index", "pipeline"),
            "the index is not rebuilt when the embedding model "
            "changes (serving.index.rebuild_on_model_change); old and new vectors do not mix",
        )


def _srv009(ctx: Context) -> Iterator[Hit]:
    kinds = [s.kind for s in ctx.spec.serving.stages]
    ranked = StageKind.ranking in kinds
    after = kinds[kinds.index(StageKind.ranking) + 1 :] if ranked else kinds
    if not any(k in AFTER_RANKING for k in after):
        yield Hit(
            (*SRV, "stages"),
            "no re-ranking or business-logic stage after ranking "
            "(diversity, freshness, policy filters)",
        )


def _served_streaming(ctx: Context) -> list[Feature]:
    """Streaming features a model reads per request; what an index holds is served by it."""
    return [
        f
        for f in ctx.spec.data.features
        if f.computation == Computation.streaming and not index_content(ctx.spec, f)
    ]


def _srv010(ctx: Context) -> Iterator[Hit]:
    streaming = _served_streaming(ctx)
    boxes = " ".join(f"{c.kind or ''} {c.label or ''}" for c in ctx.spec.serving.components)
    fetch = next(
        (i for i, s in enumerate(ctx.spec.serving.stages) if name(s.kind) == "feature_fetch"),
        None,
    )
    if fetch is not None:
        ctx.cite(f"serving.stages[{fetch}]")  # the stage that reads them from the online store
        return
    if streaming and not contains(boxes, STORE_WORDS):
        yield Hit(
            (*SRV, "components"),
            f"streaming features ({streaming[0].name}...) and no "
            "online feature store among serving.components",
        )


def _tst001(ctx: Context) -> Iterator[Hit]:
    r = ctx.spec.serving.rollout
    if r is None or not (r.shadow or r.canary or r.ab_test or r.interleaving or r.bandit):
        yield Hit(
            ROLLOUT,
            "serving.rollout has no shadow, canary, A/B test, interleaving or "
            "bandit: no way of testing the model in production",
        )


def _tst002(ctx: Context) -> Iterator[Hit]:
    test = ctx.spec.serving.rollout.ab_test if ctx.spec.serving.rollout else None
    if test is None:
        return
    lacking = [name for name in ("unit", "primary_metric") if empty(getattr(test, name))]
    if test.mde is None and test.duration is None:
        lacking.append("mde or duration")
    if lacking:
        yield Hit((*ROLLOUT, "ab_test"), "serving.rollout.ab_test has no " + ", no ".join(lacking))


def _tst003(ctx: Context) -> Iterator[Hit]:
    days = ctx.value("ab_duration")
    limit = ctx.threshold("ab_max_days")
    delay = ctx.spec.framing.labels.delay
    floor = (delay.value / 86_400 if delay else 0.0) + ctx.threshold("ab_novelty_days")
    if days is not None and days > limit and days <= floor + 1e-9:
        yield Hit(
            (*ROLLOUT, "ab_test"),
            f"the A/B test cannot be read before {fmt.days(days)}: labels arrive after "
            f"{fmt.duration(delay.value) if delay else '0 days'} (framing.labels.delay), "
            "plus a novelty window; "
            "decide on a faster proxy metric that tracks the label, or plan the longer test",
        )
    elif days is not None and days > limit:
        yield Hit(
            (*ROLLOUT, "ab_test", "mde"),
            f"the A/B test needs {fmt.days(days)} "
            f"(over {limit:g}); raise the traffic share or the MDE, or pick a more "
            "sensitive metric",
        )


def _tst005(ctx: Context) -> Iterator[Hit]:
    rollout = ctx.spec.serving.rollout
    peak = ctx.value("peak_qps")
    high = peak is not None and peak > ctx.threshold("shadow_high_qps")
    if rollout and rollout.shadow and high and empty(rollout.shadow_cost):
        yield Hit(
            (*ROLLOUT, "shadow"),
            f"shadow deployment at {fmt.count(peak, 'QPS')} doubles "
            "serving cost; serving.rollout.shadow_cost says how it is bounded",
        )
    elif not high:
        ctx.cite("requirements.scale")  # the traffic is low enough for a full shadow


def _cap001(ctx: Context) -> Iterator[Hit]:
    capacity = ctx.spec.serving.capacity
    peak = ctx.value("peak_qps")
    if capacity and capacity.servers and capacity.per_server_qps and peak is not None:
        have = capacity.servers * capacity.per_server_qps
        if have < peak:
            yield Hit(
                (*SRV, "capacity", "servers"),
                f"{capacity.servers} servers × "
                f"{capacity.per_server_qps:g} QPS = {fmt.count(have, 'QPS')}, below the "
                f"peak of {fmt.count(peak, 'QPS')}",
            )


def _cap002(ctx: Context) -> Iterator[Hit]:
    serving = ctx.spec.serving
    index, capacity = serving.index, serving.capacity
    if index is None or capacity is None or capacity.host_memory is None:
        return
    keys = ("index_memory_total", "index_pq_memory", "index_flat_memory")
    memory = next((ctx.value(k) for k in keys if ctx.value(k) is not None), None)
    if memory is None:
        return
    usable = capacity.host_memory.value * USABLE_MEMORY
    compressed = name(index.type) == "ivfpq" or Compression.quantization in serving.compression
    shards = index.shards or 1
    if shards > 1 and memory > shards * usable:
        yield Hit(
            (*SRV, "index"),
            f"the index takes {fmt.size(memory)}, more than {counted(shards, 'shard')} × "
            f"{fmt.size(usable)} usable per host ({fmt.size(shards * usable)}); "
            f"it needs {counted(math.ceil(memory / usable), 'shard')} or a compressed index",
        )
    elif shards == 1 and memory > usable and not compressed:
        yield Hit(
            (*SRV, "index"),
            f"the index takes {fmt.size(memory)}, more than a host's usable "
            f"{fmt.size(usable)}, with no shards and no compression",
        )
    else:
        ctx.cite("serving.index")


def _cap003(ctx: Context) -> Iterator[Hit]:
    pre = ctx.spec.serving.precompute
    if pre is None or pre.entities is None or pre.candidates_per_entity is None:
        return
    total = pre.entities.value * pre.candidates_per_entity.value
    limit = ctx.threshold("batch_precompute_max")
    if total > limit:
        yield Hit(
            (*SRV, "precompute"),
            f"batch precomputation of {fmt.count(total)} results "
            f"(entities × candidates_per_entity) is over {fmt.count(limit)}; precompute "
            "for active entities only, or serve online",
        )


def _rec001(ctx: Context) -> Iterator[Hit]:
    if ctx.addressed(("cold_start",), COLD_START, COLD_START_SECTIONS):
        return
    short = ctx.mentions(SHORT_LIVED, ("requirements", "framing", "data", "summary"))
    yield Hit(
        ("talking_points",),
        "cold start is not addressed (new users, new items)"
        + ("; items here are short-lived, so every item starts cold" if short else ""),
        severity=ERROR if short else None,
    )


def _rec004(ctx: Context) -> Iterator[Hit]:
    if not ctx.addressed(
        ("diversity", "freshness"), FRESHNESS, ("talking_points", "serving", "model", "evaluation")
    ):
        yield Hit(
            ("talking_points",),
            "no diversity or freshness handling (re-ranking rules, talking_points)",
        )


def _online(ctx: Context) -> bool:
    return ctx.online


RULES = [
    Rule(
        "SRV001",
        6,
        ERROR,
        "Online prediction and no latency budget.",
        "Serving must meet a budget; every stage is sized against it.",
        book(1, "online prediction"),
        require(
            lambda c: c.spec.requirements.performance.latency_budget,
            ("requirements", "performance", "latency_budget"),
            "online prediction and no requirements.performance.latency_budget",
        ),
        applies=_online,
        when="predictions are served online",
        same_cause_as=("REQ003",),
    ),
    Rule(
        "SRV002",
        6,
        ERROR,
        "The stages' latencies exceed the budget.",
        "A funnel that overruns its budget times out at the percentile that matters.",
        book(6, "serving"),
        _srv002,
        applies=lambda c: (
            c.spec.requirements.performance.latency_budget is not None
            and latency_budget(c.spec).used is not None
        ),
        when="a latency budget and stage latencies are given",
        reads="serving.stages",
    ),
    Rule(
        "SRV003",
        6,
        WARNING,
        "Online prediction and no fallback.",
        "Models, features and indexes fail; users should still get a sensible answer.",
        rules_of_ml(10, "watch for silent failures"),
        require(
            lambda c: c.spec.serving.fallbacks,
            (*SRV, "fallbacks"),
            "serving.fallbacks is empty: what if a model, feature or index fails?",
        ),
        applies=_online,
        when="predictions are served online",
    ),
    Rule(
        "SRV004",
        6,
        WARNING,
        "Many items and no candidate generation before ranking.",
        "A heavy ranker cannot score millions of items per request.",
        book(6, "serving: multi-stage funnel"),
        _srv004,
        categories=RANKING,
        thresholds=("funnel_items_without_retrieval",),
        reads="serving.stages",
    ),
    Rule(
        "SRV005",
        6,
        WARNING,
        "The funnel's item counts do not decrease, or ranking comes before candidate generation.",
        "Each stage narrows the list for a costlier one after it.",
        book(6, "serving"),
        _srv005,
        reads="serving.stages",
    ),
    Rule(
        "SRV006",
        6,
        ERROR,
        "Batch prediction for inputs that cannot be enumerated ahead.",
        "Precomputation needs to know every input in advance.",
        book(1, "batch vs online"),
        _srv006,
        applies=lambda c: c.spec.serving.prediction == Prediction.batch,
        when="predictions are made in batch",
        reads="serving.prediction",
    ),
    Rule(
        "SRV007",
        6,
        WARNING,
        "Embedding retrieval and no indexing pipeline or re-index.",
        "New items need embedding, and a new model makes every stored vector stale.",
        book(2, "indexing pipeline"),
        _srv007,
        applies=_embedding_retrieval,
        when="a vector index, or retrieval with no index declared",
    ),
    Rule(
        "SRV008",
        6,
        WARNING,
        "On-device deployment and no compression.",
        "Phones cannot hold or run a server-sized model.",
        book(1, "model compression"),
        require(
            lambda c: c.spec.serving.compression,
            (*SRV, "compression"),
            "on-device deployment and serving.compression is empty (distillation, quantization...)",
        ),
        applies=lambda c: c.on_device,
        when="the model runs on a device (deployment on_device or hybrid)",
    ),
    Rule(
        "SRV009",
        6,
        INFO,
        "Ranking and no re-ranking or business-logic stage.",
        "Re-ranking applies diversity, freshness and policy that a score alone does not.",
        book(6, "re-ranking"),
        _srv009,
        categories=RANKING,
        applies=lambda c: bool(c.spec.serving.stages),
        when="a ranking category with serving stages",
        reads="serving.stages",
    ),
    Rule(
        "SRV010",
        6,
        INFO,
        "Streaming features and no online feature store.",
        "Fresh features must be readable in milliseconds at request time.",
        book(8, "feature computation"),
        _srv010,
        applies=lambda c: (
            c.spec.serving.prediction != Prediction.batch and bool(_served_streaming(c))
        ),
        when="predictions are not batch-only and a model reads a feature computed in "
        "streaming (not one an index holds, such as document permissions)",
        reads="serving.components",
    ),
    Rule(
        "TST001",
        6,
        ERROR,
        "No way of testing in production.",
        "Offline wins do not always hold online; ship behind a test.",
        book(1, "testing in production"),
        _tst001,
        reads="serving.rollout",
    ),
    Rule(
        "TST002",
        6,
        WARNING,
        "An A/B test without a unit, a primary metric, or an MDE or duration.",
        "A test without these cannot be sized or read.",
        book(1, "A/B testing"),
        _tst002,
        applies=lambda c: (
            c.spec.serving.rollout is not None and c.spec.serving.rollout.ab_test is not None
        ),
        when="the spec plans an A/B test",
        reads="serving.rollout.ab_test",
    ),
    Rule(
        "TST003",
        6,
        WARNING,
        "The computed A/B duration exceeds the threshold.",
        "A test that runs for months delays every launch and drifts with the season.",
        rules_of_ml(16, "plan to launch and iterate"),
        _tst003,
        applies=lambda c: c.value("ab_duration") is not None,
        when="the A/B duration can be estimated",
        thresholds=("ab_max_days", "ab_novelty_days"),
        reads="serving.rollout.ab_test",
    ),
    Rule(
        "TST004",
        6,
        WARNING,
        "No rollback plan.",
        "A bad model must come out faster than it went in.",
        test_score("Infrastructure: models can be rolled back"),
        require(
            lambda c: c.spec.serving.rollout.rollback if c.spec.serving.rollout else None,
            (*ROLLOUT, "rollback"),
            "serving.rollout.rollback is empty",
        ),
    ),
    Rule(
        "TST005",
        6,
        INFO,
        "Shadow deployment on a high-QPS system and no word on its cost.",
        "Shadow traffic runs a second model on every request.",
        book(1, "shadow deployment"),
        _tst005,
        applies=lambda c: c.spec.serving.rollout is not None and c.spec.serving.rollout.shadow,
        when="the model runs in shadow first",
        thresholds=("shadow_high_qps",),
        reads="serving.rollout.shadow_cost",
    ),
    Rule(
        "CAP001",
        6,
        ERROR,
        "Servers × per-server QPS is below peak QPS.",
        "Capacity below the peak means dropped or slow requests every day.",
        book(1, "scale"),
        _cap001,
        applies=lambda c: (
            c.value("servers_needed") is not None
            and c.spec.serving.capacity is not None
            and bool(c.spec.serving.capacity.servers)
        ),
        when="serving.capacity gives servers and per-server QPS, and peak QPS is known",
        reads="serving.capacity",
    ),
    Rule(
        "CAP002",
        6,
        WARNING,
        "Index memory exceeds a host's memory, unsharded and uncompressed.",
        "An index that does not fit in memory must be sharded or quantised.",
        book(2, "approximate nearest neighbours"),
        _cap002,
        applies=lambda c: (
            index_holds_vectors(c)
            and c.spec.serving.capacity is not None
            and c.spec.serving.capacity.host_memory is not None
        ),
        when="a vector index and serving.capacity.host_memory are given",
    ),
    Rule(
        "CAP003",
        6,
        WARNING,
        "Batch precomputation exceeds the threshold.",
        "Precomputing every pair wastes compute on entities that never show up.",
        book(11, "batch prediction"),
        _cap003,
        applies=lambda c: (
            c.spec.serving.precompute is not None and c.value("precompute_results") is not None
        ),
        when="serving.precompute gives entities and candidates per entity",
        thresholds=("batch_precompute_max",),
        reads="serving.precompute",
    ),
    Rule(
        "REC001",
        6,
        WARNING,
        "Recommendation and cold start not addressed.",
        "New users and new items have no history for a collaborative model to use.",
        book(6, "cold start"),
        _rec001,
        categories=RECOMMENDATION,
    ),
    Rule(
        "REC004",
        6,
        INFO,
        "Recommendation and no diversity or freshness handling.",
        "A list of near-duplicates or stale items bores users.",
        book(6, "re-ranking"),
        _rec004,
        categories=RECOMMENDATION,
    ),
]
