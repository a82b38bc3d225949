"""Rules of step 3: data engineering and features."""

from __future__ import annotations

from collections.abc import Iterator

from designdoc.review.rules.applies import (
    NUMERIC_CATEGORIES,
    causal_labels,
    engagement_labels,
    from_request,
    index_content,
    learns_from_ranked_engagement,
    name,
    outcome_labels,
    stored_attribute,
    uses_a_model_as_is,
)
from designdoc.review.rules.context import Context, contains, keywords
from designdoc.review.rules.rule import ERROR, INFO, WARNING, Hit, Rule, empty
from designdoc.review.rules.sources import book, rules_of_ml, tech_debt, test_score
from designdoc.spec import numbers as fmt
from designdoc.spec.vocab import (
    RANKING,
    SUPERVISED,
    Computation,
    LabelSource,
    SplitStrategy,
)

DATA = ("data",)
LABELS = ("framing", "labels")
TIME_WORDS = keywords("ads$ | advert | feed | news | click | event")
DELAYED_WORDS = keywords(
    "conversion | convert | accept | appeal | chargeback | purchase | booking | booked | "
    "charged back | charge back | register | registration | install"
)
STATS_WORDS = keywords(
    "normali | standardi | z score | scal | mean | median | bucket | quantile | min max | "
    "impute | log transform | idf"
)
FIT_ON_TRAIN = keywords(
    "training split only | train split only | fit on train | fitted on train | fit on the "
    "train | fitted on the train | training data only | training set only | train only | "
    "on the training | training window | training period | training months | before each "
    "origin | before its origin"
)
NEGATIVES_FROM_LOSS = keywords("in batch | negative | contrastive | triplet | sampled softmax")
IMBALANCE_FIXES = keywords("focal | weight | sampl | smote")
ONE_HOT = ("one hot", "onehot")
SKEW_WORDS = ("skew",)
FIT_SECTIONS = ("data", "model.training")
POSITION_SECTIONS = ("talking_points", "data", "model", "framing", "serving", "evaluation")
BIAS_SECTIONS = ("talking_points", "data", "framing", "model", "evaluation", "monitoring")


def _numeric(ctx: Context) -> bool:
    return bool({name(c) for c in ctx.categories} & NUMERIC_CATEGORIES)


def _labelled(ctx: Context) -> bool:
    labels = ctx.spec.framing.labels
    if _numeric(ctx) and not empty(labels.target):
        return True
    if not empty(labels.positive) and not empty(labels.negative):
        return True
    if len(labels.classes) >= 2:
        return True
    if empty(labels.positive):
        return False
    if _numeric(ctx):
        return True  # a regression target written as the positive has no negatives
    # Positives only, with negatives drawn by sampling or inside the loss (in-batch).
    sampling = ctx.spec.data.sampling
    sampled = sampling is not None and sampling.negative_sampling is not None
    return sampled or contains(ctx.spec.model.training.loss, NEGATIVES_FROM_LOSS)


def _dat001(ctx: Context) -> Iterator[Hit]:
    if not _labelled(ctx) and _numeric(ctx):
        yield Hit(
            LABELS,
            "framing.labels does not say what the model predicts (labels.target, with its "
            "unit, e.g. units sold per store, item and day)",
        )
    elif not _labelled(ctx):
        yield Hit(
            LABELS,
            "framing.labels does not define what makes an example positive and "
            "negative (labels.positive and labels.negative, or labels.classes)",
        )


def _time_dependent(ctx: Context) -> bool:
    spec = ctx.spec
    return (
        any(source.has_timestamp for source in spec.data.sources)
        or ctx.recommendation
        or spec.framing.labels.delay is not None
        or contains(" ".join([spec.title, *spec.tags]), TIME_WORDS)
    )


def _dat002(ctx: Context) -> Iterator[Hit]:
    split = ctx.spec.data.split
    if split is not None and split.strategy == SplitStrategy.random and _time_dependent(ctx):
        yield Hit(
            (*DATA, "split", "strategy"),
            "data.split.strategy is random on time-dependent "
            "data: future examples leak into training; split by time (chronological)",
        )


