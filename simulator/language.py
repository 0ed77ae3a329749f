"""What the simulator forgives in a typed line, read from the locale's language data (the compiled
lexicon, lambda/muscle_twitch/data/lexicon.<locale>.json, built by `make model` from
data/language/<locale>/words.toml), never from lists of its own.

- `apostrophe_s`: "it is" compares as "it's" does (the tokenizer keeps only "it" of "it's");
- padding: `fillers`, `hedges` and `asides` ("um", "I think", "a bit") anywhere, and
  `acknowledgements` ("yeah") anywhere but at the start;
- `tails`: trailing words that say when or how much ("at night", "lately");
- `joiners`: what joins two values of a list ("and", "and I'm");
- `value_modifiers` and `determiners`: words before a value that are not part of it ("sometimes",
  "my");
- `negators`, `clause_breakers` and `scope_breakers`: words that make a span a clause rather than
  a thing, so it is never guessed as one unknown value.

Every list is compared on the tokenizer's stems, as the skill's reader compares them.
"""

from collections.abc import Sequence
from functools import cache

from muscle_twitch.language.lexicon import Lexicon, PhraseIndex, lexicon_locale, load_lexicon
from simulator.text import Words


def _lengths(index: PhraseIndex, stems: Sequence[str], start: int) -> list[int]:
    """The lengths of the list's phrases that start at `start`, longest first."""
    return [length for length, _ in index.at(stems, start)] if start < len(stems) else []


class Language:
    def __init__(self, lexicon: Lexicon) -> None:
        lists = lexicon.lists
        self.locale = lexicon.locale
        self._fillers = lexicon.fillers
        self._padding = (lists["hedges"], lists["asides"])
        self._acknowledgements = lists["acknowledgements"]
        self._tails = lists["tails"]
        self._joiners = lists["joiners"]
        self._modifiers = lists["value_modifiers"]
        self._determiners = lists["determiners"]
        self._clause_words = (lists["negators"], lists["clause_breakers"], lists["scope_breakers"])
        self._apostrophe_s = lists["apostrophe_s"]

    def folded(self, said: Words) -> Words:
        """Words as the matcher compares them: a phrase of `apostrophe_s` ("it is") keeps only its
        first word's key, as the tokenizer keeps only "it" of "it's"; the words as said stay."""
        positions: list[int] = []
        shown = list(said.said)
        index = 0
        while index < len(said):
            positions.append(index)
            after = index + 1
            joins = after < len(said) and said.word[after] != said.word[index]
            if joins and 2 in _lengths(self._apostrophe_s, said.stems, index):
                # "it isn't": the "not" token still says "isn't"; a whole "is" joins "it".
                if after + 1 == len(said) or said.word[after + 1] != said.word[after]:
                    shown[index] = f"{said.said[index]} {said.said[after]}"
                index += 1
            index += 1
        if len(positions) == len(said):
            return said
        return Words(
            tuple(said.keys[i] for i in positions),
            tuple(said.stems[i] for i in positions),
            tuple(shown[i] for i in positions),
            tuple(said.word[i] for i in positions),
        )

    def without_padding(self, said: Words, protected: frozenset[tuple[str, ...]], longest: int) -> Words:
        """The line without fillers, hedges and asides ("um I think it's my left eyelid" -> "it's my
        left eyelid"), except inside a phrase of `protected` (word keys)."""
        keep: set[int] = set()
        for start in range(len(said)):
            for end in range(start + 2, min(len(said), start + longest) + 1):
                if said.keys[start:end] in protected:
                    keep.update(range(start, end))
        stems = said.stems
        drop: set[int] = set()
        for start, stem in enumerate(stems):
            if stem in self._fillers or (start and 1 in _lengths(self._acknowledgements, stems, start)):
                drop.add(start)
            for index in self._padding:
                for length in _lengths(index, stems, start):
                    drop.update(range(start, start + length))
        return said.pick([i for i in range(len(said)) if i not in drop or i in keep])

    def without_tails(self, said: Words) -> Words:
        """The line without trailing tails, the longest first, never all of it."""
        end = len(said)
        while True:
            start = next((s for s in range(1, end) if end - s in _lengths(self._tails, said.stems[:end], s)), None)
            if start is None:
                return said.slice(0, end)
            end = start

    def joiners_at(self, stems: Sequence[str], position: int) -> list[int]:
        """How many words may join two values of a list at `position` ("and", "and I've been")."""
        return _lengths(self._joiners, stems, position)

    def modifier_at(self, stems: Sequence[str], position: int) -> int:
        return max(_lengths(self._modifiers, stems, position), default=0)

    def determiner_at(self, stems: Sequence[str], position: int) -> int:
        return max(_lengths(self._determiners, stems, position), default=0)

    def has_clause_word(self, stems: Sequence[str]) -> bool:
        return any(_lengths(index, stems, start) for start in range(len(stems)) for index in self._clause_words)


@cache
def _language(lexicon_name: str) -> Language:
    return Language(load_lexicon(lexicon_name))


def language_for(locale: str | None) -> Language:
    """The locale's language data, or the shared English data for a model of no known locale."""
    return _language(lexicon_locale(locale))
