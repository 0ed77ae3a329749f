"""Match a typed line to an intent and slots, driven only by the interaction model and the
locale's language data.

Each sample is compiled into literal words and `{slot}` references. A line matches a sample
when the literal words match exactly (case, punctuation and the spelling of contractions aside:
words are the skill's own tokenizer's) and each slot reference captures words that its type
accepts:

- custom types: a value name or synonym, optionally after a determiner ("my", "the", ...) or a
  modifier ("sometimes", ...); multi-value slots take several values separated by joiners ("and",
  "or", "and I'm", ...) or commas;
- built-in types: words their converter can read (numbers, durations, dates), any words for
  the other AMAZON.* types.

Alexa fills a custom slot with words that are not in the type too (entity resolution then says
ER_SUCCESS_NO_MATCH). The simulator does the same, but only when no sample matches with every
value resolved, and only for a few words anchored by at least as many literal words or
resolved values ("my spleen" fills the slot; a sentence of unknown words is a fallback).

Among matching samples the most specific wins: the most words the model explains (literal
words, and the words of values found verbatim in custom types or read by a built-in type; free
text and unresolved words explain nothing), then the fewest values, then the most words inside
values found verbatim, then the most literal words, then the fewest free-text slots; ties go to
the intent listed first in the model. A line is read as said, then without fillers, hedges and
asides ("um", "i think", "kind of"; "yeah" inside a line), then also without trailing words that
say when or how much ("at night", "lately"); every reading is tried with values the model knows
before any is tried with free text (AMAZON.SearchQuery), and with free text before unresolved
words. A line that matches nothing is searched for the longest run of words that is a sample of a
custom intent with at least two literal words ("should I be worried" inside "should I be worried
about my calf"), as Alexa forgives words around a request; a line that matches nothing even so
becomes AMAZON.FallbackIntent when the model has it. The word
lists are the locale's language data (simulator/language.py).

While the skill elicits a slot (Dialog.ElicitSlot), `match_elicited` hears a line as Alexa does
with a dialog model: a line that is exactly a sample of another intent goes there; any other
line fills the elicited slot whole, less the words around `{slot}` in one of its slot samples.
"""

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass

from simulator.builtin_intents import BUILTIN_PHRASES, FALLBACK_INTENT
from simulator.builtin_types import Converter, convert_free_text, converter_for
from simulator.language import Language, language_for
from simulator.model import IntentDef, InteractionModel, SlotDef, SlotType
from simulator.text import Words, words

_SLOT_REF = re.compile(r"\{([^{}]+)\}")
# How far a line may be read: only values the model lists or converts; also free text; also
# words a custom type does not know (ER_SUCCESS_NO_MATCH).
_EXPLAINED, _FREE_TEXT, _GUESSES = 0, 1, 2
_MAX_GUESSED_WORDS = 4
_MAX_REMEMBERED = 200_000  # spans read once per matcher, then forgotten
_MODELS_REMEMBERED = 8  # compiled models kept per process (five locales, a test fixture or two)
_MAX_BUILTIN_WORDS = 12
# A request found inside a longer line: at least this many words, this many of them the sample's own.
_MIN_CONTAINED_WORDS, _MIN_CONTAINED_LITERALS = 3, 2
_BUILT_IN = "AMAZON."


@dataclass(frozen=True)
class Resolution:
    """One entity-resolution candidate: the canonical value and its id."""

    id: str
    name: str


@dataclass(frozen=True)
class CapturedValue:
    """One value of a slot as Alexa would send it.

    `matches` is None for built-in types (no entity resolution), empty for a custom value
    that resolved to nothing (ER_SUCCESS_NO_MATCH), else the matching values.
    """

    value: str
    matches: tuple[Resolution, ...] | None


@dataclass(frozen=True)
class CapturedSlot:
    name: str
    values: tuple[CapturedValue, ...]
    multiple: bool


@dataclass(frozen=True)
class IntentMatch:
    intent: str
    slots: tuple[CapturedSlot, ...]
    sample: str | None  # the sample that matched; None for AMAZON.FallbackIntent


@dataclass(frozen=True)
class _Literal:
    key: str


@dataclass(frozen=True)
class _SlotRef:
    slot: SlotDef


@dataclass(frozen=True)
class _Sample:
    intent: str
    text: str
    elements: tuple[_Literal | _SlotRef, ...]
    literal_count: int
    literals: frozenset[str]


