"""Match a typed line to an intent and slots, driven only by the interaction model.

Each sample is compiled into literal words and `{slot}` references. A line matches a sample
when the literal words match exactly (case and punctuation ignored) and each slot reference
captures words that its type accepts:

- custom types: a value name or synonym, optionally after "my"/"the"/... ; multi-value slots
  take several values separated by "and", "or" or commas;
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
the intent listed first in the model. A line is read as said, then without fillers and hedges
("um", "i think", "kind of"; "yeah" inside a line), then also without trailing words that say when
or how much ("at night", "lately"); every reading is tried with values the model knows before
any is tried with free text (AMAZON.SearchQuery), and with free text before unresolved words. A line that
matches nothing becomes AMAZON.FallbackIntent when the model has it.
"""

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass

from simulator.builtin_intents import BUILTIN_PHRASES, FALLBACK_INTENT
from simulator.builtin_types import Converter, convert_free_text, converter_for
from simulator.model import IntentDef, InteractionModel, SlotDef, SlotType
from simulator.text import Words, words


def _phrases(text: str, *, longest_first: bool = False) -> tuple[tuple[str, ...], ...]:
    """Comma-separated phrases as word keys (apostrophes already dropped: "im", "thats")."""
    found = tuple(tuple(p.split()) for p in text.replace("\n", " ").split(",") if p.strip())
    return tuple(sorted(found, key=len, reverse=True)) if longest_first else found


_SLOT_REF = re.compile(r"\{([^{}]+)\}")
# "me" is "my" in much of Britain and Australia ("me calves").
_DETERMINERS = frozenset({"my", "me", "the", "a", "an", "both", "his", "her", "their", "our", "your", "some", "any"})
_CONNECTORS = frozenset({"and", "or"})
# What joins two values of a list ("stress and i'm not sleeping", "a newborn so no sleep"),
# longest first: the words that repeat the speaker are part of the join, not of the value.
_JOINERS = _phrases(
    """
    and, or, plus, so, because, cause, cos, with, also, then, as well as, and also, and then, but also,
    and now, along with, and i, and im, and ive, and ive been, and i get, and i have, and i feel, and i keep,
    and theres, and some, and a bit of, or maybe, and lots of, and loads of, and too much, and a lot of,
    and not enough, so im, so i, because im, because i, cause im, cos im, and also im, plus im, plus i,
    and i dont, and i havent, and i dont really, and im not, and now its, or i
    """,
    longest_first=True,
)
_JOINERS_BY_FIRST_WORD: dict[str, tuple[tuple[str, ...], ...]] = {
    word: tuple(p for p in _JOINERS if p[0] == word) for word in {p[0] for p in _JOINERS}
}
_VALUE_MODIFIERS = frozenset(
    {
        "sometimes",
        "also",
        "occasionally",
        "even",
        "now",
        "mostly",
        "mainly",
        "especially",
        "then",
        "usually",
        "often",
        "i",
        "all",
    }
)
# Words that make a span a clause rather than a thing: never guessed as one unknown value.
_NOT_A_VALUE = _CONNECTORS | frozenset(
    {
        "but",
        "if",
        "though",
        "because",
        "not",
        "dont",
        "didnt",
        "doesnt",
        "isnt",
        "wasnt",
        "no",
        "never",
        "cant",
        "wont",
        "nothing",
        "whether",
    }
)
# Sounds and hedges that carry no meaning of their own ("um", "i think", "kind of", "mate"):
# dropped only when the line matches nothing as it is, as a speech recogniser forgives them.


