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
# Our own budget, so that the model stays readable, fast to build and well inside 1.5 MB.
MAX_SAMPLES_PER_LOCALE = 30_000
MAX_SAMPLES_PER_INTENT = 6_000
MAX_SAMPLES_PER_TEMPLATE = 500


@pytest.mark.parametrize("locale", LOCALES)
def test_the_model_file_and_its_compact_form_are_under_the_size_limit(locale: str) -> None:
    # The limit is not documented as applying to the file as uploaded or to its compact form:
    # both stay well inside it.
    text = model_file(locale).read_text("utf-8")
    assert len(text.encode("utf-8")) <= MAX_MODEL_BYTES * 0.85
    compact = json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)
    assert len(compact.encode("utf-8")) <= MAX_MODEL_BYTES * 0.8  # a fifth to spare


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
    assert sum(counts.values()) <= MAX_SAMPLES_PER_LOCALE
    assert {name: n for name, n in counts.items() if n > MAX_SAMPLES_PER_INTENT} == {}
    long = [s for intent in MODELS[locale]["intents"] for s in intent.get("samples", []) if len(s) > MAX_SAMPLE_CHARS]
    assert long == []


@pytest.mark.parametrize("locale", LOCALES)
def test_no_template_expands_to_more_samples_than_the_budget(locale: str) -> None:
    # Products of optional groups grow fast; `python interaction_models/build_model.py --counts en-US`.
    big = [
        (i, t, n)
        for i, t, n in build_model.template_counts(build_model.load_source(locale))
        if n > MAX_SAMPLES_PER_TEMPLATE
    ]
    assert big == []


def test_generation_is_deterministic() -> None:
    for locale in LOCALES:
        assert build_model.render(locale) == build_model.render(locale)
