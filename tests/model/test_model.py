"""What Alexa's model build and certification enforce, checked for every locale's model before
anything is uploaded. Alexa's published size limits are in test_limits.py."""

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from interaction_models import build_model
from muscle_twitch.core.interview import Interview
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.locales import supported_locales
from muscle_twitch.skill.handlers.answer import ANSWER_INTENTS
from muscle_twitch.skill.slots import (
    ANSWER_INTENT,
    OPENER_SLOT_PREFIX,
    QUESTION_INTENTS,
    REPLY_SLOT,
    TERM_SLOTS,
    elicited_slot,
)
from simulator.builtin_intents import BUILTIN_PHRASES
from simulator.builtin_types import converter_for
from simulator.text import keys
from tests.model.models import DIALOGS, LOCALES, MANIFEST, MODELS, PROMPTS, intents, model_file, samples

# Built-in slot types the models may use, per locale. Numbers, dates, times and durations and
# AMAZON.SearchQuery are listed for every English locale in Alexa's Slot Type Reference; a type
# added here for one locale must be checked there for that locale, and a locale that is not
# English has no entry (its test fails) until someone has checked the reference for it.
_EVERY_ENGLISH_LOCALE = {"AMAZON.DURATION", "AMAZON.NUMBER", "AMAZON.DATE", "AMAZON.TIME", "AMAZON.SearchQuery"}
BUILT_IN_TYPES = {locale: _EVERY_ENGLISH_LOCALE for locale in supported_locales() if locale.startswith("en-")}
REQUIRED_BUILT_INS = {
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.FallbackIntent",
}
# Words an invocation name may not contain (launch phrases, wake words, and health claims).
FORBIDDEN_INVOCATION_WORDS = {
    "alexa", "amazon", "echo", "computer", "skill", "app", "launch", "ask", "tell", "open", "begin", "start",
    "load", "play", "resume", "run", "use", "enable", "doctor", "diagnose", "diagnosis", "cure", "als",
}  # fmt: skip
SLOT = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_committed_model_is_generated_from_its_sources(locale: str) -> None:
    assert model_file(locale).read_text("utf-8") == build_model.render(locale), "run `make model`"


