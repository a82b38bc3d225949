"""The review's thresholds and their defaults: the one table a spec's `review.thresholds`
can override. Rules name the thresholds they read; rule ids come from the rules themselves."""

from __future__ import annotations

THRESHOLDS: dict[str, float] = {
    "imbalance_positive_rate": 0.1,
    "one_hot_cardinality": 10_000,
    "ab_max_days": 28,
    "ab_novelty_days": 7,
    # A cluster test (stores, cities) tolerates an ICC of at most clusters per arm / users
    # per arm; ICCs between stores or cities are commonly a few percent.
    "cluster_icc_bound": 0.05,
    "max_items_scored_per_server": 1e7,
    "batch_precompute_max": 1e12,
    "funnel_items_without_retrieval": 1e6,
    "shadow_high_qps": 10_000,
    "genai_cache_min_qps": 100,
}
