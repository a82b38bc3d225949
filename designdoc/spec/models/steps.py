"""Steps 1 to 5 of the framework: requirements, framing, data, model, evaluation."""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator

from designdoc.spec.models.base import Section, Text
from designdoc.spec.units import (
    CountValue,
    DurationValue,
    FractionValue,
    PercentNumber,
    ShareNumber,
    SizeValue,
    WholeNumber,
)
from designdoc.spec.vocab import (
    CategoryField,
    ComputationField,
    DistributedField,
    FeatureTypeField,
    IngestionField,
    LabelSourceField,
    MetricRoleField,
    RankingApproachField,
    SourceKindField,
    SplitStrategyField,
    StructureField,
    TrainFromField,
)

# ---- Step 1: clarifying requirements ---------------------------------------------------------


class Clarification(Section):
    question: Text = Field(
        description="A clarifying question asked of the interviewer or stakeholder."
    )
    answer: Text | None = Field(None, description="The answer given, or the assumption made.")


class Scale(Section):
    users: CountValue | None = Field(None, description="Total registered users, e.g. 2B.")
    dau: CountValue | None = Field(None, description="Daily active users, e.g. 100M.")

    @field_validator("dau")
    @classmethod
    def _dau_within_users(cls, dau: CountValue | None, info: ValidationInfo) -> object:
        users = info.data.get("users")
        if dau is not None and users is not None and dau.value > users.value:
            raise ValueError(
                f"{dau.text} daily active users is more than the {users.text} users in all "
                "(requirements.scale.users); daily actives are some of all users"
            )
        return dau

    requests_per_user_per_day: float | None = Field(
        None, ge=0, description="Requests each daily active user makes per day."
    )
    qps: CountValue | None = Field(
        None, description="Average queries per second, when known directly."
    )
    peak_factor: float | None = Field(
        None, ge=1, description="Peak traffic over average traffic; 2 is assumed when absent."
    )
    items: CountValue | None = Field(None, description="Catalogue size: items that can be served.")
    new_items_per_day: CountValue | None = Field(None, description="Items added per day.")
    bytes_per_item: SizeValue | None = Field(None, description="Stored bytes per item, e.g. 2KB.")
    response_bytes: SizeValue | None = Field(None, description="Bytes in one response, for egress.")
    retention: DurationValue | None = Field(
        None, description="How long stored data is kept, e.g. 365d."
    )
    replication: WholeNumber | None = Field(None, description="Copies kept of stored data.")
    growth: Text | None = Field(None, description="Expected growth, in words.")


class Performance(Section):
    latency_budget: DurationValue | None = Field(
        None, description="End-to-end latency budget of one request, e.g. 200ms."
    )
    latency_percentile: str | None = Field(
        None, pattern=r"^p\d{2}(\.\d+)?$", description="Percentile the budget applies to, e.g. p99."
    )
    availability: PercentNumber | None = Field(
        None, description="Availability target in percent, e.g. 99.95 or 99.95%."
    )
    throughput: Text | None = Field(None, description="Throughput requirement, in words.")
    freshness: Text | None = Field(None, description="How fresh results must be.")
    real_time: bool | None = Field(None, description="Whether results are needed in real time.")


class Requirements(Section):
    """Step 1: what the system must do, for whom, at what scale."""

    business_objective: Text | None = Field(
        None, description="The business goal the system serves."
    )
    product_features: list[Text] = Field(
        default_factory=list, description="Product features that matter (some supply labels)."
    )
    clarifications: list[Clarification] = Field(
        default_factory=list, description="The clarifying dialogue: questions and answers."
    )
    data_available: Text | None = Field(
        None, description="What data exists, and whether it is labelled."
    )
    constraints: list[Text] = Field(
        default_factory=list,
        description="Constraints: compute, on-device, privacy, explainability...",
    )
    requirements: list[Text] = Field(
        default_factory=list, description="The agreed list of requirements."
    )
    out_of_scope: list[Text] = Field(
        default_factory=list, description="What is explicitly out of scope."
    )
    scale: Scale = Field(default_factory=Scale, description="Users, items and traffic.")
    performance: Performance = Field(
        default_factory=Performance, description="Latency and availability."
    )


# ---- Step 2: framing ---------------------------------------------------------------------------


class ObjectiveAlternative(Section):
    objective: Text = Field(description="A candidate ML objective.")
    pros: list[Text] = Field(default_factory=list, description="Arguments for it.")
    cons: list[Text] = Field(default_factory=list, description="Arguments against it.")
    chosen: bool = Field(False, description="Whether this is the objective chosen.")


class ModelIO(Section):
    name: Text = Field(description="The model's name, e.g. candidate generator.")
    input: Text | None = Field(None, description="What the model takes in.")
    output: Text | None = Field(None, description="What the model returns.")
    category: CategoryField | None = Field(None, description="The model's ML category.")


