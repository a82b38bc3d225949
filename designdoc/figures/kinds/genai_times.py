"""A generation stage's times as the review estimates them: to the first token and to the
whole answer (TTFT + TPOT × output tokens), and the whole answer against what bounds it.

The figures read the very estimates `designdoc check` prints, never a formula of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from designdoc.review.estimates.compute import compute_estimates
from designdoc.review.estimates.llm import whole_answer_bound
from designdoc.spec import numbers as fmt
from designdoc.spec.models.root import Spec


@dataclass(frozen=True)
class GenerationTimes:
    ttft: str
    whole: str
    whole_verdict: str = ""  # "whole answer 10 s of 6s budget", when something bounds it
    over: bool = False

    def lines(self) -> list[str]:
        return [f"estimated TTFT {self.ttft}", f"whole answer {self.whole}"]


def generation_times(spec: Spec) -> GenerationTimes | None:
    """The estimated times, or None without a `genai:` section or the numbers for them."""
    if spec.genai is None:
        return None
    latency = next((e for e in compute_estimates(spec) if e.key == "llm_generation_latency"), None)
    if latency is None or latency.value is None:
        return None
    first = next((i for i in latency.inputs if i.name == "TTFT"), None)
    if first is None:
        return None
    bound = whole_answer_bound(spec)
    if bound is None:
        return GenerationTimes(fmt.duration(first.value), latency.display)
    return GenerationTimes(
        fmt.duration(first.value),
        latency.display,
        f"whole answer {latency.display} of {fmt.duration(bound.value)} budget",
        latency.value > bound.value,
    )