@dataclass(frozen=True)
class _Quality:
    """How well captured values fit their types; a higher rank is a better fit."""

    resolved: int = 0  # custom values found among the type's names and synonyms
    converted: int = 0  # built-in values their converter could read
    guessed: int = 0  # custom values that resolve to nothing
    free_text: int = 0  # values of types that take any words
    guessed_words: int = 0
    known_words: int = 0  # words inside resolved or converted values: the model knows them
    listed_words: int = 0  # words inside resolved custom values: the model lists them verbatim

    def __add__(self, other: "_Quality") -> "_Quality":
        return _Quality(
            self.resolved + other.resolved,
            self.converted + other.converted,
            self.guessed + other.guessed,
            self.free_text + other.free_text,
            self.guessed_words + other.guessed_words,
            self.known_words + other.known_words,
            self.listed_words + other.listed_words,
        )

    @property
    def values(self) -> int:
        return self.resolved + self.converted + self.guessed + self.free_text

    def rank(self) -> tuple[int, int, int, int, int, int]:
        # Known words first; then the fewest values, so a listed phrase is one value ("butt
        # cheek", not "butt" and "cheek"); words the model lists verbatim are a stronger sign
        # than a built-in type's reading: "a few seconds" is a listed value before a duration.
        return (self.known_words, -self.free_text, -self.guessed, -self.values, self.resolved, self.converted)


def _plausible_guess(quality: _Quality, literal_count: int) -> bool:
    """A guess needs more anchor than guesswork: a line of unknown words is not an answer."""
    if quality.guessed == 0:
        return False  # nothing guessed: the strict pass already considered it
    anchors = literal_count + quality.resolved + quality.converted
    return quality.guessed_words <= min(_MAX_GUESSED_WORDS, anchors)


class _CustomType:
    """Lookup of a custom type's names and synonyms by word keys."""

    def __init__(self, slot_type: SlotType, language: Language) -> None:
        self.phrases: dict[tuple[str, ...], list[Resolution]] = {}
        for value in slot_type.values:
            resolution = Resolution(value.id or _generated_id(value.name), value.name)
            for phrase in (value.name, *value.synonyms):
                key = language.folded(words(phrase)).keys
                if key and resolution not in self.phrases.setdefault(key, []):
                    self.phrases[key].append(resolution)
        self.longest = max((len(key) for key in self.phrases), default=1)
        # Every value ends with one of these words: a span that does not cannot hold values.
        self.last_words = frozenset(key[-1] for key in self.phrases)

    def lookup(self, span: tuple[str, ...]) -> tuple[Resolution, ...] | None:
        found = self.phrases.get(span)
        return tuple(found) if found else None


