"""Steps 6 and 7 of the framework: deployment and serving, monitoring."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from designdoc.spec.models.base import Section, Text
from designdoc.spec.units import (
    CountValue,
    DurationValue,
    FractionValue,
    SizeValue,
    WholeNumber,
    relative_mde,
)
from designdoc.spec.vocab import (
    CompressionField,
    DeploymentField,
    IndexTypeField,
    Prediction,
    PredictionField,
    StageKindField,
)

IdStr = str
ID_PATTERN = r"^[A-Za-z][\w-]*$"

# ---- Step 6: deployment and serving ------------------------------------------------------------


class Stage(Section):
    id: IdStr = Field(pattern=ID_PATTERN, description="Identifier flows and fallbacks refer to.")
    name: Text | None = Field(None, description="A readable name, e.g. Candidate generation.")
    kind: StageKindField | None = Field(
        None, description="candidate_generation, retrieval, filtering, ranking, re_ranking..."
    )
    model: Text | None = Field(None, description="The model or logic the stage runs.")
    description: Text | None = Field(None, description="What the stage does.")
    items_in: CountValue | None = Field(None, description="Items the stage considers, e.g. 10B.")
    items_out: CountValue | None = Field(None, description="Items the stage passes on, e.g. 10k.")
    latency: DurationValue | None = Field(None, description="The stage's latency, e.g. 40ms.")
    parallel_with: list[IdStr] = Field(
        default_factory=list, description="Ids of stages that run side by side with this one."
    )
    mode: Literal["online", "batch"] = Field(
        "online",
        description="online: on the request path, counted against the latency budget; "
        "batch: precomputed offline, outside the request path. When no stage gives its mode, "
        "all are batch in a design whose serving.prediction is batch, else online.",
    )


class Component(Section):
    id: IdStr = Field(pattern=ID_PATTERN, description="Identifier flows refer to.")
    kind: str | None = Field(
        None,
        description="kafka, redis, cassandra, postgresql, s3, spark, flink, airflow, "
        "kubernetes, elasticsearch, model_server, feature_store, ann_index, model_registry, "
        "data_warehouse, cdn, client, api_gateway...; any other kind is a plain box.",
    )
    label: Text | None = Field(None, description="The box's label.")
    group: str | None = Field(
        None, description="Cluster: online, offline, data, storage, or a group of your own."
    )
    description: Text | None = Field(None, description="What the component does.")


class Flow(Section):
    source: IdStr = Field(alias="from", description="Id of the stage or component data leaves.")
    target: IdStr = Field(alias="to", description="Id of the stage or component data reaches.")
    label: Text | None = Field(None, description="What flows, e.g. user + video features.")
    mode: str | None = Field(None, description="sync, async or batch.")


class Index(Section):
    items: CountValue | None = Field(
        None, description="Entries in the index: vectors, documents..."
    )
    dims: WholeNumber | None = Field(
        None, description="Dimensions of each vector (vector indexes)."
    )
    bytes_per_dim: float | None = Field(
        None, gt=0, description="Bytes per dimension (4 for float32)."
    )
    type: IndexTypeField | None = Field(
        None, description="The index structure: flat, ivfpq, hnsw, bm25, trie, hybrid..."
    )
    type_name: Text | None = Field(None, description="What the index is, when `type` is other.")
    code_bytes: WholeNumber | None = Field(None, description="Bytes per PQ code, for ivfpq.")
    links: WholeNumber | None = Field(None, description="Links per node, for HNSW (32 assumed).")
    shards: WholeNumber | None = Field(None, description="Shards the index is split into.")
    pipeline: Text | None = Field(
        None, description="The indexing pipeline: how items are embedded."
    )
    rebuild_on_model_change: bool | None = Field(
        None, description="Whether the index is rebuilt when the embedding model changes."
    )


class Capacity(Section):
    per_server_qps: float | None = Field(None, gt=0, description="QPS one server sustains.")
    servers: WholeNumber | None = Field(None, description="Servers provisioned.")
    host_memory: SizeValue | None = Field(None, description="Memory of one host, e.g. 256GB.")
    accelerators: Text | None = Field(None, description="GPUs or other accelerators.")


class Precompute(Section):
    entities: CountValue | None = Field(
        None, description="Entities precomputed, e.g. active users."
    )
    candidates_per_entity: CountValue | None = Field(None, description="Results stored per entity.")
    cadence: Text | None = Field(None, description="How often it runs.")


class Decision(Section):
    threshold: Text = Field(description="The score band, e.g. p >= 0.9.")
    action: Text = Field(description="What happens to items in the band, e.g. take down.")
    volume: Text | None = Field(None, description="How many items fall in the band, e.g. 20k/day.")
    rate: FractionValue | None = Field(
        None, description="Share of scored items that fall in the band, e.g. 0.2%."
    )
    capacity_per_day: CountValue | None = Field(
        None,
        description="Items a day the action can take, e.g. 5k reviews a day by the review team.",
    )


class Fallback(Section):
    when: Text = Field(description="The failure, e.g. ranking model times out.")
    then: Text = Field(description="What the system does instead.")
    applies_to: IdStr | None = Field(None, description="Id of the stage or component that fails.")


class Canary(Section):
    traffic: FractionValue | None = Field(None, description="Share of traffic, e.g. 1%.")
    duration: DurationValue | None = Field(None, description="How long the canary runs.")


class ABTest(Section):
    unit: str | None = Field(None, description="Randomisation unit: user, session, request...")
    primary_metric: Text | None = Field(None, description="The metric the test decides on.")
    guardrails: list[Text] = Field(
        default_factory=list, description="Metrics that must not degrade."
    )
    baseline_rate: FractionValue | None = Field(
        None, description="The primary metric's current rate, e.g. 5%."
    )
    mde: FractionValue | None = Field(
        None,
        description="Minimum detectable effect, relative to the baseline, e.g. 10%; in "
        "percentage points (2pp) it is converted: 2pp on a baseline_rate of 8% is 25%.",
    )
    traffic: FractionValue | None = Field(None, description="Share of daily users in the test.")
    duration: DurationValue | None = Field(None, description="Planned duration, e.g. 14d.")
    units_per_day: CountValue | None = Field(
        None,
        description="Randomisation units seen per day when the unit is not a daily user "
        "(authors...); the duration estimate uses it instead of dau. For a unit that is a "
        "place (city, market, region), the number of them in the test.",
    )
    notes: Text | None = Field(None, description="Interference, novelty effects, ramp-up...")

    @model_validator(mode="before")
    @classmethod
    def _mde_in_points(cls, data: Any) -> Any:
        if isinstance(data, dict) and "mde" in data:
            return {**data, "mde": relative_mde(data["mde"], data.get("baseline_rate"))}
        return data


class Rollout(Section):
    shadow: bool = Field(False, description="Whether the model first runs in shadow mode.")
    shadow_cost: Text | None = Field(
        None, description="What shadow traffic costs and how it is bounded."
    )
    canary: Canary | None = Field(None, description="Canary release.")
    ab_test: ABTest | None = Field(None, description="The online A/B test.")
    interleaving: bool = Field(False, description="Whether interleaving compares rankers.")
    bandit: bool = Field(False, description="Whether a bandit allocates traffic.")
    long_term_holdout: FractionValue | None = Field(
        None,
        description="Share of units never treated, kept for months to measure the lasting "
        "effect of the whole programme, e.g. 5%.",
    )
    rollback: Text | None = Field(None, description="How to roll back a bad model.")


class Serving(Section):
    """Step 6: how predictions reach users."""

    deployment: DeploymentField | None = Field(None, description="cloud, on_device or hybrid.")
    prediction: PredictionField | None = Field(None, description="online, batch or hybrid.")
    compression: list[CompressionField] = Field(
        default_factory=list, description="distillation, pruning, quantization..."
    )
    stages: list[Stage] = Field(default_factory=list, description="The request path, in order.")
    components: list[Component] = Field(
        default_factory=list, description="The architecture diagram's boxes."
    )
    flows: list[Flow] = Field(
        default_factory=list, description="The architecture diagram's arrows."
    )
    index: Index | None = Field(None, description="The embedding or inverted index.")
    capacity: Capacity | None = Field(None, description="Servers and their capacity.")
    precompute: Precompute | None = Field(None, description="Batch precomputation of results.")
    decisions: list[Decision] = Field(
        default_factory=list, description="Thresholds on the model's score and their actions."
    )
    fallbacks: list[Fallback] = Field(
        default_factory=list, description="What happens when parts fail."
    )
    rollout: Rollout | None = Field(None, description="Testing in production and rollback.")
    notes: Text | None = Field(None, description="Anything else about serving.")

    @model_validator(mode="after")
    def _stages_of_a_batch_design_are_batch(self) -> Serving:
        """When no stage gives its mode, every stage of a batch design is in the batch job."""
        given = any("mode" in stage.model_fields_set for stage in self.stages)
        if self.prediction is Prediction.batch and not given:
            for stage in self.stages:
                stage.mode = "batch"
        return self


# ---- Step 7: monitoring ------------------------------------------------------------------------


class Alert(Section):
    metric: Text = Field(description="The metric watched.")
    condition: Text | None = Field(None, description="When it fires, e.g. > 200ms for 5 min.")
    action: Text | None = Field(None, description="What happens then, e.g. page on-call.")


class Monitoring(Section):
    """Step 7: what is watched, and what happens when it drifts."""

    operational: list[Text] = Field(
        default_factory=list, description="Latency, QPS, errors, GPU..."
    )
    ml: list[Text] = Field(
        default_factory=list, description="Drift, skew, quality, model version..."
    )
    alerts: list[Alert] = Field(default_factory=list, description="Alerts and their actions.")
    feature_logging: bool | None = Field(
        None, description="Whether served features are logged for training and skew checks."
    )
    infrastructure: Text | None = Field(None, description="The infrastructure, in a few lines.")
    notes: Text | None = Field(None, description="Anything else about monitoring.")
