"""The review's rule ids and thresholds, light enough for the validator to import."""

from __future__ import annotations

RULE_IDS: tuple[str, ...] = (
    "REQ001", "REQ002", "REQ003", "REQ004",
    "FRM001", "FRM002", "FRM003", "FRM004", "FRM005", "FRM006", "FRM007", "FRM008",
    "DAT001", "DAT002", "DAT003", "DAT004", "DAT005", "DAT006", "DAT007", "DAT008",
    "FEA001", "FEA002", "FEA003", "FEA004", "FEA005", "FEA006", "FEA007",
    "MOD001", "MOD002", "MOD003", "MOD004", "MOD005", "MOD006",
    "EVA001", "EVA002", "EVA003", "EVA004", "EVA005", "EVA006", "EVA007", "EVA008",
    "EVA009", "EVA010", "EVA011", "EVA012",
    "SRV001", "SRV002", "SRV003", "SRV004", "SRV005", "SRV006", "SRV007", "SRV008",
    "SRV009", "SRV010",
    "TST001", "TST002", "TST003", "TST004", "TST005",
    "MON001", "MON002", "MON003", "MON004", "MON005", "MON006",
    "REC001", "REC002", "REC003", "REC004", "REC005", "REC006",
    "CAP001", "CAP002", "CAP003", "CAP004",
)

THRESHOLDS: dict[str, float] = {
    "imbalance_positive_rate": 0.1,
    "one_hot_cardinality": 10_000,
    "ab_max_days": 28,
    "batch_precompute_max": 1e12,
    "funnel_items_without_retrieval": 1e6,
    "shadow_high_qps": 10_000,
}
