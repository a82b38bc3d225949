"""Shared inputs of the figure tests: small specs written inline, and SVG readers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml

from designdoc.spec.models.root import Spec

SVG_NS = "{http://www.w3.org/2000/svg}"

SMALL_SPEC = """
designdoc: 1
title: Small recommender
requirements:
  performance: {latency_budget: 200ms, latency_percentile: p99}
data:
  sources:
    - {id: events, name: Interaction events, ingestion: streaming, storage: Kafka}
    - {id: users, name: User profiles, ingestion: batch}
  features:
    - {name: recent clicks, source: events, type: sequence, computation: streaming}
    - {name: user age bucket, source: users, type: categorical, computation: batch}
    - {name: time of day, type: categorical, computation: request_time}
model:
  candidates: [{name: Two-tower network, chosen: true}]
  training:
    loss: cross-entropy
    retraining: {cadence: daily, trigger: drift alert}
serving:
  deployment: cloud
  prediction: online
  stages:
    - {id: retrieve, name: Retrieval, kind: candidate_generation, items_in: 10M,
       items_out: 1k, latency: 30ms, parallel_with: [popular]}
    - {id: popular, name: Popular items, kind: candidate_generation, items_out: 200,
       latency: 5ms, parallel_with: [retrieve]}
    - {id: rank, name: Ranking, kind: ranking, items_in: 1.2k, items_out: 50, latency: 80ms}
  components:
    - {id: app, kind: client, label: Mobile app, group: online}
    - {id: queue, kind: kafka, label: Event stream, group: data}
    - {id: fs, kind: redis, label: Online features, group: online}
    - {id: trainer, kind: something_custom, label: Trainer, group: offline}
  flows:
    - {from: app, to: retrieve, label: request}
    - {from: fs, to: rank, label: features}
    - {from: app, to: queue, label: clicks, mode: async}
    - {from: queue, to: trainer, label: logs, mode: batch}
  index: {items: 10M, dims: 64, type: hnsw}
  fallbacks:
    - {when: ranking times out, then: serve by popularity, applies_to: rank}
monitoring:
  ml: [prediction drift]
"""


def spec_from(text: str, **changes: Any) -> Spec:
    """A validated spec from YAML text, with top-level keys replaced by `changes`."""
    data = yaml.safe_load(text)
    data.update(changes)
    return Spec.model_validate(data)


def small_spec() -> Spec:
    return spec_from(SMALL_SPEC)


def svg_root(path: Path) -> ET.Element:
    return ET.fromstring(path.read_text(encoding="utf-8"))


def svg_text(path: Path) -> str:
    """All the text drawn in an SVG, each text element separated by a space."""
    return " ".join("".join(t.itertext()) for t in svg_root(path).iter(f"{SVG_NS}text"))


def font_sizes(path: Path) -> list[float]:
    return [float(f) for f in re.findall(r'font-size="([\d.]+)"', path.read_text("utf-8"))]