# A hedge that is an answer by itself ("maybe", "probably", "i think so") matches as it is first.
_FILLERS = frozenset(
    {"um", "umm", "uhm", "uh", "uhh", "er", "erm", "hmm", "hm", "ah", "oh", "please", "well", "so", "like", "okay",
     "ok", "eh", "actually", "honestly", "basically", "literally", "really", "just", "only", "mostly",
     "mainly", "yaar", "ji", "anyway", "though", "very", "quite",
     "super", "totally", "kinda", "sorta", "slightly", "somewhat", "fairly", "pretty", "proper", "dead", "bloody",
     "right", "real", "especially", "particularly", "usually", "generally", "normally", "always", "still",
     "madam", "sir", "maam", "love", "dear"}
)  # fmt: skip
_HEDGES = _phrases(
    """
    i think, i guess, i reckon, i suppose, i believe, id say, i would say, kind of, sort of, you know, i mean,
    to be honest, pretty much, or so, give or take, i would think, if im honest, more or less, a bit of, a bit,
    a little bit, a little, a tad, to be fair, if that makes sense, or something, or something like that,
    and stuff, and things, and that, or anything, or whatever, at all, as such
    """
)
# Trailing words that say when or how much, not what ("my calf seizes up at night"): a third
# reading drops them from the end of the line, as the recogniser forgives an unknown tail.
_TAILS = _phrases(
    """
    too, as well, also, again, now, lately, recently, these days, at the moment, right now, at times,
    sometimes, at night, in the morning, in the mornings, in the evening, in the evenings, all the time, a lot,
    on and off, now and then, thanks, thank you, cheers, ta, though, anyway, but thats it, but thats all,
    thats all, thats it, nothing else, i suppose, i think, i guess, for sure, when i walk, when i rest,
    when im tired, when i wake up, during the day, every so often, off and on, here and there,
    from time to time, of late, mind you, yeah, yes, yep, i cant remember the name, i forget the name,
    i dont know the name, i cant remember what its called, i forget what its called,
    i dont know what its called, i cant remember the name of it, whatever its called, or whatever its called,
    but its been like that for weeks, but its been like that for months, but its been like that for ages,
    but its been like that for a while, but its been like that for years, but its always been like that,
    but thats normal, but thats nothing new, but it always has, but i might be imagining it,
    but i could be imagining it, but im probably imagining it, or maybe im imagining it,
    i might be imagining it, mate, last week, last month, the other day, a while ago, a while back, yesterday,
    this week, so yeah, every now and then, last night, yesterday evening, this afternoon, for a while,
    last time, at work, all day, a few times, a couple of times, twice, every night, most nights, this summer,
    in this summer, both, for no reason, twice last week, maybe longer, or longer, maybe more, or more,
    like clockwork, regular as clockwork, on the dot, and im not, but im not, and i havent had anything,
    like a heartbeat, its als, its ms, its something serious, that its als, but its worse this week,
    but its worse now, but its getting worse, but its worse lately,
    now and again, every now and again, for a bit, for a second, for a moment, on one side, on the left side,
    on the right side, on the left, on the right, but i havent had a drink, but i havent been drinking,
    and i havent been drinking, and its not like me, its not like me, which isnt like me,
    and thats not like me, it happened just now, just now, anymore, any more, this morning, earlier today,
    earlier, today, tonight
    """,
    longest_first=True,
)
# Words that only acknowledge, inside a line ("pretty quick yeah like in an hour"): dropped with
# the fillers, but not when they open it, where they are the answer's yes.
_INNER_FILLERS = frozenset({"yeah", "yep", "yup"})
# Full forms and their contractions, as word keys (apostrophes are already gone).
_CONTRACTIONS: dict[tuple[str, ...], str] = {
    ("i", "am"): "im", ("it", "is"): "its", ("do", "not"): "dont", ("can", "not"): "cant", ("cannot",): "cant",
    ("is", "not"): "isnt", ("are", "not"): "arent", ("was", "not"): "wasnt", ("does", "not"): "doesnt",
    ("did", "not"): "didnt", ("have", "not"): "havent", ("has", "not"): "hasnt", ("will", "not"): "wont",
    ("that", "is"): "thats", ("there", "is"): "theres", ("what", "is"): "whats", ("they", "are"): "theyre",
    ("you", "are"): "youre", ("i", "have"): "ive", ("i", "would"): "id", ("would", "not"): "wouldnt",
    ("could", "not"): "couldnt", ("should", "not"): "shouldnt", ("it", "has"): "its", ("he", "is"): "hes",
    ("she", "is"): "shes", ("let", "us"): "lets",
}  # fmt: skip
# How far a line may be read: only values the model lists or converts; also free text; also
# words a custom type does not know (ER_SUCCESS_NO_MATCH).
_EXPLAINED, _FREE_TEXT, _GUESSES = 0, 1, 2
_MAX_GUESSED_WORDS = 4
_MAX_REMEMBERED = 200_000  # spans read once per matcher, then forgotten
_MODELS_REMEMBERED = 8  # compiled models kept per process (five locales, a test fixture or two)
_MAX_BUILTIN_WORDS = 12


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

    def __init__(self, slot_type: SlotType) -> None:
        self.phrases: dict[tuple[str, ...], list[Resolution]] = {}
        for value in slot_type.values:
            resolution = Resolution(value.id or _generated_id(value.name), value.name)
            for phrase in (value.name, *value.synonyms):
                key = _canonical(words(phrase)).keys
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


