"""Where a rule may find its answer in the spec's free text, and which sentences count.

A rule passes on text only when an affirmative clause of a field in the right section says
it: a mention in `requirements.out_of_scope`, in a risk, or in a negated or deferred clause
("no", "not", "don't", "yet", "later", "TODO") never counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from designdoc.spec.positions import Loc

# Fields whose text never satisfies a rule: what the design leaves out, what may go wrong,
# and the arguments weighed for and against alternatives (naming a problem is not handling it).
NEVER_EVIDENCE = (
    "requirements.out_of_scope",
    "risks",
    "review",
    "document",
    "framing.objective_alternatives",
)
# Arguments for and against an option, and a talking point's topic (a talking point counts
# through its notes, see Context.topic).
ARGUMENTS = re.compile(r"\.(cons|pros)\[\d+\]$|^talking_points\[\d+\]\.topic$")

_NEGATION = re.compile(
    r"(?<![a-z])(no|not|none|nor|never|without|cannot|can't|won't|don't|doesn't|isn't|aren't"
    r"|do not|does not|is not|are not|yet|later|todo|tbd|eventually|someday|future work"
    r"|next version|not yet)(?![a-z])"
)
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]+|,\s+|\s+but\s+|\s+while\s+|\s+whereas\s+")


def words(text: str | None) -> str:
    """Lower-case text with dashes and underscores read as spaces, for keyword search."""
    return re.sub(r"[-_/]+", " ", (text or "").lower())


def clauses(text: str) -> list[str]:
    """The clauses of a text: sentences, split again at commas and at "but"."""
    return [c.strip() for c in _CLAUSE_BREAK.split(text.lower()) if c.strip()]


def negated(clause: str) -> bool:
    """Whether a clause denies or defers what it says."""
    return bool(_NEGATION.search(clause.replace("’", "'")))


@lru_cache(maxsize=4096)
def affirmative_clauses(text: str) -> tuple[str, ...]:
    """The clauses of a text that are neither negated nor deferred, as keyword-search words."""
    return tuple(words(c) for c in clauses(text) if not negated(c))


def affirms(text: str | None, pattern: re.Pattern[str]) -> bool:
    """Whether some clause of `text` matches `pattern` without being negated or deferred."""
    return any(pattern.search(c) for c in affirmative_clauses(text or ""))


def says_something(text: str | None) -> bool:
    """Whether a text has at least one affirmative clause (a talking point's notes)."""
    return text is None or not text.strip() or any(not negated(c) for c in clauses(text))


def _walk(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")


def text_fields(dumped: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (dotted path, text) of a dumped spec that may serve as evidence."""
    return [
        (path, text)
        for path, text in _walk(dumped, "")
        if not within(path, NEVER_EVIDENCE) and not ARGUMENTS.search(path)
    ]


def within(path: str, sections: Iterable[str]) -> bool:
    """Whether a dotted path lies in one of `sections` (a section is itself or a prefix)."""
    return any(path == s or path.startswith(s + ".") or path.startswith(s + "[") for s in sections)


def parse_path(path: str) -> Loc:
    """A dotted spec path back into its parts: `talking_points[2].notes` -> (talking_points, 2,
    notes)."""
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        parts.append(int(index) if index else name)
    return tuple(parts)


def value_at(dumped: Any, loc: Loc) -> Any:
    node = dumped
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node
