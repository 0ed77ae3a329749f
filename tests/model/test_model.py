"""What Alexa's model build and certification enforce, checked before anything is uploaded."""

import json
import re
from pathlib import Path
from typing import Any

import pytest

from interaction_models import build_model
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.skill.handlers.answer import ANSWER_INTENTS
from muscle_twitch.skill.slots import DURATION_SLOTS, TERM_SLOTS

ROOT = Path(__file__).resolve().parents[2]
MODEL_FILE = ROOT / "skill-package" / "interactionModels" / "custom" / "en-US.json"
MANIFEST = json.loads((ROOT / "skill-package" / "skill.json").read_text("utf-8"))["manifest"]
MODEL = json.loads(MODEL_FILE.read_text("utf-8"))["interactionModel"]["languageModel"]
INTENTS = {i["name"]: i for i in MODEL["intents"]}
TYPES = {t["name"]: t for t in MODEL["types"]}
# Built-in slot types this model may use, all available in en-US.
BUILT_IN_TYPES = {"AMAZON.DURATION", "AMAZON.NUMBER", "AMAZON.DATE", "AMAZON.TIME"}
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


def samples() -> list[tuple[str, str]]:
    return [(intent["name"], s) for intent in MODEL["intents"] for s in intent.get("samples", [])]


def test_the_committed_model_is_generated_from_its_sources() -> None:
    assert MODEL_FILE.read_text("utf-8") == build_model.render("en-US"), "run `make model`"


def test_the_invocation_name_is_valid() -> None:
    name = MODEL["invocationName"]
    assert re.fullmatch(r"[a-z]+( [a-z]+)+", name)
    assert not set(name.split()) & FORBIDDEN_INVOCATION_WORDS


@pytest.mark.parametrize(("intent", "sample"), samples())
def test_every_sample_uses_only_slots_its_intent_defines(intent: str, sample: str) -> None:
    defined = {s["name"] for s in INTENTS[intent].get("slots", [])}
    assert set(SLOT.findall(sample)) <= defined


def test_every_sample_is_speakable_text() -> None:
    for intent, sample in samples():
        assert re.fullmatch(r"[a-z' ]*(\{\w+\}[a-z' ]*)*", sample), (intent, sample)
        assert sample == " ".join(sample.split()), (intent, sample)


def test_every_slot_type_is_defined_or_a_built_in_of_the_locale() -> None:
    for intent in MODEL["intents"]:
        for slot in intent.get("slots", []):
            assert slot["type"] in TYPES or slot["type"] in BUILT_IN_TYPES, (intent["name"], slot)
    for name in TYPES:
        assert re.fullmatch(r"[A-Za-z_]+", name)


def test_no_sample_is_only_slots_where_alexa_refuses_it() -> None:
    dialog_intents = {i["name"] for i in MODEL.get("dialog", {}).get("intents", []) if i.get("delegationStrategy")}
    for intent, sample in samples():
        slot_types = {s["name"]: s["type"] for s in INTENTS[intent].get("slots", [])}
        refuses = intent in dialog_intents or "AMAZON.SearchQuery" in slot_types.values()
        if refuses:
            assert SLOT.sub("", sample).strip(), (intent, sample)


def test_required_built_in_intents_are_present_and_every_intent_the_skill_handles_is_defined() -> None:
    assert set(INTENTS) >= REQUIRED_BUILT_INS
    handled = ANSWER_INTENTS | {"WhyIntent", "AMAZON.RepeatIntent", "AMAZON.StartOverIntent"}
    assert handled <= set(INTENTS)


def test_no_sample_utterance_is_duplicated_across_intents() -> None:
    seen: dict[str, str] = {}
    for intent, sample in samples():
        assert sample not in seen, f"{sample!r} in both {seen[sample]} and {intent}"
        seen[sample] = intent


def test_slot_values_come_from_the_cause_table_with_its_ids() -> None:
    knowledge = load_knowledge()
    for type_name, kind in build_model.load_source("en-US")["types"].items():
        ids = [v["id"] for v in TYPES[type_name]["values"]]
        assert ids == list(knowledge.terms[kind])


def test_the_skill_reads_every_slot_the_model_defines() -> None:
    for intent in MODEL["intents"]:
        for slot in intent.get("slots", []):
            assert slot["name"] in TERM_SLOTS or slot["name"] in DURATION_SLOTS


def test_list_answers_are_multi_value_slots() -> None:
    for intent in MODEL["intents"]:
        for slot in intent.get("slots", []):
            multi = slot.get("multipleValues", {}).get("enabled", False)
            assert multi == (slot["name"] in ("areas", "symptoms", "triggers", "medicines")), slot


def _sample_pattern(sample: str, intent: dict[str, Any]) -> re.Pattern[str]:
    types = {s["name"]: s["type"] for s in intent.get("slots", [])}

    def slot_alternatives(match: re.Match[str]) -> str:
        values = TYPES[types[match.group(1)]]["values"]
        phrases = [p for v in values for p in (v["name"]["value"], *v["name"]["synonyms"])]
        return "(" + "|".join(re.escape(p.lower()) for p in phrases) + ")"

    return re.compile(SLOT.sub(slot_alternatives, sample))


def test_skill_manifest_is_a_health_skill_with_the_certification_disclaimer() -> None:
    locale = MANIFEST["publishingInformation"]["locales"]["en-US"]
    assert locale["name"] == "Muscle Twitch Guide"
    assert MANIFEST["publishingInformation"]["category"] == "HEALTH_AND_FITNESS"
    description = locale["description"]
    assert "not a substitute for professional medical advice" in description
    assert "Call your doctor" in description
    assert "call your local emergency number" in description
    assert MANIFEST["privacyAndCompliance"]["locales"]["en-US"]["privacyPolicyUrl"].startswith("https://")


@pytest.mark.parametrize("phrase", MANIFEST["publishingInformation"]["locales"]["en-US"]["examplePhrases"])
def test_example_phrases_match_sample_utterances(phrase: str) -> None:
    invocation = MODEL["invocationName"]
    text = phrase.lower().rstrip(".?!").removeprefix("alexa, ")
    if text in (f"open {invocation}", f"launch {invocation}", f"start {invocation}"):
        return
    match = re.fullmatch(rf"(ask|tell) {invocation} (?:to |that )?(.+)", text)
    assert match, phrase
    utterance = match.group(2)
    assert any(_sample_pattern(sample, INTENTS[intent]).fullmatch(utterance) for intent, sample in samples()), (
        f"{phrase!r} matches no sample utterance"
    )
