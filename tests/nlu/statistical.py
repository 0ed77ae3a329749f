"""A statistical estimate of what Alexa's recogniser would make of an utterance, from the model alone.

Development only (scikit-learn and python-crfsuite are in requirements-dev.txt, never in the Lambda
package). `Recogniser.train(model_json)` reads an interaction model in the ASK CLI v2 format
(skill-package/interactionModels/custom/<locale>.json) and trains two things on its samples, with
slot references replaced by values of the slot's type, the way Alexa trains its own model on them:

- an intent classifier: TF-IDF of word 1-2 grams and character 2-5 grams, a linear SVM whose margins
  become probabilities through a softmax with a temperature fitted on held-out training sentences;
  built-in intents get a short list of typical phrasings besides their samples, and, when the model
  declares AMAZON.FallbackIntent, an out-of-domain class of off-topic lines stands for it;
- a slot tagger per intent: a linear-chain CRF (crfsuite) with BIO tags per slot name, whose
  features are the word, its affixes, its neighbours, its position, and whether it is part of a
  value or synonym of a slot type. The value features are hidden for a quarter of the slot fills
  in training, so the tagger also learns slots from their context and tags words that are no value,
  as Alexa does with a custom type (entity resolution then says ER_SUCCESS_NO_MATCH: `resolved`
  holds None); sentences of other intents, tagged only where they fill a slot of the same name and
  type, teach it that most words are no slot.

`recogniser.predict(text, allowed_intents=..., elicited_slot=...)` returns a `Prediction`. See
docs/nlu-statistical.md for what this estimate can and cannot say about Alexa, and `predict` for the
exact elicitation emulation. A trained recogniser is cached in .cache/nlu-statistical/, keyed by the
sha256 of the model JSON, the training settings, this module's VERSION and the libraries' versions.

`PYTHONPATH=lambda:. python -m tests.nlu.statistical --model skill-package/interactionModels/custom/en-US.json
"my left eyelid keeps twitching"` prints a prediction.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import hashlib
import json
import os
import pickle
import random
import re
import sys
import tempfile
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite
import sklearn
from scipy.optimize import minimize_scalar
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

# Bump when training or prediction changes: cached recognisers of another version are retrained.
VERSION = "2"
CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "nlu-statistical"
FALLBACK = "AMAZON.FallbackIntent"

# Training sentences per intent (before built-in phrasings) when the caller gives no cap: an intent with
# more samples than this keeps a random 1,500 of them, each filled once, so a 30,000-sample model trains
# in seconds; a small intent's samples are each filled several times.
DEFAULT_SAMPLES_PER_INTENT = 1500
# A sample with slots is filled this many times at most (different values each time).
MAX_FILLS_PER_SAMPLE = 6
# Share of slot fills whose value features the tagger does not see in training.
GAZETTEER_DROPOUT = 0.25
# Share of multi-value slot fills that name two or three values ("my calves and my arms").
MULTI_VALUE_SHARE = 0.2
# Sentences of other intents each tagger also learns from, as a share of its own intent's sentences.
NEGATIVE_SHARE = 0.5
# Cached recognisers kept in a cache directory (the most recently used; each is tens of MB for a big model).
CACHE_ENTRIES = 6
# Below this confidence the classifier counts as uncertain (the elicitation bias may take over).
UNCERTAIN_BELOW = 0.5
# Averaged perceptron: as accurate here as L-BFGS (measured on the corpus), in a fifth of the time.
CRF_ALGORITHM = "ap"
CRF_PARAMS: dict[str, Any] = {"max_iterations": 5, "feature.possible_transitions": True}
CLASSIFIER_C = 0.5
# Weight of the out-of-domain sentences against the intents': a hundred lines stand for all other speech
# (3 rather than 1: 18 rather than 16 of 30 unseen off-topic lines heard as fallback, 2 rather than 0
# of 1,152 corpus lines wrongly so, on the en-US model).
FALLBACK_WEIGHT = 3.0
# Share of training sentences held out to fit the temperature that turns margins into probabilities.
CALIBRATION_SHARE = 0.1

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_SLOT_REF = re.compile(r"\{([^{}]+)\}")


def tokens(text: str) -> list[str]:
    """Lower-case words, digits and inner apostrophes, as a speech recogniser writes them."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


# ---- What the model does not say: built-in intents, built-in slot types, off-topic speech ------------

