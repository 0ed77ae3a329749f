"""Resolves words Alexa heard but could not resolve (ER_SUCCESS_NO_MATCH) against the cause table.

Alexa fills a custom slot with whatever the person said around a sample ("um kind of my left
eyelid I think"); entity resolution then fails although the table knows the thing. Before a
turn counts as not understood, the raw words are tried here: as they are, without fillers and
sides, singularised, and finally as the longest known phrase inside them. A phrase preceded by a
negation ("not really weak", "no coffee") never counts: a negated word is not evidence.
"""

from __future__ import annotations

import re
from functools import cache

from muscle_twitch.core.knowledge import Knowledge, normalise

# Words that hedge or pad an answer without changing it.
FILLERS = frozenset(
    (
        "um umm uh uhh er erm hmm hm ah oh well like so just really quite pretty kind sort of i think guess "
        "maybe probably mostly mainly usually mine its it's is it a bit little lot"
    ).split()
)
# Sides and counts, which the table's names leave out ("left eyelid" is the eyelid).
SIDES = frozenset({"left", "right", "both", "either", "one", "two", "each", "side", "sides", "of"})
NEGATIONS = frozenset({"no", "not", "never", "without", "dont", "don't", "didnt", "isnt", "nothing", "none", "hardly"})
_MAX_WORDS = 12


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ves"):
        return word[:-3] + "f"  # calves, halves
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@cache
def _index(knowledge: Knowledge, kind: str) -> tuple[dict[tuple[str, ...], str], int]:
    """Every phrase of `kind`, as word tuples in plain and singular form, and the longest length."""
    phrases: dict[tuple[str, ...], str] = {}
    for term in knowledge.terms[kind].values():
        for phrase in (term.id.replace("_", " "), *term.phrases()):
            words = tuple(normalise(phrase).split())
            if words:
                phrases.setdefault(words, term.id)
                phrases.setdefault(tuple(_singular(w) for w in words), term.id)
    return phrases, max((len(p) for p in phrases), default=1)


def _negated(words: list[str], start: int) -> bool:
    """Whether a negation governs the phrase at `start` ("but" ends a negation's reach)."""
    before = words[:start]
    if "but" in before:
        before = before[len(before) - before[::-1].index("but") :]
    return bool(NEGATIONS.intersection(before))


def resolve_words(text: str, kind: str, knowledge: Knowledge) -> str | None:
    """The id of `kind` that the words `text` name, or None."""
    if not isinstance(text, str) or kind not in knowledge.terms:
        return None
    words = re.findall(r"[a-z0-9']+", text.lower())[:_MAX_WORDS]
    if not words:
        return None
    phrases, longest = _index(knowledge, kind)
    exact = phrases.get(tuple(normalise(text).split()))
    if exact:
        return exact
    kept = [w for w in words if w not in FILLERS and w not in SIDES and w not in ("my", "the", "a", "an")]
    for candidate in (kept, [_singular(w) for w in kept]):
        if candidate and not NEGATIONS.intersection(candidate) and (found := phrases.get(tuple(candidate))):
            return found
    # The longest known phrase inside the words, unless a negation comes before it.
    singular = [_singular(w) for w in words]
    for size in range(min(longest, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            for sequence in (words, singular):
                found = phrases.get(tuple(sequence[start : start + size]))
                if found and not _negated(words, start):
                    return found
    return None
