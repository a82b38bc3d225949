"""The category-shaped parts of the `init` skeleton: YAML fragments, indented for their step.

Each family gets the fields its review rules look for: a ranking system its serving funnel,
negative sampling and ranking metrics; a classifier its class balance and decision
thresholds; a detector its IoU-based metric and batch pipeline; a graph model precomputation.
"""

from __future__ import annotations

import textwrap

from designdoc.authoring.families import FIELDS
from designdoc.authoring.skeleton_genai import MEDIA_GENERATION, TEXT_GENERATION
from designdoc.spec.vocab import Category, family

_GENERIC = {
    "framing_extra": "",
    "label_fields": "    positive:\n    negative:\n",
    "label_source": "         # natural | human | weak | self_supervised | mixed | other",
    "data_extra": "",
    "split": "chronological   # random | chronological | by_user | by_group | stratified",
    "evaluation": """\
  offline: []        # one item per metric:
  #  - metric: ...
  #    primary: true
  #    why: ...
  online: []         # - {metric: ..., role: primary, business: true}
""",
    "prediction": "online  # online | batch | hybrid",
    "deployment": "cloud  # cloud | on_device | hybrid",
    "serving": "  stages: []         # - {id: ..., name: ..., kind: ..., latency: ...}\n",
}

_RANKING = {
    "label_source": "natural   # clicks, watches, bookings... are labels for free",
    "data_extra": """\
  sampling:
    strategy:
    negative_sampling:
      method:        # random, in-batch, hard negatives...
      ratio:         # negatives per positive
""",
    "evaluation": """\
  offline:
    - metric: nDCG
      k: 10
      primary: true
      why: Rewards relevant items near the top.
    - {metric: mAP, k: 10}
    - metric: recall
      k: 100
      why: Whether candidate generation keeps the good items.
  online:
    - {metric: click-through rate, role: primary, business: true}
    - {metric: hide rate, role: guardrail}
""",
    "serving": """\
  stages:            # the request path, from the whole catalogue to the few shown
    - {id: candidates, name: Candidate generation, kind: candidate_generation,
       items_in:, items_out:, latency:}
    - {id: ranking, name: Ranking, kind: ranking, items_in:, items_out:, latency:}
    - {id: rerank, name: Re-ranking, kind: re_ranking, items_in:, items_out:, latency:}
""",
}

_CLASSIFIER = {
    "label_source": "human     # or natural (reports, chargebacks...) when users supply them",
    "data_extra": """\
  class_balance:
    positive_rate:   # share of positives, e.g. 0.5% or 0.005
    handling:        # resampling, class weights or focal loss
""",
    "evaluation": """\
  offline:
    - metric: PR-AUC
      primary: true
      why: Honest about the rare positive class.
    - {metric: ROC-AUC}
    - metric: recall at a fixed precision
      target:
      why: The operating threshold's trade-off.
  online: []         # - {metric: ..., role: primary, business: true}
""",
    "serving": """\
  stages:            # score, then act on the score by thresholds
    - {id: score, name: Scoring, kind: scoring, latency:}
    - id: act
      name: Decision thresholds
      kind: action
      description:   # above a high threshold act automatically; between two, send to review
""",
}

_DETECTION = {
    "label_source": "human     # boxes drawn by annotators",
    "evaluation": """\
  offline:
    - metric: mAP at IoU 0.5
      primary: true
      why: Counts a box as found when it overlaps enough.
    - {metric: precision at IoU 0.5}
  online: []         # - {metric: user reports, role: primary}
""",
    "prediction": "batch   # online | batch | hybrid",
    "serving": """\
  stages:
    - {id: detect, name: Detection, kind: detection, mode: batch}
    - {id: nms, name: Non-maximum suppression, kind: postprocessing, mode: batch}
""",
}

_GRAPH = {
    "label_source": "natural   # edges that appear in a later snapshot of the graph",
    "evaluation": """\
  offline:
    - {metric: ROC-AUC, primary: true}
    - {metric: mAP, k: 10}
  online: []         # - {metric: requests accepted, role: primary, business: true}
""",
    "prediction": "batch   # precompute for active users",
    "serving": """\
  stages:
    - {id: candidates, name: Candidate generation, kind: candidate_generation, mode: batch}
    - {id: scoring, name: Scoring, kind: scoring, mode: batch}
    - {id: rerank, name: Re-ranking, kind: re_ranking, mode: batch}
  precompute:
    entities:        # e.g. daily active users
    candidates_per_entity:
    cadence: daily
""",
}


_BY_FAMILY: dict[str | None, dict[str, str]] = {
    "ranking": _RANKING,
    "classifier": _CLASSIFIER,
    "detection": _DETECTION,
    "graph": _GRAPH,
    **FIELDS,
    "text_generation": TEXT_GENERATION,
    "media_generation": MEDIA_GENERATION,
}


def _family(category: Category | None) -> dict[str, str]:
    return _BY_FAMILY.get(family(category), {})


def _category_list() -> str:
    names = ", ".join(c.value for c in Category)
    lines = textwrap.wrap(names, width=88, initial_indent="  # ", subsequent_indent="  #   ")
    return "\n".join(lines) + "\n"


def fields_for(category: Category | None) -> dict[str, str]:
    """The values that fill the skeleton's per-step fragments for `category`."""
    values = {**_GENERIC, **_family(category)}
    if category is None:
        values["category"] = "         # one of the categories listed below"
        values["framing_extra"] = _category_list()
    else:
        values["category"] = category.value
    if category is Category.other:
        values["framing_extra"] = (
            "  category_name:     # what the category is, e.g. survival analysis\n"
        )
    if category in (Category.regression, Category.forecasting):
        values["label_fields"] = "    target:          # what is predicted, with its unit\n"
    if category is Category.learning_to_rank:
        values["framing_extra"] = (
            "  ranking_approach: pointwise   # pointwise | pairwise | listwise\n"
        )
    return values