# Typical phrasings of Alexa's built-in intents, used besides any samples the model gives them (Alexa
# trains these intents on Amazon's own samples). Only intents the model declares are trained.
BUILTIN_INTENT_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.YesIntent": (
        "yes", "yeah", "yep", "yup", "yes please", "sure", "ok", "okay", "correct", "that's right",
        "right", "of course", "absolutely", "definitely", "i do", "uh huh", "yes i do", "yeah i am",
        "yes it is", "i think so", "sure thing", "go ahead", "sounds good", "yeah sure",
    ),
    "AMAZON.NoIntent": (
        "no", "nope", "nah", "no thanks", "no thank you", "not really", "no i don't", "no it's not",
        "i don't think so", "not at all", "no way", "negative", "no i'm not", "nah not really",
        "no i haven't", "definitely not", "not that i know of", "no never",
    ),
    "AMAZON.HelpIntent": (
        "help", "help me", "i need help", "can you help me", "what can i say", "what can you do",
        "what do i say", "what do i do", "how does this work", "how do i use this", "what are my options",
        "i don't understand", "what do you mean", "i'm confused", "instructions", "what should i say",
    ),
    "AMAZON.StopIntent": (
        "stop", "stop it", "off", "shut up", "be quiet", "quiet", "enough", "that's enough", "i'm done",
        "goodbye", "bye", "exit", "quit", "end", "stop talking", "alexa stop", "that's all", "bye bye",
    ),
    "AMAZON.CancelIntent": (
        "cancel", "cancel that", "never mind", "nevermind", "forget it", "forget about it",
        "cancel it", "cancel please", "no never mind", "scratch that",
    ),
    "AMAZON.RepeatIntent": (
        "repeat", "repeat that", "repeat please", "say that again", "say it again", "can you repeat that",
        "could you repeat that", "what did you say", "come again", "pardon", "pardon me", "again",
        "one more time", "repeat the question", "sorry what", "i didn't catch that",
    ),
    "AMAZON.StartOverIntent": (
        "start over", "start again", "restart", "begin again", "start from the beginning",
        "from the beginning", "start from scratch", "let's start over", "can we start over", "reset",
    ),
    "AMAZON.NavigateHomeIntent": ("go home", "home", "go to home", "go back home", "home screen"),
    "AMAZON.NextIntent": ("next", "skip", "skip that", "skip this", "next one", "go on"),
    "AMAZON.PreviousIntent": ("previous", "go back", "back", "last one"),
    "AMAZON.PauseIntent": ("pause", "hold on", "wait", "wait a second"),
    "AMAZON.ResumeIntent": ("resume", "continue", "keep going", "carry on"),
    "AMAZON.MoreIntent": ("more", "tell me more", "show more"),
}  # fmt: skip

# Off-topic requests, the out-of-domain class that AMAZON.FallbackIntent stands for.
OUT_OF_DOMAIN: tuple[str, ...] = (
    "what's the weather like today", "will it rain tomorrow", "how hot is it outside", "what's the forecast",
    "is it going to snow this weekend", "what's the temperature in chicago", "do i need an umbrella",
    "play some music", "play the latest taylor swift album", "put on some jazz", "play my workout playlist",
    "turn up the volume", "turn it down", "skip this song", "who sings this song", "play the radio",
    "play a podcast about history", "shuffle my favourites", "add milk to my shopping list",
    "order more paper towels", "where is my package", "buy batteries", "reorder dog food",
    "what's on my shopping list", "add eggs and bread to the list", "track my order", "tell me a joke",
    "tell me something funny", "sing me a song", "do you like cats", "what's your favourite colour",
    "are you a robot", "how old are you", "who made you", "what's the meaning of life", "set a timer for ten minutes",
    "set an alarm for seven am", "wake me up at six thirty", "what time is it", "what's the date today",
    "how many days until christmas", "remind me to call mum", "call my sister", "send a message to john",
    "turn on the kitchen lights", "turn off the bedroom light", "dim the lights", "set the thermostat to seventy",
    "lock the front door", "show me the front door camera", "what's the capital of france",
    "how tall is mount everest", "who won the game last night", "what's the score of the football",
    "how do you spell necessary", "what's twelve times eight", "convert five miles to kilometres",
    "how many ounces in a cup", "translate hello into spanish", "what's the news", "read me the headlines",
    "flash briefing", "how's the stock market doing", "what's the price of bitcoin", "find a pizza place nearby",
    "order a pizza", "book a table for two", "how long is my commute", "call me a taxi", "what movies are playing",
    "recommend a good book", "read my audiobook", "open spotify", "open the cooking skill",
    "give me a recipe for lasagna",
    "how long do i boil an egg", "how many calories in an apple", "when does the store close",
    "what's the traffic like", "find my phone", "where did i park", "what's the population of canada",
    "who is the president", "tell me a fun fact", "play rock paper scissors", "let's play a game",
    "tell me a story", "what does the fox say", "flip a coin", "roll a dice", "good morning",
    "good night", "what's up", "how are you", "thank you alexa", "i love you", "you're funny",
    "my car needs an oil change", "the dishwasher is broken", "my wifi is slow", "my phone battery keeps dying",
    "my flight got delayed", "what should i watch tonight", "is the bank open on sunday",
    "how do i reset my router", "banana pancakes recipe", "purple monkey dishwasher", "blah blah blah",
    "testing testing one two three", "what is love", "the cat sat on the mat",
)  # fmt: skip

_NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty five", "a hundred",
)  # fmt: skip
_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")


def _durations() -> tuple[str, ...]:
    said = ["a " + unit for unit in _UNITS if unit != "hour"] + ["an hour", "half an hour", "a fortnight"]
    said += ["a couple of " + unit + "s" for unit in _UNITS] + ["a few " + unit + "s" for unit in _UNITS]
    said += [f"{number} {unit}s" for number in _NUMBER_WORDS[1:] for unit in _UNITS]
    said += ["one " + unit for unit in _UNITS] + ["2 weeks", "3 days", "10 minutes", "an hour and a half"]
    return tuple(said)