def _dat003(ctx: Context) -> Iterator[Hit]:
    sampling = ctx.spec.data.sampling
    negatives = sampling.negative_sampling if sampling else None
    described = negatives is not None and not empty(negatives.method)
    if (
        ctx.natural_labels
        and not described
        and not (sampling and contains(sampling.strategy, ("negative",)))
    ):
        yield Hit(
            (*DATA, "sampling"),
            "natural labels hold only positives; data.sampling."
            "negative_sampling does not say how negatives are drawn",
        )


def _dat004(ctx: Context) -> Iterator[Hit]:
    balance = ctx.spec.data.class_balance
    if balance is None or balance.positive_rate is None:
        return
    limit = ctx.threshold("imbalance_positive_rate")
    fixed = not empty(balance.handling) or contains(ctx.spec.model.training.loss, IMBALANCE_FIXES)
    if balance.positive_rate.value < limit and not fixed:
        yield Hit(
            (*DATA, "class_balance", "positive_rate"),
            f"positive rate {fmt.share(balance.positive_rate.value, balance.positive_rate.text)}"
            f" is below {fmt.percent(limit)} and data.class_balance.handling "
            "is empty (resampling, class weights, focal loss)",
        )


def _dat005(ctx: Context) -> Iterator[Hit]:
    if (not empty(ctx.spec.data.privacy) and ctx.cite("data.privacy")) or ctx.topic("privacy"):
        return
    for i, source in enumerate(ctx.spec.data.sources):
        if source.contains_pii:
            yield Hit(
                (*DATA, "sources", i, "contains_pii"),
                f"source '{source.id}' holds personal "
                "data and data.privacy is empty (consent, anonymisation, retention)",
            )
            return


def _dat006(ctx: Context) -> Iterator[Hit]:
    labels = ctx.spec.framing.labels
    human = labels.source in (LabelSource.human, LabelSource.mixed)
    if human and (empty(labels.volume) or empty(labels.cost)):
        yield Hit(
            (*LABELS, "source"),
            "human labels without framing.labels.volume or "
            "framing.labels.cost: how many, at what price?",
        )
    same = labels.evaluation_source in (None, labels.source)
    if _asks_cleaner_labels(ctx) and same:
        yield Hit(
            (*LABELS, "source"),
            f"{labels.source} labels both train and evaluate; set "
            "framing.labels.evaluation_source to a cleaner source (e.g. human)",
        )


def _asks_cleaner_labels(ctx: Context) -> bool:
    """Cheap labels that stand for something a person could judge better; not labels that
    are the outcome itself (a click, for click prediction)."""
    cheap = ctx.spec.framing.labels.source in (LabelSource.natural, LabelSource.weak)
    return ctx.classification and cheap and not outcome_labels(ctx)


def _dat006_applies(ctx: Context) -> bool:
    human = ctx.spec.framing.labels.source in (LabelSource.human, LabelSource.mixed)
    return not causal_labels(ctx) and (human or _asks_cleaner_labels(ctx))


def _dat007(ctx: Context) -> Iterator[Hit]:
    spec = ctx.spec
    labels = spec.framing.labels
    outcome = " ".join(filter(None, [labels.positive, labels.negative, spec.framing.ml_objective]))
    logged = name(labels.source) not in ("human", "self_supervised")
    if (
        logged
        and contains(outcome, DELAYED_WORDS)
        and labels.delay is None
        and not ctx.topic("delayed_feedback")
    ):
        yield Hit(
            (*LABELS, "delay"),
            "the label is an outcome that arrives late; "
            "framing.labels.delay says how late (e.g. 7d)",
        )


