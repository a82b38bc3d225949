"""The retraining sentence of step 7, for every way a cadence and a trigger are written.

A cadence may be an adverb ("weekly", "Daily, then a full rebuild"), a duration ("6h"), a
phrase that follows "retrained" ("every 2h", "when the provider ships a model") or a
sentence of its own ("Fine-tuned continuously on streamed impressions; full retrain
weekly"). Only the first three can follow "The model is retrained"; a sentence is shown
after a label instead.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from designdoc.render.markup import render_inline


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


ADVERBS = _names(
    "hourly daily nightly weekly biweekly fortnightly monthly quarterly yearly annually "
    "continuously continually incrementally periodically regularly online offline"
)
# Adjectives people write for an adverb: "continuous" reads as "continuously".
AS_ADVERB = {"continuous": "continuously", "continual": "continually"}
# Words after which an adverb still ends the cadence: "weekly, adding...", "daily with...".
LINKS = _names("with on at from for and or then using by in after plus via over adding until")
# Words that start a phrase "retrained" can take: "every 2h", "when drift...", "per release".
LEADS = _names("every each once twice when whenever if after on per at as upon")
DURATION = re.compile(r"^\d+(\.\d+)?\s*(min|mins|minutes?|h|hrs?|hours?|d|days?|w|wk|weeks?)$")
WHEN = _names("when whenever if after once as upon")


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]", text)


def cadence_phrase(cadence: str) -> str | None:
    """The cadence as it reads after "The model is retrained", or None for a sentence."""
    text = cadence.strip().rstrip(".")
    if DURATION.match(text.lower()):
        return f"every {text}"
    words = _words(text)
    if not words:
        return None
    first = words[0].lower()
    rest = text[len(words[0]) :]
    if first in AS_ADVERB and not rest.strip():
        return AS_ADVERB[first]
    if first in LEADS:
        return first + rest
    if first in ADVERBS:
        after = words[1].lower() if len(words) > 1 else ""
        if not after or not after[0].isalnum() or after in LINKS:
            return first + rest
    return None


def _trigger(trigger: str, cadence: str | None) -> Markup:
    text = trigger.strip().rstrip(".")
    first = text.split(" ", 1)[0].lower()
    if first in WHEN:
        phrase = first + text[len(first) :]
        if cadence is None:
            return Markup("The model is retrained ") + render_inline(phrase) + "."
        return Markup(", and also ") + render_inline(phrase) + "."
    lead = ". Also retrained on this trigger: " if cadence is not None else "Retraining trigger: "
    return Markup(lead) + render_inline(text) + "."


def retraining_sentence(cadence: str | None, trigger: str | None) -> Markup:
    """What the retraining section says, user text escaped, the cadence in bold."""
    out = Markup("")
    phrase = cadence_phrase(cadence) if cadence else None
    if cadence and phrase is not None:
        out += Markup("The model is retrained <strong>") + render_inline(phrase)
        out += Markup("</strong>")
    elif cadence:
        out += Markup("Retraining: <strong>") + render_inline(cadence.strip().rstrip("."))
        out += Markup("</strong>")
    if trigger:
        after = _trigger(trigger, cadence)
        # After a cadence given as a sentence, the trigger starts a sentence of its own.
        if cadence and phrase is None and after.startswith(", and also "):
            after = Markup(". It is also retrained ") + after[len(", and also ") :]
        out += after
    elif cadence:
        out += "."
    return out