# Representative values of built-in slot types: slot fills in training and value features for the tagger.
# Alexa's built-in types are far larger; these are a small, plausible sample of each.
BUILTIN_TYPE_VALUES: dict[str, tuple[str, ...]] = {
    "AMAZON.DURATION": _durations(),
    "AMAZON.DATE": (
        "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "last week", "last month", "this week", "last monday", "last friday", "the weekend",
        "last weekend", "the day before yesterday", "last year", "this morning", "christmas", "new year's",
        "january", "march first", "june", "the first of may", "two days ago", "a week ago",
    ),
    "AMAZON.NUMBER": (*_NUMBER_WORDS, "zero", "a dozen", "sixty", "ninety nine", "2", "3", "10", "25", "100"),
    "AMAZON.TIME": (
        "noon", "midnight", "seven am", "three pm", "six thirty", "half past two", "in the morning",
        "in the evening", "at night", "eight o'clock", "quarter to nine", "ten fifteen",
    ),
    "AMAZON.FOUR_DIGIT_NUMBER": ("one two three four", "two thousand twenty", "1234", "nineteen ninety"),
    "AMAZON.Ordinal": ("first", "second", "third", "fourth", "fifth", "last", "tenth"),
    "AMAZON.FirstName": ("john", "mary", "sam", "priya", "mohammed", "emma", "liam", "olivia", "jack"),
    "AMAZON.City": ("london", "sydney", "toronto", "new york", "mumbai", "seattle", "chicago"),
    "AMAZON.Country": ("canada", "india", "australia", "the united states", "england", "france"),
    "AMAZON.Color": ("red", "blue", "green", "yellow", "purple", "black", "white"),
    "AMAZON.Language": ("english", "french", "spanish", "hindi", "german"),
    "AMAZON.Person": ("my doctor", "my mum", "my husband", "taylor swift", "the president"),
    "AMAZON.PhoneNumber": ("five five five one two three four", "0 2 9 8 7 6"),
}  # fmt: skip
# Any other AMAZON.* type takes one of these.
OTHER_BUILTIN_VALUES = ("something", "that thing", "the other one", "this", "that one")
SEARCH_QUERY = "AMAZON.SearchQuery"


# ---- The model as the recogniser sees it ---------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    name: str
    type: str
    multiple: bool


@dataclass
class Intent:
    name: str
    slots: dict[str, Slot]
    # Each sample as a list of words and slot names (a slot reference is ("slot", name)).
    samples: list[list[str | tuple[str, str]]]
    # slot -> the words before it in samples that start with words and then that slot ("it's my {areas}").
    carriers: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)


def _parse_sample(sample: str, slots: Mapping[str, Slot]) -> list[str | tuple[str, str]] | None:
    parts: list[str | tuple[str, str]] = []
    position = 0
    for ref in _SLOT_REF.finditer(sample):
        parts += tokens(sample[position : ref.start()])
        name = ref.group(1).strip()
        if name not in slots:
            return None  # Alexa's build refuses such a sample
        parts.append(("slot", name))
        position = ref.end()
    parts += tokens(sample[position:])
    return parts or None


def _intents(language_model: Mapping[str, Any]) -> dict[str, Intent]:
    intents: dict[str, Intent] = {}
    for raw in language_model.get("intents", []):
        slots = {
            s["name"]: Slot(s["name"], s["type"], bool((s.get("multipleValues") or {}).get("enabled")))
            for s in raw.get("slots", [])
        }
        samples = [parsed for text in raw.get("samples", []) if (parsed := _parse_sample(text, slots))]
        intent = Intent(raw["name"], slots, samples)
        for sample in samples:
            for index, part in enumerate(sample):
                if isinstance(part, tuple):
                    lead = sample[:index]
                    if lead and all(isinstance(word, str) for word in lead):
                        intent.carriers.setdefault(part[1], set()).add(tuple(str(word) for word in lead))
                    break
        intents[raw["name"]] = intent
    return intents


