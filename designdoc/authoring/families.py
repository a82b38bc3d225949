"""`init` for the families beyond the book: their interviewer questions and skeleton fields.

Regression, forecasting, uplift, anomaly detection, sequence labelling, speech,
optimisation, text and media generation and query autocomplete each get the questions an
interviewer asks of that family at each step, and the fields that suit it. Prose is written
in block style so that a comma in it never splits a value.
"""

from __future__ import annotations

import textwrap

from designdoc.spec.metrics import OFFLINE_METRICS, ONLINE_METRICS

Extras = dict[str, tuple[str, ...]]


def _evaluation(family: str, primary_why: str) -> str:
    offline = OFFLINE_METRICS[family]
    online = ONLINE_METRICS[family]
    vocabulary = textwrap.wrap(
        "metrics of this family: " + ", ".join(offline),
        width=88,
        initial_indent="  # ",
        subsequent_indent="  #   ",
    )
    lines = [
        *vocabulary,
        "  offline:",
        f"    - metric: {offline[0]}",
        "      primary: true",
        f"      why: {primary_why}",
        *(f"    - metric: {m}" for m in offline[1:3]),
        "  online:",
        f"    - metric: {online[0]}",
        "      role: primary",
        "      business: true",
        *(f"    - metric: {m}\n      role: guardrail" for m in online[1:2]),
    ]
    return "\n".join(lines) + "\n"


def _stages(*stages: tuple[str, str, str]) -> str:
    lines = ["  stages:            # the request path, in order"]
    lines += [
        f"    - {{id: {i}, name: {name}, kind: {kind}, latency:}}" for i, name, kind in stages
    ]
    return "\n".join(lines) + "\n"


def _batch_stages(*stages: tuple[str, str, str]) -> str:
    """The stages of a scheduled job: batch, outside any request path."""
    lines = ["  stages:            # the batch job, in order"]
    lines += [
        f"    - {{id: {i}, name: {name}, kind: {kind}, mode: batch, items_in:, latency:}}"
        for i, name, kind in stages
    ]
    return "\n".join(lines) + "\n"


QUESTIONS: dict[str | None, Extras] = {
    "regression": {
        "requirements": ("Is one number enough, or must we give a range (an interval)?",),
        "framing": ("Which error hurts more: over- or under-estimating, and by how much?",),
        "evaluation": ("MAE, RMSE, MAPE or pinball loss: which matches the cost of an error?",),
        "serving": ("Which features are fresh at request time, and what if one is missing?",),
    },
    "forecasting": {
        "requirements": ("Which horizon and granularity: days ahead, per store, per item?",),
        "data": ("Which backtesting windows, and how are seasonality and holidays handled?",),
        "model": ("One global model or one per series, and how is the hierarchy reconciled?",),
        "serving": ("When must the batch forecast be ready, and what if the job is late?",),
    },
    "uplift": {
        "framing": ("Which treatment and which outcome: is the effect, not the outcome, learnt?",),
        "data": ("Is there randomised data, and is a long-term holdout kept?",),
        "evaluation": ("Qini or AUUC on randomised data: how is the uplift ranking checked?",),
        "serving": ("Which budget or cap binds, and do treatments interfere with each other?",),
    },
    "anomaly": {
        "framing": ("With few or no labels, what counts as an anomaly and who confirms it?",),
        "data": ("How are the rare confirmed cases collected, and how late do they arrive?",),
        "evaluation": ("How many alerts can reviewers handle, and what precision do they need?",),
        "monitoring": ("How is the alert rate kept stable as normal behaviour drifts?",),
    },
    "sequence_labelling": {
        "framing": ("Which tag scheme (BIO, spans), and how are nested entities handled?",),
        "data": ("Who annotates tokens, with which guidelines and agreement checks?",),
        "evaluation": ("Entity-level or token-level F1: which matches what users need?",),
    },
    "speech": {
        "requirements": (
            "On-device limits: memory, compute, battery; does audio leave the device?",
        ),
        "data": ("Which accents, noise and far-field conditions does the data cover?",),
        "evaluation": ("What FRR at which false-accept rate (per hour of audio)?",),
        "serving": ("How is audio streamed in frames, and what is the detection latency?",),
    },
    "optimisation": {
        "framing": ("Which part is learnt (costs, ETAs) and which part a solver decides?",),
        "evaluation": ("How is the policy tested: simulation, then a switchback experiment?",),
        "serving": ("How often does the solver run, and how long may it take each time?",),
    },
    "text_generation": {
        "framing": ("Prompting, RAG or fine-tuning: which approach, and why?",),
        "data": ("How are documents parsed and chunked, and who may see which ones?",),
        "evaluation": ("How are faithfulness and safety measured, and is the judge calibrated?",),
        "serving": (
            "What are the time to first token and per-token latency, and is output streamed?",
            "What filters guard the input and output, and what is the fallback model?",
        ),
        "monitoring": ("How are groundedness, abstention and cost per request watched?",),
    },
    "media_generation": {
        "framing": ("Which model family (diffusion, autoregressive), and at what resolution?",),
        "evaluation": ("FID, CLIPScore or human preference: which decides?",),
        "serving": (
            "How many diffusion steps, and how many images per GPU-second?",
            "Which safety filters run on the prompt and on the images?",
        ),
    },
    "autocomplete": {
        "requirements": ("What latency per keystroke, and how many suggestions are shown?",),
        "data": ("Which queries are removed from suggestions: unsafe, rare, personal?",),
        "serving": ("Which prefix index (trie, FST), and how fresh are trending queries?",),
    },
}

