"""One locale's language data, ready for reading: every phrase already tokenized into stems by
`make model` (language/build.py), so loading it at run time is one JSON read and a few dicts.

Phrases come in three flavours:
  terms     contiguous phrases naming an id of the cause table ("pins and needles": numbness),
            compared on the content words of a sentence (light words dropped);
  combos    groups of words that must all appear in one clause, in any order ("my smile looks
            crooked": a face part and a droop word), for signs people describe rather than name;
  words     the small lists (replies, negators, hedges, corrections, people, cues, topics, time
            words), compared on every word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, NamedTuple

from muscle_twitch import data

Stems = tuple[str, ...]


class Entry(NamedTuple):
    kind: str  # a term kind of the cause table, or "neutral" for phrases that mean nothing medical
    id: str


class Combo(NamedTuple):
    kind: str
    id: str
    groups: tuple[tuple[Stems, ...], ...]  # one phrase of every group must be in the clause
    refines: frozenset[str] = frozenset()  # plainer signs whose words it may take over ("numbness")


class Cue(NamedTuple):
    """Words that answer a yes/no question without being asked it ("suddenly": it came on
    suddenly), heard when that question is asked or beside one of `with_ids` in a clause."""

    question: str
    reply: str
    phrases: tuple[Stems, ...]
    with_ids: frozenset[str]
    weak: bool  # describes the event rather than answering: it never outweighs a "not sure"


class Topic(NamedTuple):
    id: str
    groups: tuple[tuple[Stems, ...], ...]  # one phrase of every group must be heard
    needs_question: bool  # only when the sentence is put as a question (or a worry)
    whole: bool  # the phrase must be all that was said (fillers aside): "why?"
    key_kind: str  # "", "disease" (the words said) or "trigger" (which trigger was asked about)


class PhraseIndex:
    """Phrases by their first stem, longest first: finds every phrase starting at a position."""

    __slots__ = ("_by_first", "longest")

    def __init__(self, phrases: Iterable[tuple[Stems, Any]]) -> None:
        by_first: dict[str, list[tuple[Stems, list[Any]]]] = {}
        seen: dict[Stems, list[Any]] = {}
        for stems, value in phrases:
            if not stems:
                continue
            if stems in seen:
                if value not in seen[stems]:
                    seen[stems].append(value)
                continue
            values = [value]
            seen[stems] = values
            by_first.setdefault(stems[0], []).append((stems, values))
        for candidates in by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self._by_first = by_first
        self.longest = max((len(s) for s in seen), default=0)

    def at(self, stems: Sequence[str], start: int) -> list[tuple[int, list[Any]]]:
        """(length, values) of every phrase that starts at `start`, longest first (none past the end)."""
        if not 0 <= start < len(stems):
            return []
        found = []
        for phrase, values in self._by_first.get(stems[start], ()):
            end = start + len(phrase)
            if end <= len(stems) and tuple(stems[start:end]) == phrase:
                found.append((len(phrase), values))
        return found

    def longest_at(self, stems: Sequence[str], start: int) -> tuple[int, list[Any]] | None:
        found = self.at(stems, start)
        return found[0] if found else None


def _stems_list(raw: Any) -> tuple[Stems, ...]:
    return tuple(tuple(p) for p in raw or ())


class Lexicon:
    """The compiled language data of one locale (data/lexicon.<locale>.json)."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.locale: str = raw["locale"]
        self.light = frozenset(raw["light"])
        self.fillers = frozenset(raw["fillers"])
        self.names: Mapping[str, Mapping[str, str]] = raw["names"]
        self.terms = PhraseIndex(
            (tuple(stems), Entry(kind, term_id))
            for kind, ids in raw["terms"].items()
            for term_id, phrases in ids.items()
            for stems in phrases
        )
        # Phrases that name an id only as the answer to its own question ("a lot" is how often).
        self.vague = PhraseIndex(
            (tuple(stems), Entry(kind, term_id))
            for kind, ids in raw["vague"].items()
            for term_id, phrases in ids.items()
            for stems in phrases
        )
        self.combos = tuple(
            Combo(c["kind"], c["id"], tuple(_stems_list(g) for g in c["groups"]), frozenset(c.get("refines", ())))
            for c in raw["combos"]
        )
        words = raw["words"]
        self.lists: dict[str, PhraseIndex] = {
            name: PhraseIndex((tuple(p), name) for p in phrases) for name, phrases in words.items()
        }
        self.replies = PhraseIndex((tuple(p), reply) for reply, phrases in raw["replies"].items() for p in phrases)
        self.replies_alone = PhraseIndex(
            (tuple(p), reply) for reply, phrases in raw["replies_alone"].items() for p in phrases
        )
        self.meta = PhraseIndex((tuple(p), name) for name, phrases in raw["meta"].items() for p in phrases)
        self.cues = tuple(
            Cue(c["question"], c["reply"], _stems_list(c["phrases"]), frozenset(c.get("with", ())), c["weak"])
            for c in raw["cues"]
        )
        self.red_flags = PhraseIndex(
            (tuple(p), question) for question, phrases in raw["red_flags"].items() for p in phrases
        )
        self.own_question = PhraseIndex(
            (tuple(p), question) for question, phrases in raw.get("own_question", {}).items() for p in phrases
        )
        self.explainers = PhraseIndex((tuple(p), "explainer") for p in raw["explainers"])
        self.explaining = PhraseIndex((tuple(p), "lead") for p in raw["explaining"])
        self.explanations = PhraseIndex((tuple(p), "cause") for p in raw["explanations"])
        self.topics = tuple(
            Topic(t["id"], tuple(_stems_list(g) for g in t["groups"]), t["needs_question"], t["whole"], t["key_kind"])
            for t in raw["topics"]
        )
        self.topic_keys: Mapping[str, PhraseIndex] = {
            kind: PhraseIndex((tuple(p), key) for key, phrases in keys.items() for p in phrases)
            for kind, keys in raw["topic_keys"].items()
        }
        self.question_openers = PhraseIndex((tuple(p), "opener") for p in raw["question_openers"])
        self.time: Mapping[str, Any] = raw["time"]
        self.age_words: Mapping[str, int] = raw["age_words"]
        self.located_signs = frozenset(raw["located_signs"])
        self.explainable_signs = frozenset(raw.get("explainable_signs", ()))
        self.lookalike_reasons = frozenset(raw.get("lookalike_reasons", ()))
        self.past_endings: tuple[str, ...] = tuple(raw.get("past_endings", ()))
        self.near_red_flags: Mapping[str, str] = raw.get("near_red_flags", {})
        self.shown_by_moving = frozenset(raw.get("shown_by_moving", ()))

    def has(self, list_name: str, stems: Sequence[str], start: int) -> int:
        """The length of the longest phrase of a word list at `start`, 0 if none."""
        found = self.lists[list_name].longest_at(stems, start)
        return found[0] if found else 0

    def name(self, kind: str, term_id: str) -> str:
        return self.names.get(kind, {}).get(term_id, term_id.replace("_", " "))


def lexicon_locale(locale: str | None) -> str:
    """The compiled lexicon a request's locale reads: its own, else the shared English one (an
    unknown locale never creates a cache entry of its own)."""
    return locale if isinstance(locale, str) and data.exists(f"lexicon.{locale}") else "en"


@cache
def _load(name: str) -> Lexicon:
    return Lexicon(load_raw(name))


def load_raw(name: str) -> dict[str, Any]:
    """The compiled lexicon `name` whole: a locale's file is what it changes in the shared one
    (language/build.py, `overlay`): tables it adds to, values it replaces."""
    raw: dict[str, Any] = data.load(f"lexicon.{name}")
    base = raw.get("overlay_of")
    if base is None:
        return raw
    whole = {**_shared_raw(base), **raw["replace"]}
    for key, entries in raw["update"].items():
        whole[key] = {**whole[key], **entries}
    return whole


@cache
def _shared_raw(name: str) -> dict[str, Any]:
    return load_raw(name)


def load_lexicon(locale: str | None) -> Lexicon:
    return _load(lexicon_locale(locale))
