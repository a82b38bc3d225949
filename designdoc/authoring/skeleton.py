"""The commented spec skeleton that `designdoc init` writes: valid as written, ready to fill.

Each step opens with the questions it should answer; the fields follow, empty where only the
author can fill them, and shaped for the category (stages and ranking metrics for a ranking
system, class balance and thresholds for a classifier...).
"""

from __future__ import annotations

import re

from designdoc.authoring.questions import STEPS, questions_for
from designdoc.authoring.skeleton_fields import fields_for
from designdoc.spec.vocab import ALIASES, Category, normalise

SCHEMA_FILE = "designdoc.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"


def parse_category(raw: str) -> Category | None:
    """A category from its value or alias (`ltr`, `binary`...); None when unknown."""
    key = normalise(raw)
    key = ALIASES[Category].get(key, key)
    return Category(key) if key in Category.__members__ else None


def title_from(stem: str) -> str:
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else "Untitled system"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_HEAD = """\
{schema}
# A designdoc spec: one machine-learning system design in the order of the seven steps.
# Only `designdoc` and `title` are required; fill the rest step by step.
#   designdoc check {file}   says what is missing, step by step
#   designdoc build {file}   makes the PDF design document
# Free text accepts *emphasis*, **strong**, `code` and "- " lists.
designdoc: 1
title: {title}
summary:        # one paragraph: what the system does, and for whom
authors: []
date:           # YYYY-MM-DD
tags: []
"""

_STEP_FIELDS = {
    "requirements": """\
requirements:
  business_objective:
  product_features: []
  clarifications: []      # one item per question (block style keeps commas in answers):
  #  - question: ...
  #    answer: ...
  data_available:
  constraints: []
  requirements: []
  out_of_scope: []
  scale:
    users:                # counts accept 100M, 2B, 10k
    dau:
    requests_per_user_per_day:
    items:
  performance:
    latency_budget:       # e.g. 200ms
    latency_percentile:   # e.g. p99
""",
    "framing": """\
framing:
  ml_objective:
  objective_alternatives: []   # one item per objective weighed:
  #  - objective: ...
  #    pros: []
  #    cons: []
  #    chosen: false
  input:
  output:
  category: {category}
{framing_extra}  models: []                   # - {{name: ..., input: ..., output: ...}}
  labels:
{label_fields}    source: {label_source}
    # source_name:   # say what the source is when it is other
""",
    "data": """\
data:
  sources: []        # - {{id: interactions, kind: interaction, storage: ..., ingestion: streaming}}
  features: []       # - {{name: ..., source: interactions, type: numeric, transform: ...}}
{data_extra}  split:
    strategy: {split}
    ratios: [0.8, 0.1, 0.1]
  privacy:
""",
    "model": """\
model:
  baseline:          # {{name: ..., description: ...}}
  candidates: []     # one item per model compared:
  #  - name: ...
  #    pros: []
  #    cons: []
  #    chosen: false
  training:
    loss:
    from:            # scratch | fine_tune | other
    retraining:
      cadence:
      trigger:
""",
    "evaluation": """\
evaluation:
{evaluation}  fairness: []
""",
    "serving": """\
serving:
  deployment: {deployment}
  prediction: {prediction}
{serving}  fallbacks: []      # one item per failure:
  #  - when: ...
  #    then: ...
""",
    "monitoring": """\
monitoring:
  operational: [p99 latency, throughput, error rate]
  ml: [input drift, prediction drift, training/serving skew]
  alerts: []         # one item per alert:
  #  - metric: ...
  #    condition: ...
  #    action: ...
""",
}

_TAIL = """\

# ---- Talking points: the trade-offs a strong answer raises ----
talking_points: []   # one item per trade-off:
#  - topic: cold_start
#    notes: ...
risks: []            # one item per risk:
#  - risk: ...
#    mitigation: ...
"""


def _step_comment(number: int, title: str, questions: tuple[str, ...]) -> str:
    lines = [f"\n# ---- Step {number}: {title} ----", "# Questions this step answers:"]
    lines += [f"#   - {q}" for q in questions]
    return "\n".join(lines) + "\n"


def skeleton(file_name: str, category: Category | None = None, title: str | None = None) -> str:
    """The text of a new spec for `file_name`, shaped for `category`."""
    values = fields_for(category)
    stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    text = _HEAD.format(schema=SCHEMA_LINE, file=file_name, title=_quote(title or title_from(stem)))
    for step in STEPS:
        text += _step_comment(step.number, step.title, questions_for(step, category))
        text += _STEP_FIELDS[step.key].format(**values)
    return text + values.get("genai_section", "") + _TAIL