FIELDS: dict[str | None, dict[str, str]] = {
    "regression": {
        "label_source": "natural   # the observed value, e.g. actual delivery minutes",
        "evaluation": _evaluation("regression", "Error in the unit users feel."),
        "serving": _stages(
            ("features", "Feature fetch", "feature_fetch"), ("predict", "Model", "prediction")
        ),
    },
    "forecasting": {
        "label_source": "natural   # the values that were actually observed",
        "split": "backtest   # rolling-origin windows; or chronological",
        "evaluation": _evaluation("forecasting", "Weights errors by volume, across series."),
        "prediction": "batch   # forecasts are made on a schedule",
        "serving": """\
  stages:            # the batch job, in order
    - {id: features, name: Feature build, kind: feature_fetch, mode: batch}
    - {id: forecast, name: Forecast, kind: prediction, mode: batch}
    - {id: reconcile, name: Reconciliation, kind: postprocessing, mode: batch}
""",
    },
    "uplift": {
        "label_source": "randomized_experiment   # outcomes of a randomised holdout",
        "evaluation": _evaluation("uplift", "Ranks units by the effect of treating them."),
        "prediction": "batch   # online | batch | hybrid",
        "serving": _batch_stages(
            ("score", "Uplift scoring", "scoring"),
            ("allocate", "Budget allocation", "optimization"),
            ("schedule", "Timing", "scheduling"),
        )
        + """\
  precompute:
    entities:        # units scored in each run, e.g. 20M customers
    cadence:         # how often the job runs: daily, weekly...
""",
    },
    "anomaly": {
        "label_source": "human     # confirmed cases from reviewers, few and late",
        "data_extra": """\
  class_balance:
    positive_rate:   # share of confirmed anomalies, e.g. 0.05%
    handling:
""",
        "evaluation": _evaluation("anomaly", "Reviewers see only so many alerts a day."),
        "serving": _stages(
            ("features", "Feature fetch", "feature_fetch"),
            ("score", "Anomaly scoring", "scoring"),
            ("route", "Review routing", "business_logic"),
        ),
    },
    "sequence_labelling": {
        "label_source": "human     # token or span labels from annotators",
        "split": "by_group   # each document in one split only",
        "evaluation": _evaluation("sequence_labelling", "Counts whole entities, not tokens."),
        "serving": _stages(
            ("prepare", "Tokenisation", "preprocessing"), ("tag", "Tagger", "tagging")
        ),
    },
    "speech": {
        "label_source": "human     # recorded and transcribed utterances",
        "split": "by_user   # each speaker in one split only",
        "evaluation": _evaluation("speech", "Misses at a fixed false-accept rate."),
        "deployment": "on_device  # cloud | on_device | hybrid",
        "serving": _stages(
            ("frames", "Feature extraction", "preprocessing"),
            ("detect", "Detector", "detection"),
        ),
    },
    "optimisation": {
        "label_source": "natural   # observed outcomes, e.g. actual pickup times",
        "evaluation": _evaluation("optimisation", "The objective the solver is run on."),
        "serving": _stages(
            ("predict", "Cost model", "prediction"), ("solve", "Solver", "optimization")
        ),
    },
    "text_generation": {
        "label_source": "human     # ratings of answers; or self_supervised for pretraining",
        "evaluation": _evaluation("text_generation", "Answers must be supported by the sources."),
        "serving": _stages(
            ("guard_in", "Input filter", "guardrail"),
            ("retrieve", "Retrieval", "retrieval"),
            ("generate", "Generation", "generation"),
            ("guard_out", "Output filter", "guardrail"),
        ),
    },
    "media_generation": {
        "label_source": "human     # preference ratings; captions for training pairs",
        "evaluation": _evaluation("media_generation", "Realism of the generated images."),
        "serving": _stages(
            ("prompt_filter", "Prompt filter", "guardrail"),
            ("generate", "Generation", "generation"),
            ("image_filter", "Image filter", "guardrail"),
        ),
    },
    "autocomplete": {
        "label_source": "natural   # the suggestion selected",
        "evaluation": _evaluation("autocomplete", "Rewards the intended query near the top."),
        "serving": _stages(
            ("cache", "Prefix cache", "cache_lookup"),
            ("complete", "Prefix lookup", "candidate_generation"),
            ("rank", "Ranking", "ranking"),
            ("safety", "Safety filter", "filtering"),
        ),
    },
}
