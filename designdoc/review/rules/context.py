"""What rules read: the spec, its estimates, the thresholds and a few shared questions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from designdoc.review.estimates.base import Estimate
from designdoc.spec.models.root import Spec
from designdoc.spec.vocab import (
    CLASSIFICATION,
    RANKING,
    RECOMMENDATION,
    Category,
    Deployment,
    LabelSource,
    Prediction,
)


def words(text: str | None) -> str:
    """Lower-case text with dashes and underscores read as spaces, for keyword search."""
    return re.sub(r"[-_/]+", " ", (text or "").lower())


def keywords(text: str) -> tuple[str, ...]:
    """A keyword list written as one string: "cold start | new users | new items"."""
    return tuple(k.strip() for k in text.split("|") if k.strip())


@lru_cache(maxsize=1024)
def _pattern(keyword: str) -> re.Pattern[str]:
    """A keyword matches at the start of a word; a trailing `$` makes it a whole word."""
    whole = keyword.endswith("$")
    body = re.escape(words(keyword.rstrip("$")))
    return re.compile(r"(?<![a-z0-9])" + body + (r"(?![a-z0-9])" if whole else ""))


def contains(text: str | None, keywords: Iterable[str]) -> bool:
    """Whether `text` holds any of `keywords` (case, dashes and underscores aside)."""
    haystack = words(text)
    return any(_pattern(k).search(haystack) for k in keywords)


def _strings(node: Any) -> Iterable[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@dataclass
class Context:
    spec: Spec
    estimates: dict[str, Estimate] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)

    @cached_property
    def categories(self) -> frozenset[Category]:
        """The system's category and each model's."""
        found = {m.category for m in self.spec.framing.models if m.category is not None}
        if self.spec.framing.category is not None:
            found.add(self.spec.framing.category)
        return frozenset(found)

    def is_in(self, group: frozenset[Category]) -> bool:
        return bool(self.categories & group)

    @property
    def rank(self) -> bool:
        return self.is_in(RANKING)

    @property
    def classification(self) -> bool:
        return self.is_in(CLASSIFICATION)

    @property
    def recommendation(self) -> bool:
        return self.is_in(RECOMMENDATION)

    @property
    def online(self) -> bool:
        return self.spec.serving.prediction in (Prediction.online, Prediction.hybrid)

    @property
    def on_device(self) -> bool:
        return self.spec.serving.deployment in (Deployment.on_device, Deployment.hybrid)

    @property
    def natural_labels(self) -> bool:
        return self.spec.framing.labels.source in (LabelSource.natural, LabelSource.mixed)

    @cached_property
    def corpus(self) -> str:
        """Every free-text value of the spec (review settings aside), for keyword search."""
        data = self.spec.model_dump(mode="json", by_alias=True, exclude={"review", "document"})
        return words("\n".join(_strings(data)))

    def mentions(self, keywords: Iterable[str]) -> bool:
        """Whether the spec says any of `keywords` anywhere."""
        return any(_pattern(k).search(self.corpus) for k in keywords)

    def topic(self, *topics: str) -> bool:
        """Whether a talking point is about one of `topics` (by name or in its words)."""
        wanted = {words(t) for t in topics}
        return any(
            words(tp.topic).strip() in wanted or contains(tp.topic, wanted)
            for tp in self.spec.talking_points
        )

    def addressed(self, topics: Iterable[str], keywords: Iterable[str]) -> bool:
        """A talking point on the topic, or a mention of its keywords, addresses it."""
        return self.topic(*topics) or self.mentions(keywords)

    def value(self, key: str) -> float | None:
        estimate = self.estimates.get(key)
        return estimate.value if estimate else None

    def threshold(self, name: str) -> float:
        return self.thresholds[name]
