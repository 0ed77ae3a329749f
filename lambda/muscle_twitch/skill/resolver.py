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

from muscle_twitch.core.knowledge import DETERMINERS, Knowledge, normalise

# Words that hedge or pad an answer without changing it.
FILLERS = frozenset(
    [
        "um",
        "umm",
        "uh",
        "uhh",
        "er",
        "erm",
        "hmm",
        "hm",
        "ah",
        "oh",
        "well",
        "like",
        "so",
        "just",
        "really",
        "quite",
        "pretty",
        "kind",
        "sort",
        "of",
        "i",
        "think",
        "guess",
        "maybe",
        "probably",
        "mostly",
        "mainly",
        "usually",
        "mine",
        "its",
        "is",
        "it",
        "a",
        "bit",
        "little",
        "lot",
    ]
)
# Sides and counts, which the table's names leave out ("left eyelid" is the eyelid).
SIDES = frozenset({"left", "right", "both", "either", "one", "two", "each", "side", "sides", "of"})
NEGATIONS = frozenset(
    {"no", "not", "never", "without", "dont", "didnt", "isnt", "arent", "wasnt", "havent", "hasnt", "cant", "nothing",
     "none", "hardly", "nope", "nah"}
)  # fmt: skip
_MAX_WORDS = 16


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


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """The words as the table's phrases are indexed (no apostrophes, no my/the/a/an), and the
    words as said, one for one."""
    said = re.findall(r"[a-z0-9']+", text.lower())[:_MAX_WORDS]
    kept = [(w.replace("'", ""), w) for w in said if w.replace("'", "") not in DETERMINERS]
    return [k for k, _ in kept], [w for _, w in kept]


def resolve_words(text: str, kind: str, knowledge: Knowledge) -> str | None:
    """The id of `kind` that the words `text` name, or None."""
    if not isinstance(text, str) or kind not in knowledge.terms:
        return None
    words, _ = _tokens(text)
    if not words:
        return None
    phrases, _ = _index(knowledge, kind)
    exact = phrases.get(tuple(words))
    if exact:
        return exact
    kept = [w for w in words if w not in FILLERS and w not in SIDES]
    for candidate in (kept, [_singular(w) for w in kept]):
        if candidate and not NEGATIONS.intersection(candidate) and (found := phrases.get(tuple(candidate))):
            return found
    found_all = find_all(text, kind, knowledge)
    return found_all[0][0] if found_all else None


def find_all(text: str, kind: str, knowledge: Knowledge) -> list[tuple[str, str]]:
    """Every known phrase of `kind` inside `text`, longest first and not overlapping, each with
    the words it was said as; a phrase a negation governs never counts."""
    if not isinstance(text, str) or kind not in knowledge.terms:
        return []
    words, said = _tokens(text)
    singular = [_singular(w) for w in words]
    phrases, longest = _index(knowledge, kind)
    taken: set[int] = set()
    found: dict[str, str] = {}
    for size in range(min(longest, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if taken.intersection(span):
                continue
            for sequence in (words, singular):
                term_id = phrases.get(tuple(sequence[start : start + size]))
                if term_id and not _negated(words, start):
                    taken.update(span)
                    found.setdefault(term_id, " ".join(said[start : start + size]))
                    break
    return list(found.items())
