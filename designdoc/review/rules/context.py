"""What rules read: the spec, its estimates, the thresholds and a few shared questions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from designdoc.review.estimates.base import Estimate
from designdoc.review.rules.evidence import affirms, says_something, text_fields, words
from designdoc.review.rules.evidence import within as in_sections
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


def keywords(text: str) -> tuple[str, ...]:
    """A keyword list written as one string: "cold start | new users | new items"."""
    return tuple(k.strip() for k in text.split("|") if k.strip())


@lru_cache(maxsize=1024)
def _pattern(keyword: str) -> re.Pattern[str]:
    """A keyword matches at the start of a word; a trailing `$` makes it a whole word."""
    whole = keyword.endswith("$")
    body = re.escape(words(keyword.rstrip("$")))
    return re.compile(r"(?<![a-z0-9])" + body + (r"(?![a-z0-9])" if whole else ""))


@lru_cache(maxsize=256)
def _any_of(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that matches any of `keywords`, as `_pattern` reads each."""
    return re.compile("|".join(f"(?:{_pattern(k).pattern})" for k in keywords))


def contains(text: str | None, keywords: Iterable[str]) -> bool:
    """Whether `text` holds any of `keywords` (case, dashes and underscores aside)."""
    haystack = words(text)
    return any(_pattern(k).search(haystack) for k in keywords)


Sections = tuple[str, ...]  # dotted spec paths whose text may answer a rule


@dataclass
class Context:
    spec: Spec
    estimates: dict[str, Estimate] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)  # what satisfied the rule being run

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
    def fields(self) -> list[tuple[str, str]]:
        """Every free-text field that may serve as evidence, as (dotted path, text)."""
        return text_fields(self.spec.model_dump(mode="json", by_alias=True))

    def cite(self, path: str) -> bool:
        """Record what in the spec satisfies the rule being run; always True."""
        if path not in self.evidence:
            self.evidence.append(path)
        return True

    def find(self, keywords: Iterable[str], within: Sections) -> str | None:
        """The first field in `within` that affirms one of `keywords`, recorded as evidence."""
        pattern = _any_of(tuple(keywords))
        for path, text in self.fields:
            if not in_sections(path, within):
                continue
            if affirms(text, pattern):
                self.cite(path)
                return path
        return None

    def mentions(self, keywords: Iterable[str], within: Sections) -> bool:
        """Whether a field in `within` affirms any of `keywords` (never out_of_scope or risks)."""
        return self.find(keywords, within) is not None

    def topic(self, *topics: str) -> bool:
        """Whether a talking point is about one of `topics` and its notes say something."""
        wanted = {words(t) for t in topics}
        for i, tp in enumerate(self.spec.talking_points):
            named = words(tp.topic).strip() in wanted or contains(tp.topic, wanted)
            if named and says_something(tp.notes):
                return self.cite(f"talking_points[{i}]")
        return False

    def addressed(self, topics: Iterable[str], keywords: Iterable[str], within: Sections) -> bool:
        """A talking point on the topic, or an affirmative mention in `within`, addresses it."""
        return self.topic(*topics) or self.mentions(keywords, within)

    def value(self, key: str) -> float | None:
        estimate = self.estimates.get(key)
        return estimate.value if estimate else None

    def threshold(self, name: str) -> float:
        return self.thresholds[name]