def _custom_types(language_model: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Each custom type's surface forms (value names and synonyms, as words joined by spaces) -> value id."""
    types: dict[str, dict[str, str]] = {}
    for raw in language_model.get("types", []):
        forms: dict[str, str] = {}
        for value in raw.get("values", []):
            name = value.get("name", {})
            value_id = value.get("id") or name.get("value", "")
            for said in [name.get("value", ""), *name.get("synonyms", [])]:
                key = " ".join(tokens(said))
                if key:
                    forms.setdefault(key, value_id)
        types[raw["name"]] = forms
    return types


def _elicitations(model: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    dialog = model.get("interactionModel", {}).get("dialog", {})
    found: dict[str, tuple[str, ...]] = {}
    for intent in dialog.get("intents", []):
        names = tuple(s["name"] for s in intent.get("slots", []) if s.get("elicitationRequired"))
        if names:
            found[intent["name"]] = names
    return found


class _Gazetteer:
    """Finds every span of words that is a value of a slot type (multi-word values included)."""

    def __init__(self, forms_by_type: Mapping[str, Iterable[str]]) -> None:
        self.types_of: dict[tuple[str, ...], tuple[str, ...]] = {}
        collected: dict[tuple[str, ...], list[str]] = {}
        self.word_types: dict[str, list[str]] = {}
        for type_name in sorted(forms_by_type):
            for form in forms_by_type[type_name]:
                words = tuple(form.split())
                collected.setdefault(words, [])
                if type_name not in collected[words]:
                    collected[words].append(type_name)
                for word in words:
                    listed = self.word_types.setdefault(word, [])
                    if type_name not in listed:
                        listed.append(type_name)
        self.types_of = {words: tuple(names) for words, names in collected.items()}
        self.prefixes = {words[:length] for words in self.types_of for length in range(1, len(words) + 1)}

    def marks(self, words: Sequence[str]) -> list[list[str]]:
        """Per word, its value features: "gB:TYPE" where a value starts, "gI:TYPE" inside one, "in:TYPE"
        when the word occurs in some value of TYPE."""
        found: list[list[str]] = [[f"in:{t}" for t in self.word_types.get(word, ())] for word in words]
        for start in range(len(words)):
            end = start + 1
            while end <= len(words) and tuple(words[start:end]) in self.prefixes:
                for type_name in self.types_of.get(tuple(words[start:end]), ()):
                    found[start].append(f"gB:{type_name}")
                    for inside in range(start + 1, end):
                        found[inside].append(f"gI:{type_name}")
                end += 1
        return found


def _features(words: Sequence[str], marks: Sequence[Sequence[str]], hidden: Sequence[bool]) -> list[list[str]]:
    """CRF features of each word; `hidden` words lose their value features (training dropout)."""
    length = len(words)
    padded = ["<s>", "<s>", *words, "</s>", "</s>"]
    items = []
    for i, word in enumerate(words):
        j = i + 2
        f = [
            "w=" + word,
            "s2=" + word[-2:],
            "s3=" + word[-3:],
            "p3=" + word[:3],
            "-1=" + padded[j - 1],
            "-2=" + padded[j - 2],
            "+1=" + padded[j + 1],
            "+2=" + padded[j + 2],
            "-1|0=" + padded[j - 1] + "|" + word,
            "0|+1=" + word + "|" + padded[j + 1],
            "pos=" + ("first" if i == 0 else "last" if i == length - 1 else "mid"),
            "len=" + (str(length) if length < 4 else "long"),
        ]
        if word.isdigit():
            f.append("digit")
        if not hidden[i]:
            f += marks[i]
            f += ["-1" + mark for mark in (marks[i - 1] if i else ()) if mark.startswith("g")]
            f += ["+1" + mark for mark in (marks[i + 1] if i + 1 < length else ()) if mark.startswith("g")]
        items.append(f)
    return items


# ---- Training sentences ---------------------------------------------------------------------------------


@dataclass
class _Sentence:
    words: list[str]
    tags: list[str]  # BIO per word: "O", "B-slot", "I-slot"
    hidden: list[bool]  # words whose value features are dropped in training


class _Filler:
    """Chooses the words of a slot fill, deterministically from one random generator."""

    def __init__(self, types: Mapping[str, Mapping[str, str]], vocabulary: Sequence[str], rng: random.Random):
        self.forms = {name: sorted(forms) for name, forms in types.items()}
        self.vocabulary = vocabulary
        self.rng = rng

    def values(self, slot_type: str) -> list[str]:
        if slot_type in self.forms:
            return self.forms[slot_type]
        return list(BUILTIN_TYPE_VALUES.get(slot_type, OTHER_BUILTIN_VALUES))

    def one(self, slot_type: str) -> list[str]:
        if slot_type == SEARCH_QUERY:
            return [self.rng.choice(self.vocabulary) for _ in range(self.rng.randint(1, 4))]
        choices = self.values(slot_type)
        return choices[self.rng.randrange(len(choices))].split() if choices else ["something"]


def _expand(intent: Intent, filler: _Filler, cap: int, rng: random.Random) -> list[_Sentence]:
    samples = list(intent.samples)
    if len(samples) > cap:
        samples = [samples[i] for i in sorted(rng.sample(range(len(samples)), cap))]
    with_slots = sum(1 for s in samples if any(isinstance(p, tuple) for p in s))
    fills = max(1, min(MAX_FILLS_PER_SAMPLE, (cap - (len(samples) - with_slots)) // max(1, with_slots)))
    sentences: dict[tuple[tuple[str, ...], tuple[str, ...]], _Sentence] = {}
    for sample in samples:
        has_slot = any(isinstance(p, tuple) for p in sample)
        for _ in range(fills if has_slot else 1):
            sentence = _Sentence([], [], [])
            for part in sample:
                if isinstance(part, str):
                    sentence.words.append(part)
                    sentence.tags.append("O")
                    sentence.hidden.append(False)
                    continue
                slot = intent.slots[part[1]]
                count = 1
                if slot.multiple and rng.random() < MULTI_VALUE_SHARE:
                    count = rng.choice((2, 2, 3))
                hide = rng.random() < GAZETTEER_DROPOUT
                for n in range(count):
                    if n:
                        joiner = ["and"] if n == count - 1 else rng.choice((["and"], ["or"], []))
                        if count == 2 and rng.random() < 0.3:
                            joiner = ["and", "my"]
                        sentence.words += joiner
                        sentence.tags += ["O"] * len(joiner)
                        sentence.hidden += [False] * len(joiner)
                    value = filler.one(slot.type)
                    sentence.words += value
                    sentence.tags += [f"B-{slot.name}"] + [f"I-{slot.name}"] * (len(value) - 1)
                    sentence.hidden += [hide] * len(value)
            if sentence.words:
                sentences.setdefault((tuple(sentence.words), tuple(sentence.tags)), sentence)
    return list(sentences.values())


# ---- The recogniser ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    intent: str
    confidence: float  # the classifier's probability of `intent`, renormalised over the allowed intents
    slots: dict[str, list[str]]  # slot name -> the words tagged (a multi-value slot may have several)
    resolved: dict[str, list[str | None]]  # slot name -> per span, the value id of an exact custom match, else None
    elicitation_filled: bool = False  # whether the elicitation emulation put the utterance into the slot

    def as_dict(self) -> dict[str, Any]:
        return {
            "intent": self.intent,
            "confidence": round(self.confidence, 4),
            "slots": self.slots,
            "resolved": self.resolved,
            "elicitation_filled": self.elicitation_filled,
        }


class Recogniser:
    """An intent classifier and per-intent slot taggers trained on one interaction model's samples."""

    def __init__(self) -> None:
        self.key = ""
        self.intents: dict[str, Intent] = {}
        self.types: dict[str, dict[str, str]] = {}
        self.elicitations: dict[str, tuple[str, ...]] = {}  # intent -> slots the dialog model elicits
        self.has_fallback = False
        self.word_vectoriser: TfidfVectorizer | None = None
        self.char_vectoriser: TfidfVectorizer | None = None
        self.classifier: LinearSVC | None = None
        self.temperature = 1.0  # scales the classifier's margins into probabilities (softmax)
        self.gazetteer: _Gazetteer | None = None
        self.tagger_models: dict[str, bytes] = {}  # intent -> crfsuite model file contents
        self.training_sentences = 0
        self.training_seconds = 0.0
        self.training_cpu_seconds = 0.0
        self.from_cache = False
        self._taggers: dict[str, pycrfsuite.Tagger] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_taggers"] = {}
        state["from_cache"] = False
        return state

    # -- training --

    @classmethod
    def train(
        cls,
        model_json: Mapping[str, Any],
        *,
        seed: int = 0,
        samples_per_intent: int | None = None,
        cache_dir: Path | None = CACHE_DIR,
    ) -> Recogniser:
        """A recogniser trained on `model_json`'s samples; from `cache_dir` when trained there before
        (None: always train, write nothing). Same model, seed and cap: the same recogniser."""
        key = cache_key(model_json, seed=seed, samples_per_intent=samples_per_intent)
        path = cache_dir / f"{key}.pickle" if cache_dir is not None else None
        if path is not None and path.exists():
            cached = _load(path, key)
            if cached is not None:
                return cached
        recogniser = cls._fit(model_json, seed=seed, cap=samples_per_intent or DEFAULT_SAMPLES_PER_INTENT)
        recogniser.key = key
        if path is not None:
            _store(path, recogniser)
        return recogniser

    @classmethod
    def _fit(cls, model_json: Mapping[str, Any], *, seed: int, cap: int) -> Recogniser:
        started, started_cpu = time.perf_counter(), time.process_time()
        language_model = model_json["interactionModel"]["languageModel"]
        self = cls()
        self.intents = _intents(language_model)
        self.types = _custom_types(language_model)
        self.elicitations = _elicitations(model_json)
        self.has_fallback = FALLBACK in self.intents
        rng = random.Random(seed)
        vocabulary = sorted(
            {w for i in self.intents.values() for s in i.samples for w in s if isinstance(w, str)}
            | {w for forms in self.types.values() for form in forms for w in form.split()}
        )
        filler = _Filler(self.types, vocabulary or ["something"], rng)

        texts: list[str] = []
        labels: list[str] = []
        by_intent: dict[str, list[_Sentence]] = {}
        for name, intent in self.intents.items():
            sentences = _expand(intent, filler, cap, rng)
            known = {" ".join(s.words) for s in sentences}
            extra = [] if name == FALLBACK else BUILTIN_INTENT_PHRASES.get(name, ())
            if name == FALLBACK:
                extra = OUT_OF_DOMAIN
            for phrase in extra:
                words = tokens(phrase)
                if " ".join(words) not in known:
                    sentences.append(_Sentence(words, ["O"] * len(words), [False] * len(words)))
            for sentence in sentences:
                texts.append(" ".join(sentence.words))
                labels.append(name)
            by_intent[name] = sentences
        tagged = _tagger_sentences(self.intents, by_intent, rng)
        if len(set(labels)) < 2:
            raise ValueError("the model needs at least two intents with samples to train a classifier")

        self.word_vectoriser = TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"[a-z0-9']+", dtype=np.float32
        )
        self.char_vectoriser = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, dtype=np.float32
        )
        matrix = hstack([self.word_vectoriser.fit_transform(texts), self.char_vectoriser.fit_transform(texts)]).tocsr()
        self.classifier, self.temperature = _fit_classifier(matrix, np.array(labels), rng, seed)
        for vectoriser in (self.word_vectoriser, self.char_vectoriser):
            vectoriser.stop_words_ = None  # the n-grams min_df dropped: only needed to inspect, large to cache

        forms_by_type = {name: list(forms) for name, forms in self.types.items()}
        for slot_type in sorted({s.type for i in self.intents.values() for s in i.slots.values()}):
            if slot_type not in self.types and slot_type in BUILTIN_TYPE_VALUES:
                forms_by_type[slot_type] = [" ".join(tokens(v)) for v in BUILTIN_TYPE_VALUES[slot_type]]
        self.gazetteer = _Gazetteer(forms_by_type)
        self.tagger_models = _train_taggers(tagged, self.gazetteer, seed)
        self.training_sentences = len(texts)
        self.training_seconds = time.perf_counter() - started
        self.training_cpu_seconds = time.process_time() - started_cpu
        return self

    # -- prediction --

    def scores(self, text: str) -> dict[str, float]:
        """The classifier's probability of every trained intent (the out-of-domain class as FallbackIntent)."""
        assert self.classifier is not None and self.word_vectoriser is not None and self.char_vectoriser is not None
        line = " ".join(tokens(text))
        row = hstack([self.word_vectoriser.transform([line]), self.char_vectoriser.transform([line])]).tocsr()
        probabilities = _softmax(_margins(self.classifier, row) * self.temperature)[0]
        return {str(name): float(p) for name, p in zip(self.classifier.classes_, probabilities, strict=True)}

    def predict(
        self, text: str, *, allowed_intents: Collection[str] | None = None, elicited_slot: str | None = None
    ) -> Prediction:
        """The intent and slots the recogniser hears in `text`.

        `allowed_intents` restricts the choice to those intents (every one must be in the model), as a
        dialog context narrows what Alexa expects; `confidence` is then renormalised over them.

        `elicited_slot` names the slot the skill has just asked for. The emulation of Alexa's bias
        towards it assumes exactly this:
        1. the intents that have a slot of that name (among the allowed ones) are the elicited intents;
        2. when the classifier picked another intent with confidence below UNCERTAIN_BELOW (0.5), the
           most probable elicited intent is chosen instead (Alexa routes a reply it is unsure of to the
           intent it is eliciting);
        3. when the chosen intent has the slot and its tagger tagged no span for it, the whole utterance
           becomes the slot's value, less the longest run of leading words that some sample of that
           intent has before the slot ("it's my {areas}" strips "it's my"); nothing is stripped after it,
           and fillers ("um") are kept unless a sample has them;
        4. only custom types and AMAZON.SearchQuery are filled so: another built-in type (a duration, a
           date) takes only words it can convert, which this estimate does not model;
        5. a confident pick of another intent (FallbackIntent included) is kept, with no slot forced.
        """
        candidates = self._candidates(allowed_intents)
        scores = self.scores(text)
        weights = {name: scores.get(name, 0.0) for name in candidates}
        total = sum(weights.values())
        chosen = max(candidates, key=lambda name: (weights[name], name == FALLBACK, name))
        confidence = weights[chosen] / total if total > 0 else 0.0
        if elicited_slot is not None and confidence < UNCERTAIN_BELOW:
            owners = [name for name in candidates if elicited_slot in self.intents[name].slots]
            if owners and chosen not in owners:
                chosen = max(owners, key=lambda name: (weights[name], name))
                confidence = weights[chosen] / total if total > 0 else 0.0
        words = tokens(text)
        slots = self.tag(chosen, words)
        filled = False
        intent = self.intents.get(chosen)
        if elicited_slot is not None and intent is not None and elicited_slot in intent.slots:
            slot = intent.slots[elicited_slot]
            fillable = slot.type in self.types or slot.type == SEARCH_QUERY
            if fillable and not slots.get(elicited_slot):
                rest = strip_carrier(words, intent.carriers.get(elicited_slot, set()))
                if rest:
                    slots[elicited_slot] = [" ".join(rest)]
                    filled = True
        return Prediction(chosen, confidence, slots, self.resolve(chosen, slots), filled)

    def _candidates(self, allowed_intents: Collection[str] | None) -> list[str]:
        if allowed_intents is None:
            names = list(self.intents)
        else:
            if isinstance(allowed_intents, str):
                allowed_intents = (allowed_intents,)
            unknown = sorted(set(allowed_intents) - set(self.intents))
            if unknown:
                raise ValueError(f"allowed intents not in the model: {', '.join(unknown)}")
            names = [name for name in self.intents if name in set(allowed_intents)]
        if not names:
            raise ValueError("no intent is allowed")
        return names

    def tag(self, intent_name: str, words: Sequence[str]) -> dict[str, list[str]]:
        """The spans the intent's tagger tags in `words`, by slot name (a slot that takes one value keeps
        its first span)."""
        intent = self.intents.get(intent_name)
        if intent is None or intent_name not in self.tagger_models or not words:
            return {}
        assert self.gazetteer is not None
        tagger = self._tagger(intent_name)
        tags = tagger.tag(_features(words, self.gazetteer.marks(words), [False] * len(words)))
        spans: dict[str, list[str]] = {}
        current: tuple[str, list[str]] | None = None
        for word, tag in [*zip(words, tags, strict=True), ("", "O")]:
            slot = tag[2:] if tag != "O" else None
            continues = tag.startswith("I-") and current is not None and current[0] == slot
            if continues:
                assert current is not None
                current[1].append(word)
                continue
            if current is not None:
                spans.setdefault(current[0], []).append(" ".join(current[1]))
                current = None
            if slot is not None:
                current = (slot, [word])
        return {
            name: values if intent.slots[name].multiple else values[:1]
            for name, values in spans.items()
            if name in intent.slots
        }

    def resolve(self, intent_name: str, slots: Mapping[str, Sequence[str]]) -> dict[str, list[str | None]]:
        """Entity resolution: per span of a custom-type slot, the id of the value whose name or synonym
        it is after lower-casing, else None; spans of built-in types are None (Alexa resolves none)."""
        intent = self.intents[intent_name]
        resolved: dict[str, list[str | None]] = {}
        for name, spans in slots.items():
            forms = self.types.get(intent.slots[name].type, {})
            resolved[name] = [forms.get(" ".join(tokens(span))) for span in spans]
        return resolved

    def _tagger(self, intent_name: str) -> pycrfsuite.Tagger:
        tagger = self._taggers.get(intent_name)
        if tagger is None:
            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(self.tagger_models[intent_name])
            self._taggers[intent_name] = tagger
        return tagger


def _margins(classifier: LinearSVC, matrix: Any) -> np.ndarray:
    """One margin per class and row (with two classes the SVM gives one, for the second: +m/2 and -m/2)."""
    margins = classifier.decision_function(matrix)
    return np.column_stack([-margins / 2, margins / 2]) if margins.ndim == 1 else margins


def _softmax(margins: np.ndarray) -> np.ndarray:
    shifted = margins - margins.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def _fit_classifier(matrix: Any, labels: np.ndarray, rng: random.Random, seed: int) -> tuple[LinearSVC, float]:
    """A linear SVM trained on all but a random tenth of the sentences, and the temperature that makes
    softmax(margins * temperature) the best probabilities (least log loss) for that unseen tenth."""
    weights = {FALLBACK: FALLBACK_WEIGHT} if FALLBACK in set(labels) else None
    order = list(range(len(labels)))
    rng.shuffle(order)
    held = np.array(sorted(order[: int(len(order) * CALIBRATION_SHARE)]), dtype=int)
    kept = np.setdiff1d(np.arange(len(labels)), held)
    if len(held) == 0 or len(set(labels[kept])) < len(set(labels)):
        kept = np.arange(len(labels))  # too few sentences to hold any out: no temperature to fit
    classifier = LinearSVC(C=CLASSIFIER_C, class_weight=weights, random_state=seed).fit(matrix[kept], labels[kept])
    if len(kept) == len(labels):
        return classifier, 1.0
    margins = _margins(classifier, matrix[held])
    truth = np.searchsorted(classifier.classes_, labels[held])

    def loss(log_t: float) -> float:
        p = _softmax(margins * np.exp(log_t))
        return float(-np.log(p[np.arange(len(truth)), truth] + 1e-12).mean())

    return classifier, float(np.exp(minimize_scalar(loss, bounds=(-2.0, 4.0), method="bounded").x))


def strip_carrier(words: Sequence[str], carriers: Iterable[tuple[str, ...]]) -> list[str]:
    """`words` less the longest carrier that starts them, when some word is left."""
    longest = max(
        (len(c) for c in carriers if len(c) < len(words) and tuple(words[: len(c)]) == c),
        default=0,
    )
    return list(words[longest:])


def _seed_crfsuite(seed: int) -> None:
    """crfsuite's perceptron shuffles the sentences with the C library's rand(), which nothing else
    seeds: seeding it before each training makes the tagger the same on every run in any process."""
    # Without a C library to reach, training stays correct, if not repeatable.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).srand(seed)


def _tagger_sentences(
    intents: Mapping[str, Intent], by_intent: Mapping[str, list[_Sentence]], rng: random.Random
) -> dict[str, list[_Sentence]]:
    """Each intent's tagger learns from its own sentences and from a share of the other intents' (and the
    off-topic lines), where only slots of the same name and type stay tagged: without them, a tagger that
    has only ever seen sentences with its slot in them tags some words of any sentence."""
    tagged: dict[str, list[_Sentence]] = {}
    # A free-text slot (AMAZON.SearchQuery) is filled with any words of the model, body parts and
    # signs among them: lent as a negative, such a sentence would teach a tagger that its own values
    # are nothing. Only sentences without free text are lent.
    lendable = {
        name: [s for s in sentences if not _free_text(intents[name], s)] for name, sentences in by_intent.items()
    }
    pool = [(name, sentence) for name, sentences in lendable.items() for sentence in sentences]
    start = 0
    for name, own in by_intent.items():
        lent = len(lendable[name])
        end = start + lent  # the pool holds each intent's sentences together: [start, end) are its own
        if any(tag != "O" for sentence in own for tag in sentence.tags):
            slots = intents[name].slots
            count = min(len(pool) - lent, int(len(own) * NEGATIVE_SHARE))
            negatives = []
            for drawn in sorted(rng.sample(range(len(pool) - lent), count)):
                other, sentence = pool[drawn if drawn < start else drawn + lent]
                tags = [
                    tag if tag != "O" and _same_slot(intents[other].slots.get(tag[2:]), slots.get(tag[2:])) else "O"
                    for tag in sentence.tags
                ]
                negatives.append(_Sentence(sentence.words, tags, sentence.hidden))
            tagged[name] = own + negatives
        start = end
    return tagged


def _free_text(intent: Intent, sentence: _Sentence) -> bool:
    return any(tag != "O" and getattr(intent.slots.get(tag[2:]), "type", "") == SEARCH_QUERY for tag in sentence.tags)


def _same_slot(one: Slot | None, other: Slot | None) -> bool:
    return one is not None and other is not None and one.type == other.type


def _train_one(items: Sequence[tuple[list[list[str]], list[str]]], seed: int) -> bytes:
    trainer = pycrfsuite.Trainer(algorithm=CRF_ALGORITHM, verbose=False)
    for features, tags in items:
        trainer.append(features, tags)
    trainer.set_params(CRF_PARAMS)
    with tempfile.TemporaryDirectory(prefix="nlu-crf-") as directory:
        path = os.path.join(directory, "tagger.crfsuite")
        _seed_crfsuite(seed)
        trainer.train(path)
        return Path(path).read_bytes()


def _train_taggers(tagged: Mapping[str, Sequence[_Sentence]], gazetteer: _Gazetteer, seed: int) -> dict[str, bytes]:
    # A sentence lent to other intents' taggers shares its words list: its features are computed once.
    features: dict[int, list[list[str]]] = {}
    models = {}
    for name, sentences in tagged.items():
        items = []
        for sentence in sentences:
            key = id(sentence.words)
            if key not in features:
                features[key] = _features(sentence.words, gazetteer.marks(sentence.words), sentence.hidden)
            items.append((features[key], sentence.tags))
        models[name] = _train_one(items, seed)
    return models


# ---- Cache ----------------------------------------------------------------------------------------------


def cache_key(model_json: Mapping[str, Any], *, seed: int, samples_per_intent: int | None) -> str:
    digest = hashlib.sha256(json.dumps(model_json, sort_keys=True, separators=(",", ":")).encode())
    settings = f"{VERSION}|{seed}|{samples_per_intent}|{sklearn.__version__}|{_crfsuite_version()}|{np.__version__}"
    digest.update(settings.encode())
    return digest.hexdigest()


def _crfsuite_version() -> str:
    try:
        from importlib.metadata import version

        return version("python-crfsuite")
    except Exception:  # an unusual install: the module's presence is enough for the key
        return "unknown"


def _load(path: Path, key: str) -> Recogniser | None:
    """The cached recogniser, or None when the file is unreadable, corrupted or not for this key."""
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
    except Exception:
        return None
    if not isinstance(loaded, Recogniser) or loaded.key != key:
        return None
    loaded.from_cache = True
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return loaded


def _store(path: Path, recogniser: Recogniser) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(recogniser, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)  # atomic: parallel test workers never read half a file
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _prune(path.parent)


def _prune(directory: Path) -> None:
    """Keeps the CACHE_ENTRIES most recently used recognisers and drops the rest."""
    entries = []
    for entry in directory.glob("*.pickle"):
        with contextlib.suppress(OSError):
            entries.append((entry.stat().st_mtime, entry.name, entry))
    for _, _, entry in sorted(entries, reverse=True)[CACHE_ENTRIES:]:
        entry.unlink(missing_ok=True)


# ---- Command line ----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A statistical estimate of Alexa's reading of an utterance.")
    parser.add_argument("--model", type=Path, required=True, help="an interaction model JSON (ASK CLI v2 format)")
    parser.add_argument("text", nargs="+", help="the utterance(s), one per argument")
    parser.add_argument("--allow", action="append", metavar="INTENT", help="an allowed intent (repeatable)")
    parser.add_argument("--elicit", metavar="SLOT", help="the slot the skill has just asked for")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samples-per-intent", type=int, default=None)
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help="where trained recognisers are kept")
    parser.add_argument("--no-cache", action="store_true", help="train afresh and write no cache")
    parser.add_argument("--json", action="store_true", help="one JSON object per utterance")
    args = parser.parse_args(argv)
    model = json.loads(args.model.read_text(encoding="utf-8"))
    recogniser = Recogniser.train(
        model,
        seed=args.seed,
        samples_per_intent=args.samples_per_intent,
        cache_dir=None if args.no_cache else args.cache_dir,
    )
    if not args.json:
        how = "from the cache" if recogniser.from_cache else f"trained in {recogniser.training_seconds:.1f} s"
        print(f"recogniser: {recogniser.training_sentences} training sentences, {how}", file=sys.stderr)
    for text in args.text:
        prediction = recogniser.predict(text, allowed_intents=args.allow, elicited_slot=args.elicit)
        if args.json:
            print(json.dumps({"text": text, **prediction.as_dict()}))
            continue
        print(f"{text!r} -> {prediction.intent} ({prediction.confidence:.2f})")
        for name, spans in prediction.slots.items():
            for span, value_id in zip(spans, prediction.resolved[name], strict=True):
                print(f"  {name} = {span!r} -> {value_id if value_id is not None else 'ER_SUCCESS_NO_MATCH'}")
        if prediction.elicitation_filled:
            print(f"  (the utterance filled the elicited slot {args.elicit})")
    return 0


if __name__ == "__main__":
    # Run by `python -m`, this file is __main__: a recogniser pickled from here would name the class
    # __main__.Recogniser, which no other user of the cache can load. The module proper pickles it.
    from tests.nlu.statistical import main as module_main

    raise SystemExit(module_main())
