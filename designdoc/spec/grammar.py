"""Plurals and articles for the words designdoc puts around numbers and user text.

English, not exhaustively: the regular rules (city -> cities, box -> boxes, GPU -> GPUs),
"a" or "an" by how the first word sounds (an hour, a user, an LLM, an 800 ms budget), and
numbers that read as one ("1 shard", never "1 shards").
"""

from __future__ import annotations

import re

_VOWEL_Y = re.compile(r"[aeiou]y$")
_SIBILANT = re.compile(r"(s|x|z|ch|sh)$")
_SIBILANT_ES = re.compile(r"(ss|x|zz|ch|sh)es$")
_E_ENDINGS = ("caches", "niches", "aches")  # cache + s, not cach + es
# Words whose first letter misleads: a silent h, a vowel that sounds like "you" or "w".
_AN_SOUNDS = ("hour", "honest", "honour", "honor", "heir")
_A_SOUNDS = ("uni", "use", "usa", "user", "usu", "uti", "ura", "eu", "one", "once", "ubiq")
# Letters whose names start with a vowel sound, for abbreviations read letter by letter.
_AN_LETTERS = frozenset("AEFHILMNORSX")
_FIRST_WORD = re.compile(r"[\w.,-]+")
_HEAD = re.compile(r"([A-Za-z]+)(.*)$", re.DOTALL)


def plural(word: str) -> str:
    """The plural of a singular noun: city -> cities, box -> boxes, user -> users, GPU -> GPUs."""
    if not word:
        return word
    if word.isupper() and len(word) > 1:
        return word + "s"
    if word.endswith("y") and not _VOWEL_Y.search(word.lower()):
        return word[:-1] + "ies"
    if _SIBILANT.search(word.lower()):
        return word + "es"
    return word + "s"


def singular(word: str) -> str:
    """The singular of a regular plural noun (cities -> city, GPUs -> GPU); other words,
    and abbreviations such as QPS, as given."""
    lower = word.lower()
    if len(word) < 3 or not word.endswith("s"):
        return word
    if word[-2].isupper():  # GPUs, LLMs
        return word[:-1]
    if lower.endswith(("ss", "us", "is")):
        return word
    if lower.endswith("ies"):
        return word[:-3] + "y"
    if _SIBILANT_ES.search(lower) and not lower.endswith(_E_ENDINGS):
        return word[:-2]
    return word[:-1]


def counted(number: float | str, noun: str) -> str:
    """A number and a singular noun in the number it needs: "1 shard", "3 shards".
    `number` may already be formatted ("1", "1,200", "2B")."""
    text = number if isinstance(number, str) else f"{number:g}"
    return f"{text} {noun if _is_one(text) else plural(noun)}"


def for_count(number: str, unit: str) -> str:
    """A plural unit made singular when the number reads one: ("1", "shards per host")
    -> "shard per host", ("1", "items/s") -> "item/s"; anything else as given."""
    if not _is_one(number):
        return unit
    match = _HEAD.match(unit)
    if match is None:
        return unit
    return singular(match.group(1)) + match.group(2)


def _is_one(number: str) -> bool:
    return number.strip() in ("1", "1.0", "-1")


def article(phrase: str) -> str:
    """ "a" or "an" for the phrase that follows, by how its first word sounds."""
    match = _FIRST_WORD.search(phrase.strip().lstrip("\"'(`*"))
    if match is None:
        return "a"
    word = match.group(0)
    if word[:1].isdigit():
        return _number_article(word)
    lower = word.lower()
    letters = word.rstrip("s")
    if len(letters) > 1 and letters.isupper() and letters.isalpha():
        return "an" if word[0] in _AN_LETTERS else "a"
    if lower.startswith(_AN_SOUNDS):
        return "an"
    if lower.startswith(_A_SOUNDS):
        return "a"
    return "an" if lower[:1] in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """The phrase after its article: "an ANN index", "a user", "an 8 s budget"."""
    return f"{article(phrase)} {phrase}"


def _number_article(word: str) -> str:
    """An 8, an 11, an 18, an 80, an 800, an 11,000; a 1, a 100, a 7."""
    digits = re.match(r"[\d,]*", word)
    whole = (digits.group(0) if digits else "").replace(",", "")
    if whole.startswith("8"):
        return "an"
    if whole[:2] in ("11", "18") and len(whole) % 3 == 2:
        return "an"
    return "a"
