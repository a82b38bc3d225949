"""The `work:` block that `designdoc init --work` adds: the sections of a design doc at work."""

from __future__ import annotations

WORK_BLOCK = """\

# ---- The design doc at work: status, context and plan (all optional) ----
# Each part is printed only when filled; `designdoc check` reviews status and open questions.
work:
  status:
    state: draft          # draft | in_review | approved | rejected | superseded
    reviewers: []         # - {name: ..., role: ..., verdict: pending}  (or just a name)
    decision_date:        # YYYY-MM-DD, once approved or rejected
    decision:             # what was decided, in a sentence or two
  motivation:             # why this work, why now
  goals: []
  non_goals: []
  alternatives: []        # - {name: ..., description: ..., why_not: ...}
  milestones: []          # - {name: ..., date: YYYY-MM-DD, owner: ..., done: false}
  cost:
    infrastructure: []    # - {item: GPU training, amount: $4k/month, notes: ...}
    people: []            # - {item: ML engineer, amount: 2 FTE for a quarter}
  open_questions: []      # - {question: ..., owner: ...}  (or just the question)
  related: []             # - {title: ..., url: ..., relation: depends on}
"""


def with_work(text: str) -> str:
    """A spec's text with the work block after its metadata (before step 1), or at the end."""
    marker = "\n# ---- Step 1:"
    at = text.find(marker)
    if at < 0:
        return text.rstrip("\n") + "\n" + WORK_BLOCK
    return text[:at] + WORK_BLOCK.rstrip("\n") + "\n" + text[at:]
