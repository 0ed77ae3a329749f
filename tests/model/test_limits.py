"""Alexa's published interaction-model limits, and our own budget inside them, for every locale.

Found (search of Alexa's documentation, December 2026): the "Interaction model limits" table of
"Create the Interaction Model for Your Skill" (developer.amazon.com/docs/alexa/custom-skills/
create-the-interaction-model-for-your-skill.html#limits), as quoted by a public research note that
scraped it: a model of at most 1.5 MB, at most 250 intents, at most 350 intents and slot types
together, at most 140 characters per slot value and per synonym. Older public reports agree and add
a ceiling of 50,000 values for one custom slot type (alexa-js/alexa-app#23) and a model definition
of at most 1,000,000 characters for the older SMAPI upload (alexa/ask-cli#9).

Not found in any page we could retrieve: samples per intent and per skill, characters per sample,
synonyms per skill. For those we hold conservative values of our own: a sample of at most 200
characters (Amazon Lex's limit for the same thing), at most 10,000 values and synonyms in one slot
type (Lex's enumeration limit), and sample counts well under what the 1.5 MB size allows.
"""

import json

import pytest

from interaction_models import build_model
from tests.model.models import LOCALES, MODELS, model_file

MAX_MODEL_BYTES = 1_500_000  # documented
MAX_INTENTS = 250  # documented
MAX_INTENTS_AND_TYPES = 350  # documented
MAX_VALUE_CHARS = 140  # documented, for values and for synonyms
MAX_VALUES_PER_TYPE = 10_000  # not documented: Lex's limit, far below the 50,000 reported
MAX_SAMPLE_CHARS = 200  # not documented: Lex's limit
# Our own budget: half of Alexa's limit at most, so a new intent always has room (the issue asked
# for 0.75 MB); the samples of every intent are capped when the model is built.
MAX_MODEL_BUDGET = 750_000
MAX_SAMPLES_PER_LOCALE = 6_000


@pytest.mark.parametrize("locale", LOCALES)
def test_the_model_file_and_its_compact_form_are_under_the_size_limit(locale: str) -> None:
    # The limit is not documented as applying to the file as uploaded or to its compact form:
    # both stay well inside it.
    text = model_file(locale).read_text("utf-8")
    assert len(text.encode("utf-8")) <= MAX_MODEL_BUDGET
    compact = json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)
    assert len(compact.encode("utf-8")) <= MAX_MODEL_BUDGET <= MAX_MODEL_BYTES / 2


@pytest.mark.parametrize("locale", LOCALES)
def test_intents_and_slot_types_are_within_the_limits(locale: str) -> None:
    model = MODELS[locale]
    assert len(model["intents"]) <= MAX_INTENTS
    assert len(model["intents"]) + len(model["types"]) <= MAX_INTENTS_AND_TYPES


@pytest.mark.parametrize("locale", LOCALES)
def test_slot_values_and_synonyms_are_within_the_limits(locale: str) -> None:
    for slot_type in MODELS[locale]["types"]:
        phrases = [p for v in slot_type["values"] for p in (v["name"]["value"], *v["name"]["synonyms"])]
        assert len(phrases) <= MAX_VALUES_PER_TYPE, slot_type["name"]
        assert [p for p in phrases if len(p) > MAX_VALUE_CHARS] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_samples_are_within_our_budget(locale: str) -> None:
    counts = {intent["name"]: len(intent.get("samples", [])) for intent in MODELS[locale]["intents"]}
    cap = int(build_model.templates()["max_samples_per_intent"])
    assert sum(counts.values()) <= MAX_SAMPLES_PER_LOCALE
    assert {name: n for name, n in counts.items() if n > cap} == {}
    long = [s for intent in MODELS[locale]["intents"] for s in intent.get("samples", []) if len(s) > MAX_SAMPLE_CHARS]
    assert long == []


def test_the_cap_on_samples_keeps_a_varied_choice_and_is_deterministic() -> None:
    many = [f"sample number {i}" for i in range(1000)]
    kept = build_model.bounded(many, 100)
    assert len(kept) == 100 and kept == build_model.bounded(list(many), 100)
    assert kept == [s for s in many if s in set(kept)]  # in their original order
    assert build_model.bounded(many[:50], 100) == many[:50]