class Matcher:
    def __init__(self, model: InteractionModel) -> None:
        self.model = model
        self._custom = _custom_types(tuple(model.types.items()))
        self._samples, self._index = _compiled(model.intents)
        self._has_fallback = model.intent(FALLBACK_INTENT) is not None
        self._values: dict[tuple[object, ...], tuple[_Quality, CapturedValue] | None] = {}
        # Phrases of several words that custom types list: fillers inside them are kept.
        self._phrases = frozenset(k for t in self._custom.values() for k in t.phrases if len(k) > 1)
        self._longest_phrase = max((len(k) for k in self._phrases), default=1)

    @property
    def has_fallback(self) -> bool:
        return self._has_fallback

    def match(self, text: str, today: dt.date) -> IntentMatch | None:
        """The intent Alexa would send for this line; None only when the model has no fallback."""
        readings = _readings(_canonical(words(text)), self._phrases, self._longest_phrase)
        # Every reading whose words the model explains (values it lists or converts) before any
        # reading with free text, and those before any reading with a guessed value.
        for mode in (_EXPLAINED, _FREE_TEXT, _GUESSES):
            for reading in readings:
                found = self._best(reading, today, mode)
                if found is not None:
                    return found
        if self._has_fallback:
            return IntentMatch(FALLBACK_INTENT, (), None)
        return None

    def _best(self, said: Words, today: dt.date, mode: int) -> IntentMatch | None:
        if not said:
            return None
        allow_guesses = mode == _GUESSES
        best: tuple[tuple[int, ...], int, IntentMatch] | None = None
        spans: dict[tuple[str, bool, int, int], tuple[_Quality, tuple[CapturedValue, ...]] | None] = {}
        for order, sample in self._index.candidates(said):
            if allow_guesses and sample.literal_count == 0:
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
        key = (slot.type, span.keys, span.display, today, allow_guesses)
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
        start = 0
        # "my calves and sometimes my feet": a word that says how often or how much, then a
        # determiner, before a value are not part of it.
        if len(span) > 1 and span.keys[0] in _VALUE_MODIFIERS:
            start = 1
            candidates.append(span.slice(1, len(span)))
        if len(span) > start + 1 and span.keys[start] in _DETERMINERS:
            candidates.append(span.slice(start + 1, len(span)))
        for candidate in candidates:
            matches = custom.lookup(candidate.keys)
            if matches:
                quality = _Quality(resolved=1, known_words=len(span), listed_words=len(span))
                return quality, CapturedValue(candidate.text(), matches)
        if allow_guesses and len(span) <= _MAX_GUESSED_WORDS and not (_NOT_A_VALUE & set(span.keys)):
            guess = candidates[-1]
            return _Quality(guessed=1, guessed_words=len(guess)), CapturedValue(guess.text(), ())
        return None

    def _capture_list(
        self, slot: SlotDef, span: Words, today: dt.date, allow_guesses: bool
    ) -> tuple[_Quality, tuple[CapturedValue, ...]] | None:
        """Split a span into values separated by "and"/"or". Commas are already gone, so values
        may also follow each other directly, but the last two are joined by "and" or "or"
        ("roses basil and tomatoes"): "drinking a lot more coffee" is one phrase, not two."""

        memo: dict[int, tuple[_Quality, tuple[CapturedValue, ...]] | None] = {}

        def from_position(start: int) -> tuple[_Quality, tuple[CapturedValue, ...]] | None:
            if start not in memo:
                memo[start] = list_from(start)
            return memo[start]

        def list_from(start: int) -> tuple[_Quality, tuple[CapturedValue, ...]] | None:
            if start == len(span):
                return _Quality(), ()
            best: tuple[_Quality, tuple[CapturedValue, ...]] | None = None
            for end in range(len(span), start, -1):
                item = self._capture_one(slot, span.slice(start, end), today, allow_guesses)
                if item is None:
                    continue
                for joiner in (*_joiners_at(span.keys, end), 0):
                    after = end + joiner
                    if joiner and after == len(span):
                        continue  # a list cannot end with "and"
                    rest = from_position(after)
                    if rest is None or (len(rest[1]) == 1 and not joiner):
                        continue
                    candidate = (item[0] + rest[0], (item[1], *rest[1]))
                    if best is None or candidate[0].rank() > best[0].rank():
                        best = candidate
            return best

        if not span or _joiners_at(span.keys, 0):
            return None
        return from_position(0)