def _generated_id(name: str) -> str:
    # Alexa gives values without an id a generated one; a stable hash stands in for it.
    return hashlib.md5(name.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Carrier:
    """One slot sample: the words around `{slot}` ("my {areas}", "{onset} ago")."""

    sample: str
    before: tuple[str, ...]
    after: tuple[str, ...]

    def strip(self, said: Words) -> Words | None:
        """The words inside the carrier, or None when the line is not said this way."""
        start, end = len(self.before), len(said) - len(self.after)
        if end <= start or said.keys[:start] != self.before or said.keys[end:] != self.after:
            return None
        return said.slice(start, end) if said.boundary(start) and said.boundary(end) else None


class Matcher:
    def __init__(self, model: InteractionModel, locale: str | None = None) -> None:
        """`locale` picks the language data; by default the one the model file is named for."""
        self.model = model
        self.language: Language = language_for(locale or model.locale)
        self._custom = _custom_types(tuple(model.types.items()), self.language)
        self._samples, self._index = _compiled(model.intents, self.language)
        self._has_fallback = model.intent(FALLBACK_INTENT) is not None
        self._values: dict[tuple[object, ...], tuple[_Quality, CapturedValue] | None] = {}
        self._carriers: dict[tuple[str, str], tuple[_Carrier, ...]] = {}
        # Phrases of several words that custom types list: fillers inside them are kept.
        self._phrases = frozenset(k for t in self._custom.values() for k in t.phrases if len(k) > 1)
        self._longest_phrase = max((len(k) for k in self._phrases), default=1)

    @property
    def has_fallback(self) -> bool:
        return self._has_fallback

    def match(self, text: str, today: dt.date) -> IntentMatch | None:
        """The intent Alexa would send for this line; None only when the model has no fallback."""
        readings = self._readings(self._words(text))
        # Every reading whose words the model explains (values it lists or converts) before any
        # reading with free text, and those before any reading with a guessed value.
        for mode in (_EXPLAINED, _FREE_TEXT, _GUESSES):
            for reading in readings:
                found = self._best(reading, today, mode)
                if found is not None:
                    return found
        inside = self._contained(readings, today)
        if inside is not None:
            return inside
        if self._has_fallback:
            return IntentMatch(FALLBACK_INTENT, (), None)
        return None

    def match_elicited(self, text: str, today: dt.date, *, intent: str, slot: str) -> IntentMatch | None:
        """The intent Alexa would send for this line while the skill elicits `slot` of `intent`
        (Dialog.ElicitSlot). A line that is exactly a sample of another intent, with every word
        explained ("help", "why do you ask", "is it ALS"), goes to that intent, as Alexa routes a
        clear request away from the dialog. Any other line fills the slot whole, less the words
        around `{slot}` in the longest of its slot samples that fits ("my {areas}"): resolved when
        the rest is a value or synonym of the slot's type, else ER_SUCCESS_NO_MATCH with the words
        as said. Without that intent or slot in the model, the line is matched as usual."""
        intent_def = self.model.intent(intent)
        slot_def = intent_def.slot(slot) if intent_def is not None else None
        said = self._words(text)
        if intent_def is None or slot_def is None or not said:
            return self.match(text, today)
        elsewhere = self._best(said, today, _EXPLAINED, skip=intent)
        if elsewhere is not None:
            return elsewhere
        filled = self._fill(intent_def, slot_def, said, today)
        return filled if filled is not None else self.match(text, today)

    def _contained(self, readings: list[Words], today: dt.date) -> IntentMatch | None:
        """A request of the skill's own said inside a longer line ("should I be worried about my
        calf twitching", "tell me honestly, is it ALS, I can't sleep"): the longest run of words
        that is exactly a sample of a custom intent with at least two literal words, every word
        explained. Alexa's recogniser is statistical and forgives words around a request; built-in
        intents ("stop", "no") are never found inside a sentence."""
        for reading in readings:
            for size in range(len(reading) - 1, _MIN_CONTAINED_WORDS - 1, -1):
                for start in range(len(reading) - size + 1):
                    if not (reading.boundary(start) and reading.boundary(start + size)):
                        continue
                    found = self._best(reading.slice(start, start + size), today, _EXPLAINED, contained=True)
                    if found is not None:
                        return found
        return None

    def _words(self, text: str) -> Words:
        return self.language.folded(words(text))

    def _best(
        self, said: Words, today: dt.date, mode: int, skip: str | None = None, *, contained: bool = False
    ) -> IntentMatch | None:
        if not said:
            return None
        allow_guesses = mode == _GUESSES
        best: tuple[tuple[int, ...], int, IntentMatch] | None = None
        spans: dict[tuple[str, bool, int, int], tuple[_Quality, tuple[CapturedValue, ...]] | None] = {}
        for order, sample in self._index.candidates(said):
            if sample.intent == skip or (allow_guesses and sample.literal_count == 0):
                continue
            if contained and (sample.intent.startswith(_BUILT_IN) or sample.literal_count < _MIN_CONTAINED_LITERALS):
                continue
            aligned = _Alignment(self, sample, said, today, allow_guesses, spans).run()
            if aligned is None:
                continue
            quality, slots = aligned
            if mode == _EXPLAINED and quality.free_text:
                continue
            if allow_guesses and not _plausible_guess(quality, sample.literal_count):
                continue
            rank = _sample_rank(sample, quality)
            if best is None or rank > best[0] or (rank == best[0] and order < best[1]):
                best = (rank, order, IntentMatch(sample.intent, slots, sample.text))
        return best[2] if best is not None else None

    # ---- an elicited slot --------------------------------------------------------------------

    def _fill(self, intent: IntentDef, slot: SlotDef, said: Words, today: dt.date) -> IntentMatch | None:
        """The line in the elicited slot: the first carrier whose inside resolves, else the
        longest carrier that fits, its inside unresolved."""
        unresolved: IntentMatch | None = None
        for carrier in self._carriers_of(intent.name, slot):
            inside = carrier.strip(said)
            read = self._elicited_values(slot, inside, today) if inside is not None else None
            if read is None:
                continue
            resolved, values = read
            found = IntentMatch(intent.name, (CapturedSlot(slot.name, values, slot.multiple),), carrier.sample)
            if resolved:
                return found
            unresolved = unresolved or found
        return unresolved

    def _carriers_of(self, intent: str, slot: SlotDef) -> tuple[_Carrier, ...]:
        """The slot's samples that hold only this slot, longest carrier first, and the bare slot."""
        key = (intent, slot.name)
        if key not in self._carriers:
            bare = f"{{{slot.name}}}"
            found = {bare: _Carrier(bare, (), ())}
            for sample in slot.samples:
                parts = _SLOT_REF.split(sample)
                if len(parts) == 3 and parts[1] == slot.name:
                    before, after = self._words(parts[0]).keys, self._words(parts[2]).keys
                    found.setdefault(sample, _Carrier(sample, before, after))
            self._carriers[key] = tuple(sorted(found.values(), key=lambda c: -len(c.before) - len(c.after)))
        return self._carriers[key]

    def _elicited_values(
        self, slot: SlotDef, inside: Words, today: dt.date
    ) -> tuple[bool, tuple[CapturedValue, ...]] | None:
        """(resolved, values) for the words inside a carrier; None when a built-in type cannot
        read them (the carrier does not fit)."""
        custom = self._custom.get(slot.type)
        if custom is not None:
            matches = custom.lookup(inside.keys)
            if matches:
                return True, (CapturedValue(inside.text(), matches),)
            if slot.multiple:  # "my calves and my feet": several values, each one listed
                listed = self._capture_list(slot, inside, today, allow_guesses=False)
                if listed is not None:
                    return True, listed[1]
            return False, (CapturedValue(inside.text(), ()),)
        convert = converter_for(slot.type)
        value = convert(inside.keys, today) if convert is not None else None
        if value is None:
            return None
        return True, (CapturedValue(inside.text() if convert is convert_free_text else value, None),)

    # ---- readings of a line ------------------------------------------------------------------

    def _readings(self, said: Words) -> list[Words]:
        """The line as said; then without fillers, hedges and asides; then also without trailing
        words that say when or how much (taken off before and after the padding). Each reading is
        tried only when the ones before matched nothing. Padding inside a phrase the model lists
        is kept first ("slurring like i'm drunk"), then dropped too."""
        language = self.language
        nothing: frozenset[tuple[str, ...]] = frozenset()
        longest = self._longest_phrase
        readings = [said]
        for reading in (
            language.without_padding(said, self._phrases, longest),
            language.without_padding(said, nothing, longest),
            language.without_tails(language.without_padding(language.without_tails(said), self._phrases, longest)),
            language.without_tails(language.without_padding(language.without_tails(said), nothing, longest)),
        ):
            if 0 < len(reading) < len(said) and reading not in readings:
                readings.append(reading)
        return readings

    # ---- capturing one slot ------------------------------------------------------------------

    def capture(
        self, slot: SlotDef, span: Words, today: dt.date, allow_guesses: bool
    ) -> tuple[_Quality, CapturedSlot] | None:
        found = self.capture_values(slot, span, today, allow_guesses)
        if found is None:
            return None
        quality, values = found
        return quality, CapturedSlot(slot.name, values, slot.multiple)

    def capture_values(
        self, slot: SlotDef, span: Words, today: dt.date, allow_guesses: bool
    ) -> tuple[_Quality, tuple[CapturedValue, ...]] | None:
        custom = self._custom.get(slot.type)
        if custom is not None and not allow_guesses and span.keys[-1] not in custom.last_words:
            return None
        if slot.multiple:
            return self._capture_list(slot, span, today, allow_guesses)
        found = self._capture_one(slot, span, today, allow_guesses)
        return (found[0], (found[1],)) if found else None

    def _capture_one(
        self, slot: SlotDef, span: Words, today: dt.date, allow_guesses: bool
    ) -> tuple[_Quality, CapturedValue] | None:
        # The same words are tried for the same type by many samples: read them once.
        key = (slot.type, span.keys, span.said, span.word, today, allow_guesses)
        if key not in self._values:
            if len(self._values) > _MAX_REMEMBERED:
                self._values.clear()
            self._values[key] = self._read_one(slot, span, today, allow_guesses)
        return self._values[key]

    def _read_one(
        self, slot: SlotDef, span: Words, today: dt.date, allow_guesses: bool
    ) -> tuple[_Quality, CapturedValue] | None:
        custom = self._custom.get(slot.type)
        if custom is None:
            convert: Converter | None = converter_for(slot.type)
            if convert is None or len(span) > _MAX_BUILTIN_WORDS:
                return None
            value = convert(span.keys, today)
            if value is None:
                return None
            if convert is convert_free_text:
                return _Quality(free_text=1), CapturedValue(span.text(), None)
            return _Quality(converted=1, known_words=len(span)), CapturedValue(value, None)
        if len(span) > custom.longest + 1 and not allow_guesses:
            return None
        candidates = [span]
        # "my calves and sometimes my feet": a word that says how often or how much, then a
        # determiner, before a value are not part of it.
        start = self.language.modifier_at(span.stems, 0)
        if start and span.boundary(start):
            candidates.append(span.slice(start, len(span)))
        else:
            start = 0
        determiner = self.language.determiner_at(span.stems, start)
        if determiner and span.boundary(start + determiner):
            candidates.append(span.slice(start + determiner, len(span)))
        candidates = [c for c in candidates if c]
        for candidate in candidates:
            matches = custom.lookup(candidate.keys)
            if matches:
                quality = _Quality(resolved=1, known_words=len(span), listed_words=len(span))
                return quality, CapturedValue(candidate.text(), matches)
        guess = candidates[-1]
        if allow_guesses and len(span) <= _MAX_GUESSED_WORDS and not self.language.has_clause_word(guess.stems):
            return _Quality(guessed=1, guessed_words=len(guess)), CapturedValue(guess.text(), ())
        return None

    def _capture_list(
        self, slot: SlotDef, span: Words, today: dt.date, allow_guesses: bool
    ) -> tuple[_Quality, tuple[CapturedValue, ...]] | None:
        """Split a span into values separated by joiners ("and", "or", ...). Commas are already
        gone, so values may also follow each other directly, but the last two are joined
        ("roses basil and tomatoes"): "drinking a lot more coffee" is one phrase, not two."""

        memo: dict[int, tuple[_Quality, tuple[CapturedValue, ...]] | None] = {}
        joiners_at = self.language.joiners_at

        def from_position(start: int) -> tuple[_Quality, tuple[CapturedValue, ...]] | None:
            if start not in memo:
                memo[start] = list_from(start)
            return memo[start]

        def list_from(start: int) -> tuple[_Quality, tuple[CapturedValue, ...]] | None:
            if start == len(span):
                return _Quality(), ()
            best: tuple[_Quality, tuple[CapturedValue, ...]] | None = None
            for end in range(len(span), start, -1):
                if not span.boundary(end):
                    continue
                item = self._capture_one(slot, span.slice(start, end), today, allow_guesses)
                if item is None:
                    continue
                for joiner in (*joiners_at(span.stems, end), 0):
                    after = end + joiner
                    if joiner and (after == len(span) or not span.boundary(after)):
                        continue  # a list cannot end with "and"; a value starts a word
                    rest = from_position(after)
                    if rest is None or (len(rest[1]) == 1 and not joiner):
                        continue
                    candidate = (item[0] + rest[0], (item[1], *rest[1]))
                    if best is None or candidate[0].rank() > best[0].rank():
                        best = candidate
            return best

        if not span or joiners_at(span.stems, 0):
            return None
        return from_position(0)


def _sample_rank(sample: _Sample, quality: _Quality) -> tuple[int, ...]:
    """Most words the model explains (literal words, and words of values it lists or converts),
    then fewest values ("my lips are tingling" is one listed phrase before it is a place and a
    feeling), then most words inside listed values ("over a month" is a listed value before it is
    "over" and a duration), then most literal words, then how well the values fit their types."""
    explained = sample.literal_count + quality.known_words
    return (explained, -quality.values, quality.listed_words, sample.literal_count, *quality.rank())


class _LiteralIndex:
    """Finds the samples whose literal words all occur in a line, without trying each sample:
    every sample is filed under its rarest literal word."""

    def __init__(self, samples: tuple[_Sample, ...]) -> None:
        frequency: dict[str, int] = {}
        for sample in samples:
            for key in sample.literals:
                frequency[key] = frequency.get(key, 0) + 1
        self._by_word: dict[str, list[tuple[int, _Sample]]] = {}
        self._slots_only: list[tuple[int, _Sample]] = []
        for order, sample in enumerate(samples):
            if not sample.literals:
                self._slots_only.append((order, sample))
                continue
            rarest = min(sample.literals, key=lambda k: (frequency[k], k))
            self._by_word.setdefault(rarest, []).append((order, sample))

    def candidates(self, said: Words) -> list[tuple[int, _Sample]]:
        present = set(said.keys)
        found = [*self._slots_only]
        for key in present:
            found += [entry for entry in self._by_word.get(key, ()) if entry[1].literals <= present]
        return sorted(found, key=lambda entry: entry[0])


class _Alignment:
    """Aligns one sample with a line: literal words exactly, slot references on word spans."""

    def __init__(
        self,
        matcher: Matcher,
        sample: _Sample,
        said: Words,
        today: dt.date,
        allow_guesses: bool,
        spans: dict[tuple[str, bool, int, int], tuple[_Quality, tuple[CapturedValue, ...]] | None],
    ) -> None:
        self.matcher = matcher
        self.sample = sample
        self.said = said
        self.today = today
        self.allow_guesses = allow_guesses
        # What each span of the line holds for a slot type, shared by every sample tried on it.
        self.spans = spans
        self._memo: dict[tuple[int, int], tuple[_Quality, tuple[CapturedSlot, ...]] | None] = {}

    def run(self) -> tuple[_Quality, tuple[CapturedSlot, ...]] | None:
        return self._from(0, 0)

    def _from(self, element: int, position: int) -> tuple[_Quality, tuple[CapturedSlot, ...]] | None:
        key = (element, position)
        if key not in self._memo:
            self._memo[key] = self._compute(element, position)
        return self._memo[key]

    def _compute(self, element: int, position: int) -> tuple[_Quality, tuple[CapturedSlot, ...]] | None:
        elements = self.sample.elements
        said = self.said
        if element == len(elements):
            return (_Quality(), ()) if position == len(said) else None
        current = elements[element]
        if isinstance(current, _Literal):
            if position < len(said) and said.keys[position] == current.key:
                return self._from(element + 1, position + 1)
            return None
        remaining_literals = sum(isinstance(e, _Literal) for e in elements[element + 1 :])
        following = elements[element + 1] if element + 1 < len(elements) else None
        slot = current.slot
        if not said.boundary(position):
            return None  # "i have {story}" does not hear "i haven't ...": a slot holds whole words
        best: tuple[_Quality, tuple[CapturedSlot, ...]] | None = None
        for end in range(position + 1, len(said) - remaining_literals + 1):
            if not said.boundary(end):
                continue
            if isinstance(following, _Literal) and said.keys[end] != following.key:
                continue  # the next literal word must come right after the slot
            key = (slot.type, slot.multiple, position, end)
            if key not in self.spans:
                span = said.slice(position, end)
                self.spans[key] = self.matcher.capture_values(slot, span, self.today, self.allow_guesses)
            found = self.spans[key]
            if found is None:
                continue
            rest = self._from(element + 1, end)
            if rest is None:
                continue
            captured = (found[0], CapturedSlot(slot.name, found[1], slot.multiple))
            candidate = (captured[0] + rest[0], (captured[1], *rest[1]))
            if best is None or candidate[0].rank() > best[0].rank():
                best = candidate
        return best


# A model's samples and custom types, compiled once per process: every conversation test builds
# its own Matcher, and compiling tens of thousands of samples takes a second or more. Both are
# read-only once built; the frozen model definitions and the locale's language are the cache keys.
@functools.lru_cache(maxsize=_MODELS_REMEMBERED)
def _compiled(intents: tuple[IntentDef, ...], language: Language) -> tuple[tuple[_Sample, ...], _LiteralIndex]:
    compiled = []
    keys: dict[str, tuple[str, ...]] = {}  # the same literal parts recur in thousands of samples
    for intent in intents:
        samples = list(intent.samples)
        samples += [s for s in BUILTIN_PHRASES.get(intent.name, ()) if s not in samples]
        for sample in samples:
            elements: list[_Literal | _SlotRef] = []
            for index, part in enumerate(_SLOT_REF.split(sample)):
                if index % 2:
                    slot = intent.slot(part)
                    if slot is not None:  # the model loader already rejects unknown slots
                        elements.append(_SlotRef(slot))
                else:
                    if part not in keys:
                        keys[part] = language.folded(words(part)).keys
                    elements.extend(_Literal(key) for key in keys[part])
            if elements:
                literals = [e.key for e in elements if isinstance(e, _Literal)]
                compiled.append(_Sample(intent.name, sample, tuple(elements), len(literals), frozenset(literals)))
    result = tuple(compiled)
    return result, _LiteralIndex(result)


@functools.lru_cache(maxsize=_MODELS_REMEMBERED)
def _custom_types(types: tuple[tuple[str, SlotType], ...], language: Language) -> dict[str, _CustomType]:
    return {name: _CustomType(slot_type, language) for name, slot_type in types}
