"""The metric vocabulary of each family of designs: what its offline and online metrics are.

Metrics stay free text in a spec; these lists say which names a family usually uses, for the
`init` skeleton, the field reference and rules that look for a family's metrics.
"""

from __future__ import annotations

from designdoc.spec.vocab import Category, family

OFFLINE_METRICS: dict[str, tuple[str, ...]] = {
    "ranking": ("nDCG", "mAP", "MRR", "recall@k", "precision@k", "hit rate"),
    "classifier": ("PR-AUC", "ROC-AUC", "precision", "recall", "F1", "log loss"),
    "detection": ("mAP at IoU 0.5", "IoU", "precision", "recall"),
    "graph": ("ROC-AUC", "mAP", "recall@k"),
    "regression": ("MAE", "RMSE", "MAPE", "pinball loss", "interval coverage"),
    "forecasting": ("WAPE", "MAPE", "MASE", "pinball loss", "bias"),
    "uplift": ("Qini coefficient", "AUUC", "uplift at k", "calibration of the effect"),
    "anomaly": ("precision at review capacity", "alert precision", "recall", "PR-AUC"),
    "sequence_labelling": ("entity-level F1", "token accuracy", "span precision", "recall"),
    "speech": ("FRR", "FAR", "false accepts per hour", "WER", "latency to detect"),
    "optimisation": ("simulated objective", "MAE of the predicted cost", "constraint violations"),
    "text_generation": (
        "faithfulness",
        "answer relevance",
        "hit rate",
        "MRR",
        "LLM-as-judge score",
        "human preference",
        "toxicity rate",
    ),
    "media_generation": ("FID", "CLIPScore", "human preference", "NSFW rate"),
    "autocomplete": ("MRR", "success rate at k", "keystrokes saved", "latency per keystroke"),
}
ONLINE_METRICS: dict[str, tuple[str, ...]] = {
    "regression": ("late order rate", "cancellation rate"),
    "forecasting": ("stock-out rate", "waste"),
    "uplift": ("incremental conversions", "opt-out rate", "long-term holdout difference"),
    "anomaly": ("alert precision", "review queue size", "loss prevented"),
    "sequence_labelling": ("documents processed without edits",),
    "speech": ("false wakes per device per day", "wake success rate"),
    "optimisation": ("completed trips", "wait time (switchback test)"),
    "text_generation": ("thumbs-up rate", "regeneration rate", "escalation rate"),
    "media_generation": ("images kept or downloaded", "safety reports"),
    "autocomplete": ("suggestion click rate", "keystrokes per search"),
}


def offline_metrics(category: Category | None) -> tuple[str, ...]:
    """The offline metrics a design of `category` usually reports; empty for `other`."""
    return OFFLINE_METRICS.get(family(category) or "", ())