def _sample_rank(sample: _Sample, quality: _Quality) -> tuple[int, ...]:
    """Most words the model explains (literal words, and words of values it lists or converts),
    then fewest values ("my lips are tingling" is one listed phrase before it is a place and a
    feeling), then most words inside listed values ("over a month" is a listed value before it is
    "over" and a duration), then most literal words, then how well the values fit their types."""
    explained = sample.literal_count + quality.known_words
    return (explained, -quality.values, quality.listed_words, sample.literal_count, *quality.rank())


def _joiners_at(said: tuple[str, ...], position: int) -> tuple[int, ...]:
    """How many words may join two values of a list at `position` ("and", "and i've been")."""
    if position >= len(said):
        return ()
    phrases = _JOINERS_BY_FIRST_WORD.get(said[position], ())
    return tuple(len(phrase) for phrase in phrases if said[position : position + len(phrase)] == phrase)


def _canonical(said: Words) -> Words:
    """Full and contracted forms as one word ("i am" is "i'm", "cannot" is "can't"), on both
    sides of the match: speech recognisers write either, and the words mean the same."""
    out: list[str] = []
    display: list[str] = []
    index = 0
    while index < len(said):
        pair = said.keys[index : index + 2]
        if len(pair) == 2 and pair in _CONTRACTIONS:
            out.append(_CONTRACTIONS[pair])
            display.append(" ".join(said.display[index : index + 2]))
            index += 2
            continue
        key = said.keys[index]
        out.append(_CONTRACTIONS.get((key,), key))
        display.append(said.display[index])
        index += 1
    return Words(tuple(out), tuple(display))


def _readings(said: Words, protected: frozenset[tuple[str, ...]], longest: int) -> list[Words]:
    """The line as said; then without fillers and hedges; then also without trailing words that
    say when or how much (taken off before and after the fillers). Each reading is tried only
    when the ones before matched nothing. A filler inside a phrase the model lists is kept
    first ("slurring like i'm drunk"), then dropped too."""
    nothing: frozenset[tuple[str, ...]] = frozenset()
    readings = [said]
    for reading in (
        _without_fillers(said, protected, longest),
        _without_fillers(said, nothing, longest),
        _without_tails(_without_fillers(_without_tails(said), protected, longest)),
        _without_tails(_without_fillers(_without_tails(said), nothing, longest)),
    ):
        if 0 < len(reading) < len(said) and reading not in readings:
            readings.append(reading)
    return readings


def _without_tails(said: Words) -> Words:
    end = len(said)
    changed = True
    while changed:
        changed = False
        for tail in _TAILS:  # longest first
            size = len(tail)
            if size < end and said.keys[end - size : end] == tail:
                end -= size
                changed = True
                break
    return said.slice(0, end)


def _without_fillers(said: Words, protected: frozenset[tuple[str, ...]], longest: int) -> Words:
    """The line without fillers and hedges ("um i think it's my left eyelid" -> "it's my left eyelid")."""
    keep: set[int] = set()
    for start in range(len(said)):
        for end in range(start + 2, min(len(said), start + longest) + 1):
            if said.keys[start:end] in protected:
                keep.update(range(start, end))
    drop: set[int] = {i for i, key in enumerate(said.keys) if key in _FILLERS or (i and key in _INNER_FILLERS)}
    start = 0
    while start < len(said) and start in drop:
        start += 1
    for hedge in _HEDGES:
        size = len(hedge)
        for start in range(len(said) - size + 1):
            if said.keys[start : start + size] == hedge:
                drop.update(range(start, start + size))
    kept = [i for i in range(len(said)) if i not in drop or i in keep]
    return Words(tuple(said.keys[i] for i in kept), tuple(said.display[i] for i in kept))


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
        best: tuple[_Quality, tuple[CapturedSlot, ...]] | None = None
        for end in range(position + 1, len(said) - remaining_literals + 1):
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
# read-only once built; the frozen model definitions are the cache keys.
@functools.lru_cache(maxsize=_MODELS_REMEMBERED)
def _compiled(intents: tuple[IntentDef, ...]) -> tuple[tuple[_Sample, ...], _LiteralIndex]:
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
                        keys[part] = _canonical(words(part)).keys
                    elements.extend(_Literal(key) for key in keys[part])
            if elements:
                literals = [e.key for e in elements if isinstance(e, _Literal)]
                compiled.append(_Sample(intent.name, sample, tuple(elements), len(literals), frozenset(literals)))
    result = tuple(compiled)
    return result, _LiteralIndex(result)


@functools.lru_cache(maxsize=_MODELS_REMEMBERED)
def _custom_types(types: tuple[tuple[str, SlotType], ...]) -> dict[str, _CustomType]:
    return {name: _CustomType(slot_type) for name, slot_type in types}