def _dat008(ctx: Context) -> Iterator[Hit]:
    data = ctx.spec.data
    stats = [(i, f) for i, f in enumerate(data.features) if contains(f.transform, STATS_WORDS)]
    if not stats or ctx.topic("data_leakage") or ctx.mentions(FIT_ON_TRAIN, FIT_SECTIONS):
        return
    i, feature = stats[0]
    yield Hit(
        (*DATA, "features", i, "transform"),
        f"feature '{feature.name}' uses statistics "
        f"({len(stats)} such features); say they are fit on the training split only "
        "(data.split.notes)",
    )


def _fea001(ctx: Context) -> Iterator[Hit]:
    for i, feature in enumerate(ctx.spec.data.features):
        if empty(feature.source) and not from_request(ctx.spec, feature):
            yield Hit(
                (*DATA, "features", i),
                f"feature '{feature.name}' has no source (the id of a data source, or "
                "computation: request_time for a value the request carries)",
            )


def _fea002(ctx: Context) -> Iterator[Hit]:
    for i, feature in enumerate(ctx.spec.data.features):
        if from_request(ctx.spec, feature) or stored_attribute(ctx.spec, feature):
            continue
        if feature.computation is None:
            yield Hit(
                (*DATA, "features", i),
                f"feature '{feature.name}' has no computation (batch, streaming or request_time)",
            )
        elif feature.computation != Computation.request_time and feature.freshness is None:
            yield Hit(
                (*DATA, "features", i, "computation"),
                f"feature '{feature.name}' is "
                f"computed in {feature.computation} with no freshness (e.g. 1h)",
            )


def _fea003(ctx: Context) -> Iterator[Hit]:
    for i, feature in enumerate(ctx.spec.data.features):
        if not feature.available_at_serving:
            yield Hit(
                (*DATA, "features", i, "available_at_serving"),
                f"feature '{feature.name}' is not available at serving time: training on it leaks",
            )
        if feature.derived_from_label:
            yield Hit(
                (*DATA, "features", i, "derived_from_label"),
                f"feature '{feature.name}' is derived from the label: it leaks the answer",
            )


def _fea004(ctx: Context) -> Iterator[Hit]:
    limit = ctx.threshold("one_hot_cardinality")
    for i, feature in enumerate(ctx.spec.data.features):
        one_hot = contains(feature.encoding, ONE_HOT) or contains(feature.transform, ONE_HOT)
        if one_hot and feature.cardinality is not None and feature.cardinality.value > limit:
            yield Hit(
                (*DATA, "features", i, "cardinality"),
                f"feature '{feature.name}' is "
                f"one-hot encoded with {feature.cardinality.text} values (over {limit:g}); "
                "use hashing or a learned embedding",
            )


def _fea005(ctx: Context) -> Iterator[Hit]:
    lacking = [
        (i, f)
        for i, f in enumerate(ctx.spec.data.features)
        if empty(f.missing) and not index_content(ctx.spec, f)
    ]
    if lacking:
        names = ", ".join(f"'{f.name}'" for _, f in lacking[:5]) + (
            ", ..." if len(lacking) > 5 else ""
        )
        yield Hit(
            (*DATA, "features", lacking[0][0]),
            f"{len(lacking)} feature(s) without a "
            f"missing-value strategy (features[].missing): {names}",
        )


def _fea006(ctx: Context) -> Iterator[Hit]:
    monitoring = ctx.spec.monitoring
    watched = bool(monitoring.feature_logging) and ctx.cite("monitoring.feature_logging")
    if not watched and not ctx.mentions(SKEW_WORDS, ("monitoring",)):
        yield Hit(
            ("monitoring", "ml"),
            "online prediction with no training/serving skew "
            "monitoring in monitoring.ml and no monitoring.feature_logging",
        )


def _fea007(ctx: Context) -> Iterator[Hit]:
    if ctx.spec.evaluation.fairness or ctx.topic("fairness"):
        return
    for i, feature in enumerate(ctx.spec.data.features):
        if feature.sensitive:
            yield Hit(
                (*DATA, "features", i, "sensitive"),
                f"sensitive feature '{feature.name}' "
                "is used and evaluation.fairness lists no slices",
            )
            return