class Head(Section):
    name: Text = Field(description="What the head predicts, e.g. P(like) or dwell time.")
    loss: Text | None = Field(None, description="The head's loss, e.g. binary cross-entropy.")
    weight: float | None = Field(None, description="Its weight in the combined score.")


class Labels(Section):
    target: Text | None = Field(
        None,
        description="What a regression or forecast predicts, with its unit: units sold per "
        "store, item and day.",
    )
    positive: Text | None = Field(None, description="What makes an example positive.")
    negative: Text | None = Field(None, description="What makes an example negative.")
    classes: list[Text] = Field(
        default_factory=list, description="The classes, for multi-class tasks."
    )
    source: LabelSourceField | None = Field(
        None, description="Where labels come from: natural, human, weak, self_supervised..."
    )
    source_name: Text | None = Field(
        None, description="What the label source is, when `source` is other."
    )
    delay: DurationValue | None = Field(
        None, description="How long until a label is known, e.g. 30d."
    )
    volume: Text | None = Field(None, description="How many labels, e.g. 10K human labels a day.")
    cost: Text | None = Field(None, description="What the labels cost.")
    identification: Text | None = Field(
        None,
        description="How a treatment effect is told apart from who got treated, when labels "
        "are not randomised: propensity weighting, an instrument, a natural experiment...",
    )
    evaluation_source: LabelSourceField | None = Field(
        None, description="Where evaluation labels come from, when different."
    )


class Framing(Section):
    """Step 2: the business objective as an ML task."""

    ml_objective: Text | None = Field(
        None, description="The ML objective that serves the business one."
    )
    objective_alternatives: list[ObjectiveAlternative] = Field(
        default_factory=list, description="Objectives weighed, with pros and cons."
    )
    input: Text | None = Field(None, description="The system's input.")
    output: Text | None = Field(None, description="The system's output.")
    category: CategoryField | None = Field(None, description="The ML category (framework step 2).")
    category_name: Text | None = Field(
        None, description="What the category is, when `category` is other, e.g. survival analysis."
    )
    ranking_approach: RankingApproachField | None = Field(
        None, description="For learning to rank: pointwise, pairwise or listwise."
    )
    models: list[ModelIO] = Field(
        default_factory=list, description="Input and output of each model."
    )
    heads: list[Head] = Field(
        default_factory=list, description="Task heads of a multi-task model and their weights."
    )
    labels: Labels = Field(default_factory=Labels, description="How examples are labelled.")
    continual_learning: bool | None = Field(
        None, description="Whether the model must keep learning."
    )
    explainability: Text | None = Field(None, description="What must be explained, to whom.")


# ---- Step 3: data ------------------------------------------------------------------------------


class DataSource(Section):
    id: str = Field(pattern=r"^[A-Za-z][\w-]*$", description="Identifier other fields refer to.")
    name: Text | None = Field(None, description="A readable name.")
    kind: SourceKindField | None = Field(
        None, description="user, item, interaction, context, graph..."
    )
    description: Text | None = Field(None, description="What the source holds.")
    producer: Text | None = Field(None, description="Who or what produces it.")
    structure: StructureField | None = Field(None, description="structured or unstructured.")
    storage: Text | None = Field(None, description="Where it is stored.")
    volume: Text | None = Field(None, description="How much, e.g. 50TB/day.")
    ingestion: IngestionField | None = Field(None, description="batch or streaming.")
    has_timestamp: bool | None = Field(None, description="Whether records carry a timestamp.")
    contains_pii: bool | None = Field(None, description="Whether it holds personal data.")


class Feature(Section):
    name: Text = Field(description="The feature's name.")
    source: str | None = Field(None, description="The `id` of the data source it comes from.")
    type: FeatureTypeField | None = Field(
        None, description="numeric, categorical, embedding, text..."
    )
    description: Text | None = Field(None, description="What it captures.")
    transform: Text | None = Field(
        None, description="How it is computed: scaling, bucketing, encoding..."
    )
    encoding: Text | None = Field(
        None, description="How it is encoded, e.g. one-hot, hashing, embedding."
    )
    cardinality: CountValue | None = Field(
        None, description="Distinct values, for categorical features."
    )
    computation: ComputationField | None = Field(
        None, description="batch, streaming or request_time."
    )
    freshness: DurationValue | None = Field(None, description="Maximum staleness, e.g. 5min.")
    missing: Text | None = Field(None, description="What happens when the value is missing.")
    available_at_serving: bool = Field(
        True, description="Whether the value is known at serving time."
    )
    derived_from_label: bool = Field(False, description="Whether it is computed from the label.")
    sensitive: bool = Field(
        False, description="Whether it is a sensitive attribute (age, gender...)."
    )