def test_every_locale_has_a_model_and_every_model_a_source() -> None:
    generated = {p.stem for p in (build_model.OUTPUT).glob("*.json")}
    assert generated == set(LOCALES) == set(build_model.locales())
    assert set(MANIFEST["publishingInformation"]["locales"]) <= set(LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_invocation_name_is_valid(locale: str) -> None:
    name = MODELS[locale]["invocationName"]
    assert re.fullmatch(r"[a-z]+( [a-z]+)+", name)
    assert not set(name.split()) & FORBIDDEN_INVOCATION_WORDS


@pytest.mark.parametrize("locale", LOCALES)
def test_every_sample_uses_only_slots_its_intent_defines(locale: str) -> None:
    defined = {name: {s["name"] for s in intent.get("slots", [])} for name, intent in intents(locale).items()}
    wrong = [(i, s) for i, s in samples(locale) if not set(SLOT.findall(s)) <= defined[i]]
    assert wrong == []


@pytest.mark.parametrize("locale", LOCALES)
def test_every_sample_is_speakable_text(locale: str) -> None:
    wrong = [
        (i, s)
        for i, s in samples(locale)
        if not re.fullmatch(r"[a-z' ]*(\{\w+\}[a-z' ]*)*", s) or s != " ".join(s.split()) or not s
    ]
    assert wrong == []


@pytest.mark.parametrize("locale", LOCALES)
def test_every_slot_type_is_defined_or_a_built_in_of_the_locale(locale: str) -> None:
    types = {t["name"] for t in MODELS[locale]["types"]}
    used = {slot["type"] for intent in MODELS[locale]["intents"] for slot in intent.get("slots", [])}
    assert used - types <= BUILT_IN_TYPES[locale]
    assert all(re.fullmatch(r"[A-Za-z_]+", name) for name in types)


@pytest.mark.parametrize("locale", LOCALES)
def test_free_text_slots_have_carrier_words_and_no_other_slot(locale: str) -> None:
    # AMAZON.SearchQuery needs a carrier phrase, and is kept alone in its samples.
    wrong = []
    for name, intent in intents(locale).items():
        slot_types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            used = SLOT.findall(sample)
            free = any(slot_types[s] == "AMAZON.SearchQuery" for s in used)
            if free and (not SLOT.sub("", sample).strip() or len(used) > 1):
                wrong.append((name, sample))
    assert wrong == []


@pytest.mark.parametrize("locale", LOCALES)
def test_required_built_in_intents_are_present_and_every_intent_the_skill_handles_is_defined(locale: str) -> None:
    names = set(intents(locale))
    assert names >= REQUIRED_BUILT_INS
    assert ANSWER_INTENTS | {"WhyIntent", "AMAZON.RepeatIntent", "AMAZON.StartOverIntent"} <= names


def _conflict_key(sample: str, slot_types: dict[str, str]) -> str:
    """A sample as Alexa compares them: case and punctuation aside, a slot is its type."""
    return " ".join(keys(SLOT.sub(lambda m: f" slot{slot_types[m.group(1)].replace('.', '')} ", sample)))


@pytest.mark.parametrize("locale", LOCALES)
def test_no_sample_is_in_two_intents_counting_the_phrases_alexa_gives_built_ins(locale: str) -> None:
    owner: dict[str, str] = {}
    conflicts = []
    for name, intent in intents(locale).items():
        slot_types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in [*intent.get("samples", []), *BUILTIN_PHRASES.get(name, ())]:
            key = _conflict_key(sample, slot_types)
            if owner.setdefault(key, name) != name:
                conflicts.append((sample, owner[key], name))
    assert conflicts == []


@pytest.mark.parametrize("locale", LOCALES)
def test_slot_values_are_the_language_packages_names_for_the_cause_tables_ids(locale: str) -> None:
    knowledge = load_knowledge()
    types = {t["name"]: t for t in MODELS[locale]["types"]}
    kinds = {name: kind for name, kind in build_model.templates()["types"].items() if kind in knowledge.terms}
    for type_name, kind in kinds.items():
        assert sorted(v["id"] for v in types[type_name]["values"]) == sorted(knowledge.terms[kind])
    assert [v["id"] for v in types["REPLY"]["values"]] == ["yes", "no", "unsure"]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_skill_reads_every_slot_of_every_intent(locale: str) -> None:
    read = {*TERM_SLOTS, REPLY_SLOT, "story", *build_model.QUESTION_SLOTS}
    defined = {slot["name"] for intent in MODELS[locale]["intents"] for slot in intent.get("slots", [])}
    assert {d for d in defined if not d.startswith(OPENER_SLOT_PREFIX)} <= read


@pytest.mark.parametrize("locale", LOCALES)
def test_a_slot_named_for_the_word_it_follows_gets_that_word_back(locale: str) -> None:
    """AskQuestionIntent and TellIntent hand over the words after their first word in a slot named
    for it ("will {after_will}"): each such sample's word is the slot's name, so the reader gets
    the sentence whole."""
    found = 0
    for intent in MODELS[locale]["intents"]:
        for sample in intent["samples"]:
            for slot in re.findall(r"\{(" + OPENER_SLOT_PREFIX + r"\w+)\}", sample):
                found += 1
                said = slot.removeprefix(OPENER_SLOT_PREFIX).replace("_", " ")
                assert keys(sample.replace("{" + slot + "}", "")) == keys(said) or sample.startswith(said), sample
    assert found


@pytest.mark.parametrize(
    ("intent", "slot", "words", "topic"),
    [
        ("AskQuestionIntent", "after_will", "it ever go away", "how_long"),
        ("AskQuestionIntent", "after_how", "do i stop my eye twitching", "what_to_do"),
        ("AskQuestionIntent", "after_could", "my kids get it", "family"),
        ("AskQuestionIntent", "after_can", "they give me something for it", "treatments"),
    ],
)
def test_a_question_in_other_words_is_read_whole(intent: str, slot: str, words: str, topic: str) -> None:
    from ask_sdk_model import Slot

    from muscle_twitch.language.reader import Context
    from muscle_twitch.skill.slots import evidence_from

    evidence = evidence_from(
        intent,
        {slot: Slot(name=slot, value=words)},
        load_knowledge(),
        dt.date(2026, 1, 5),
        locale="en-US",
        context=Context(),
    )
    assert [t.id for t in evidence.topics][:1] == [topic]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_question_is_elicited_on_a_slot_the_dialog_model_can_elicit(locale: str) -> None:
    dialog = DIALOGS[locale]
    answer = next(i for i in dialog["intents"] if i["name"] == ANSWER_INTENT)
    assert answer["delegationStrategy"] == "SKILL_RESPONSE"  # the skill keeps its own question order
    elicitable = {s["name"]: s for s in answer["slots"] if s["elicitationRequired"]}
    prompt_ids = {p["id"] for p in PROMPTS[locale]}
    knowledge = load_knowledge()
    for question in knowledge.questions:
        slot = elicited_slot(Interview(asking=question.id), knowledge)
        assert slot in elicitable, (question.id, slot)
    assert elicited_slot(Interview(offer="reminder"), knowledge) in elicitable
    assert all(s["prompts"]["elicitation"] in prompt_ids for s in elicitable.values())


@pytest.mark.parametrize("locale", LOCALES)
def test_every_dialog_prompt_is_a_whole_spoken_question(locale: str) -> None:
    # Alexa speaks these only if it ever elicits a slot itself; then no word may be missing.
    for prompt in PROMPTS[locale]:
        for variation in prompt["variations"]:
            text = variation["value"]
            assert not re.search(r"[{}\[\]]|  ", text), (prompt["id"], text)
            assert text[0].isupper() and text.endswith("?"), (prompt["id"], text)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_elicited_slot_takes_a_bare_answer_and_no_slot_is_multi_valued(locale: str) -> None:
    answer = intents(locale)[ANSWER_INTENT]
    for slot in answer["slots"]:
        assert "{" + slot["name"] + "}" in slot["samples"], slot["name"]
    # Whether Dialog.ElicitSlot works on a multi-value slot is undocumented, and en-IN has none:
    # the reader splits lists itself.
    assert not any(s.get("multipleValues") for i in MODELS[locale]["intents"] for s in i.get("slots", []))


@pytest.mark.parametrize("locale", LOCALES)
def test_the_fallback_sensitivity_is_the_one_chosen(locale: str) -> None:
    level = MODELS[locale]["modelConfiguration"]["fallbackIntentSensitivity"]["level"]
    assert level == build_model.templates()["fallback_sensitivity"] and level in ("LOW", "MEDIUM", "HIGH")


@pytest.mark.parametrize("locale", LOCALES)
def test_every_intent_of_the_model_is_one_the_skill_handles(locale: str) -> None:
    handled = ANSWER_INTENTS | REQUIRED_BUILT_INS | {"WhyIntent", "AMAZON.RepeatIntent", "AMAZON.StartOverIntent"}
    assert set(intents(locale)) <= handled
    assert set(QUESTION_INTENTS) <= set(intents(locale))


def test_every_custom_value_and_synonym_is_found_by_the_simulator_as_written() -> None:
    # A synonym the recogniser cannot hear as written (digits, symbols) would never match.
    for locale in LOCALES:
        for slot_type in MODELS[locale]["types"]:
            for value in slot_type["values"]:
                for phrase in (value["name"]["value"], *value["name"]["synonyms"]):
                    assert keys(phrase), (locale, slot_type["name"], phrase)


def _sample_matches(text: str, sample: str, intent: dict[str, Any], types: dict[str, Any]) -> bool:
    """Whether `text` is `sample` with each custom slot filled by one of its type's phrases and each
    built-in slot by words Alexa converts to that type (the simulator's converters). A sample
    whose own words are not all in the text is skipped before any pattern is built: the models
    have tens of thousands of samples."""
    if not all(part.strip() in text for part in SLOT.split(sample)[::2]):
        return False
    slot_types = {s["name"]: s["type"] for s in intent.get("slots", [])}
    built_ins = [slot_types[name] for name in SLOT.findall(sample) if slot_types[name] not in types]

    def slot_alternatives(match: re.Match[str]) -> str:
        name = slot_types[match.group(1)]
        return _type_alternatives(name, types) if name in types else "(.+)"

    found = re.fullmatch(SLOT.sub(slot_alternatives, sample), text)
    return found is not None and all(
        _converts(type_name, words) for type_name, words in zip(built_ins, found.groups(), strict=True)
    )


def _type_alternatives(name: str, types: dict[str, Any]) -> str:
    phrases = [p for v in types[name]["values"] for p in (v["name"]["value"], *v["name"]["synonyms"])]
    return "(?:" + "|".join(re.escape(p.lower()) for p in phrases) + ")"


def _converts(type_name: str, words: str) -> bool:
    convert = converter_for(type_name)
    return convert is not None and convert(tuple(words.split()), dt.date(2024, 5, 6)) is not None


@pytest.mark.parametrize("locale", sorted(MANIFEST["publishingInformation"]["locales"]))
def test_skill_manifest_is_a_health_skill_with_the_certification_disclaimer(locale: str) -> None:
    listing = MANIFEST["publishingInformation"]["locales"][locale]
    assert listing["name"] == "Muscle Twitch Guide"
    assert MANIFEST["publishingInformation"]["category"] == "HEALTH_AND_FITNESS"
    assert "not a substitute for professional medical advice" in listing["description"]
    # In the locale's care words ("Call your GP" in en-GB and en-AU, "family doctor" in en-CA).
    assert re.search(r"Call your (doctor|family doctor|GP) for medical advice", listing["description"])
    assert "call your local emergency number" in listing["description"]
    assert MANIFEST["privacyAndCompliance"]["locales"][locale]["privacyPolicyUrl"].startswith("https://")


@pytest.mark.parametrize(
    ("locale", "phrase"),
    [
        (loc, p)
        for loc, listing in MANIFEST["publishingInformation"]["locales"].items()
        for p in listing["examplePhrases"]
    ],
)
def test_example_phrases_match_sample_utterances(locale: str, phrase: str) -> None:
    model = MODELS[locale]
    invocation = model["invocationName"]
    text = phrase.lower().rstrip(".?!").removeprefix("alexa, ")
    if text in (f"open {invocation}", f"launch {invocation}", f"start {invocation}"):
        return
    match = re.fullmatch(rf"(ask|tell) {invocation} (?:to |that )?(.+)", text)
    assert match, phrase
    types = {t["name"]: t for t in model["types"]}
    found = intents(locale)
    assert any(_sample_matches(match.group(2), s, found[i], types) for i, s in samples(locale)), (
        f"{phrase!r} matches no sample utterance"
    )


def test_model_files_are_utf8_json() -> None:
    for locale in LOCALES:
        assert json.loads(Path(model_file(locale)).read_text("utf-8"))["interactionModel"]["languageModel"]