def _rec002(ctx: Context) -> Iterator[Hit]:
    words = ("position bias", "position feature", "position aware", "propensity", "ips$")
    if not ctx.addressed(("position_bias",), words, POSITION_SECTIONS):
        yield Hit(
            (*LABELS,),
            "the labels are engagement with a ranked list (framing.labels), and position "
            "bias is not addressed: top slots are picked for being on top (position feature, "
            "propensity weighting, randomised slots)",
        )


def _rec006(ctx: Context) -> Iterator[Hit]:
    topics = ("selection_bias", "delayed_feedback", "seasonality")
    words = ("selection bias", "delayed feedback", "seasonal", "label delay")
    if not ctx.addressed(topics, words, BIAS_SECTIONS):
        yield Hit(
            ("talking_points",),
            "no word on selection bias, delayed feedback or seasonality (talking_points)",
        )


def _ads_or_rec(ctx: Context) -> bool:
    return ctx.recommendation or contains(
        " ".join([ctx.spec.title, *ctx.spec.tags]), ("ads$", "advert")
    )


def _dat003_applies(ctx: Context) -> bool:
    return ctx.rank and engagement_labels(ctx)


RULES = [
    Rule(
        "DAT001",
        3,
        ERROR,
        "Supervised category and no label definition: positive/negative, classes, or the "
        "target of a regression.",
        "A supervised model is only as good as the definition of its labels.",
        book(1, "data preparation: labels"),
        _dat001,
        categories=SUPERVISED,
        reads="framing.labels",
    ),
    Rule(
        "DAT002",
        3,
        ERROR,
        "Time-dependent data split at random: leakage.",
        "Test on data from after the training period, as production will.",
        rules_of_ml(33, "test on later data"),
        _dat002,
        applies=lambda c: c.spec.data.split is not None and _time_dependent(c),
        when="a split is given and the data are time-dependent "
        "(timestamps, label delay, feeds, ads)",
        reads="data.split.strategy",
    ),
    Rule(
        "DAT003",
        3,
        WARNING,
        "Ranking with natural labels and no negative sampling.",
        "Implicit feedback records positives; negatives must be sampled deliberately.",
        book(6, "constructing the dataset"),
        _dat003,
        categories=RANKING,
        applies=_dat003_applies,
        when="a ranking model learns from logged engagement (natural or mixed labels)",
        reads="data.sampling",
    ),
    Rule(
        "DAT004",
        3,
        WARNING,
        "Positive rate under the threshold and no imbalance handling.",
        "With rare positives a model learns to predict the majority class.",
        book(1, "class imbalance"),
        _dat004,
        applies=lambda c: (
            c.spec.data.class_balance is not None
            and c.spec.data.class_balance.positive_rate is not None
        ),
        when="data.class_balance.positive_rate is given",
        thresholds=("imbalance_positive_rate",),
        reads="data.class_balance.handling",
    ),
    Rule(
        "DAT005",
        3,
        WARNING,
        "A source contains PII and there is no privacy plan.",
        "Personal data needs consent, minimisation and a retention limit.",
        test_score("Data: the pipeline has privacy controls"),
        _dat005,
        applies=lambda c: any(s.contains_pii for s in c.spec.data.sources),
        when="a data source holds personal data",
    ),
    Rule(
        "DAT006",
        3,
        INFO,
        "Human labels without volume or cost; one label source for training and evaluation.",
        "Labels cost money and time; evaluating on the noisy training labels hides their errors.",
        book(5, "labelling"),
        _dat006,
        applies=_dat006_applies,
        when="labels come from people, or a classifier learns from cheap labels that stand "
        "for a judgement (not a randomised experiment's outcomes, nor an outcome the label "
        "records itself, such as a click for click prediction)",
        reads="framing.labels",
    ),
    Rule(
        "DAT007",
        3,
        INFO,
        "Delayed outcomes with no label delay.",
        "Outcomes such as conversions arrive late; fresh examples look falsely negative.",
        book(8, "delayed feedback"),
        _dat007,
        reads="framing.labels.delay",
    ),
    Rule(
        "DAT008",
        3,
        INFO,
        "Statistics-based transforms not said to be fit on the training split.",
        "Scaling with statistics of the whole data set leaks the test set into training.",
        book(1, "feature engineering"),
        _dat008,
        applies=lambda c: any(contains(f.transform, STATS_WORDS) for f in c.spec.data.features),
        when="a feature's transform uses statistics (scaling, means, buckets)",
    ),
    Rule(
        "FEA001",
        3,
        WARNING,
        "A feature without a source.",
        "A feature with no known source cannot be built, tested or monitored.",
        tech_debt("data dependencies"),
        _fea001,
        applies=lambda c: bool(c.spec.data.features),
        when="the spec lists features",
        reads="data.features",
    ),
    Rule(
        "FEA002",
        3,
        WARNING,
        "Online prediction and a feature without computation mode or freshness.",
        "Online serving needs every feature on time; staleness must be a stated choice.",
        rules_of_ml(8, "know the freshness requirements"),
        _fea002,
        applies=lambda c: c.online and bool(c.spec.data.features),
        when="predictions are served online and the spec lists features",
        reads="data.features",
    ),
    Rule(
        "FEA003",
        3,
        ERROR,
        "A feature not available at serving time or derived from the label.",
        "A feature the model cannot see in production, or that encodes the answer, is leakage.",
        book(1, "data leakage"),
        _fea003,
        reads="data.features",
    ),
    Rule(
        "FEA004",
        3,
        WARNING,
        "One-hot encoding of a high-cardinality feature.",
        "Huge sparse vectors waste memory and learn little; hash or embed instead.",
        book(1, "encoding categorical features"),
        _fea004,
        applies=lambda c: any(
            contains(f.encoding, ONE_HOT) or contains(f.transform, ONE_HOT)
            for f in c.spec.data.features
        ),
        when="a feature is one-hot encoded",
        thresholds=("one_hot_cardinality",),
        reads="data.features",
    ),
    Rule(
        "FEA005",
        3,
        INFO,
        "A feature without a missing-value strategy.",
        "Missing values happen in production; the model must see them handled as in training.",
        book(1, "handling missing values"),
        _fea005,
        reads="data.features",
    ),
    Rule(
        "FEA006",
        3,
        WARNING,
        "Online prediction and no skew monitoring or served-feature logging.",
        "Logging the features used at serving time is the surest way to train as you serve.",
        rules_of_ml(29, "log features at serving time"),
        _fea006,
        applies=lambda c: (
            c.online and not (uses_a_model_as_is(c.spec) and not c.spec.data.features)
        ),
        when="predictions are served online, from features or by a model trained here",
    ),
    Rule(
        "FEA007",
        3,
        INFO,
        "Sensitive attributes used as features and no fairness slices.",
        "Using age or gender calls for checking quality across those groups.",
        test_score("Model: tested for considerations of inclusion"),
        _fea007,
        applies=lambda c: any(f.sensitive for f in c.spec.data.features),
        when="a feature is a sensitive attribute",
        reads="evaluation.fairness",
    ),
    Rule(
        "REC002",
        3,
        WARNING,
        "Trained on interactions from a ranked list and position bias not addressed.",
        "Top slots get clicked because they are on top, which the model then learns.",
        rules_of_ml(36, "avoid feedback loops with positional features"),
        _rec002,
        applies=learns_from_ranked_engagement,
        when="the labels are engagement (clicks, selections, watches) with a ranked list shown",
    ),
    Rule(
        "REC006",
        3,
        INFO,
        "No word on selection bias, delayed feedback or seasonality.",
        "Logged data shows only what was served, arrives late and changes with the season.",
        book(8, "other talking points"),
        _rec006,
        applies=_ads_or_rec,
        when="a recommendation category, or an ads system (title or tags)",
    ),
]