class NegativeSampling(Section):
    method: Text | None = Field(
        None, description="How negatives are drawn: random, in-batch, hard..."
    )
    ratio: float | None = Field(None, gt=0, description="Negatives per positive.")


class Sampling(Section):
    strategy: Text | None = Field(None, description="How training examples are sampled.")
    negative_sampling: NegativeSampling | None = Field(None, description="How negatives are drawn.")


class Split(Section):
    strategy: SplitStrategyField | None = Field(
        None, description="random, chronological, by_user..."
    )
    ratios: list[ShareNumber] = Field(
        default_factory=list, description="Train, validation, test shares, e.g. [0.8, 0.1, 0.1]."
    )
    notes: Text | None = Field(None, description="Details, e.g. transforms fit on train only.")


class ClassBalance(Section):
    positive_rate: FractionValue | None = Field(
        None, description="Share of positives, e.g. 2% or 0.02."
    )
    handling: Text | None = Field(None, description="How imbalance is handled.")


class Data(Section):
    """Step 3: data engineering and feature engineering."""

    sources: list[DataSource] = Field(
        default_factory=list, description="Where the data comes from."
    )
    features: list[Feature] = Field(default_factory=list, description="The model's features.")
    sampling: Sampling | None = Field(None, description="How the training set is sampled.")
    split: Split | None = Field(None, description="How data is split for training and evaluation.")
    class_balance: ClassBalance | None = Field(None, description="Class balance and its handling.")
    privacy: Text | None = Field(
        None, description="Privacy plan: consent, anonymisation, retention."
    )
    bias: Text | None = Field(
        None, description="Known biases in the data and what is done about them."
    )
    notes: Text | None = Field(None, description="Anything else about the data.")


# ---- Step 4: model -----------------------------------------------------------------------------


class Baseline(Section):
    name: Text = Field(description="The baseline, e.g. most popular items.")
    description: Text | None = Field(None, description="How it works and why it is a fair bar.")


class CandidateModel(Section):
    name: Text = Field(description="A model considered.")
    description: Text | None = Field(None, description="How it works.")
    pros: list[Text] = Field(default_factory=list, description="Its strengths.")
    cons: list[Text] = Field(default_factory=list, description="Its weaknesses.")
    chosen: bool = Field(False, description="Whether it is the model chosen.")


class Retraining(Section):
    cadence: Text | None = Field(None, description="How often: daily, weekly, continuous...")
    trigger: Text | None = Field(None, description="What triggers a retrain besides the cadence.")


class Training(Section):
    dataset: Text | None = Field(None, description="How the training set is built.")
    loss: Text | None = Field(None, description="The loss function.")
    start_from: TrainFromField | None = Field(
        None, alias="from", description="scratch or fine_tune."
    )
    distributed: DistributedField | None = Field(
        None, description="none, data_parallel or model_parallel."
    )
    hyperparameters: Text | None = Field(None, description="Notable hyperparameters and tuning.")
    calibration: Text | None = Field(None, description="How scores are calibrated.")
    retraining: Retraining | None = Field(None, description="Retraining cadence and trigger.")


class Model(Section):
    """Step 4: model selection and training."""

    baseline: Baseline | None = Field(None, description="The simple baseline to beat.")
    candidates: list[CandidateModel] = Field(default_factory=list, description="Models compared.")
    training: Training = Field(default_factory=Training, description="How the model is trained.")
    notes: Text | None = Field(None, description="Anything else about the model.")


# ---- Step 5: evaluation ------------------------------------------------------------------------


class OfflineMetric(Section):
    metric: Text = Field(description="The metric, e.g. mAP, nDCG, PR-AUC.")
    k: WholeNumber | None = Field(None, description="Cut-off for @k metrics.")
    primary: bool = Field(False, description="Whether it is the main offline metric.")
    relevance: str | None = Field(None, description="binary or graded relevance, for ranking.")
    target: Text | None = Field(None, description="The value to reach.")
    why: Text | None = Field(None, description="Why this metric.")


class OnlineMetric(Section):
    metric: Text = Field(description="The metric, e.g. watch time, CTR.")
    role: MetricRoleField | None = Field(
        None, description="primary, secondary, guardrail or counter."
    )
    business: bool = Field(
        False, description="Whether it measures the business objective directly."
    )
    why: Text | None = Field(None, description="Why this metric.")


class Evaluation(Section):
    """Step 5: offline and online metrics."""

    offline: list[OfflineMetric] = Field(default_factory=list, description="Offline metrics.")
    online: list[OnlineMetric] = Field(default_factory=list, description="Online metrics.")
    fairness: list[Text] = Field(default_factory=list, description="Slices checked for fairness.")
    notes: Text | None = Field(None, description="Anything else about evaluation.")
