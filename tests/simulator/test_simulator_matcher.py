"""The matcher: which intent and slot values a typed line becomes, for a small garden model."""

import hashlib
from dataclasses import replace

import pytest

from simulator.matcher import IntentMatch, Matcher
from simulator.model import InteractionModel
from tests.simulator.conftest import TODAY

NO_MATCH: tuple[str, ...] = ()
FERN_ID = hashlib.md5(b"fern").hexdigest()

Slots = dict[str, list[tuple[str, tuple[str, ...] | None]]]


def summary(match: IntentMatch) -> tuple[str, Slots]:
    """intent name and {slot: [(value, resolved ids | () for no match | None for built-ins)]}."""
    slots: Slots = {}
    for slot in match.slots:
        slots[slot.name] = [
            (v.value, None if v.matches is None else tuple(m.id for m in v.matches)) for v in slot.values
        ]
    return match.intent, slots


CASES: list[tuple[str, str, Slots]] = [
    # custom slot values: names, synonyms, multi-word values, case and punctuation
    ("Roses", "PlantIntent", {"plant": [("roses", ("ROSE",))]}),
    ("my Roses!", "PlantIntent", {"plant": [("roses", ("ROSE",))]}),
    ("Tell me about Aloe Vera.", "AboutIntent", {"plant": [("aloe vera", ("ALOE",))]}),
    ("my rose bush", "PlantIntent", {"plant": [("rose bush", ("ROSE",))]}),
    # one synonym shared by two values: both come back, as entity resolution does
    ("peppers", "PlantIntent", {"plant": [("peppers", ("BELL_PEPPER", "CHILI"))]}),
    # a value without an id gets a generated, stable one
    ("fern", "PlantIntent", {"plant": [("fern", (FERN_ID,))]}),
    # multi-value slots: "and", "or", commas, and "my" before each value
    (
        "I grow roses, basil and tomatoes",
        "PlantIntent",
        {
            "plant": [
                ("roses", ("ROSE",)),
                ("basil", ("BASIL",)),
                ("tomatoes", ("TOMATO",)),
            ]
        },
    ),
    ("i have roses or aloe", "PlantIntent", {"plant": [("roses", ("ROSE",)), ("aloe", ("ALOE",))]}),
    (
        "my rose bush and my sweet basil",
        "PlantIntent",
        {"plant": [("rose bush", ("ROSE",)), ("sweet basil", ("BASIL",))]},
    ),
    # words the type does not know still fill the slot, with ER_SUCCESS_NO_MATCH
    ("i grow cactus", "PlantIntent", {"plant": [("cactus", NO_MATCH)]}),
    (
        "i have cactus and roses",
        "PlantIntent",
        {"plant": [("cactus", NO_MATCH), ("roses", ("ROSE",))]},
    ),
    # longest match: the sample with more literal words wins
    ("tell me about roses", "AboutIntent", {"plant": [("roses", ("ROSE",))]}),
    ("tell me about roses pests", "PestIntent", {"plant": [("roses", ("ROSE",))]}),
    ("two weeks ago", "WateredIntent", {"plant": [], "since": [("P2W", None)]}),
    # built-in types converted as Alexa does
    ("two weeks", "WateredIntent", {"since": [("P2W", None)]}),
    ("for about two weeks", "WateredIntent", {"since": [("P2W", None)]}),
    (
        "I watered my tomatoes a few days ago",
        "WateredIntent",
        {"plant": [("tomatoes", ("TOMATO",))], "since": [("P3D", None)]},
    ),
    ("an hour and a half", "WateredIntent", {"since": [("PT1H30M", None)]}),
    ("twenty three", "CountIntent", {"count": [("23", None)]}),
    ("I have 12 plants", "CountIntent", {"count": [("12", None)]}),
    ("i planted it yesterday", "PlantedIntent", {"day": [("2024-05-07", None)]}),
    ("i planted it last week", "PlantedIntent", {"day": [("2024-W18", None)]}),
    ("take a note buy more compost", "NoteIntent", {"note": [("buy more compost", None)]}),
    # the model's own phrases and the built-in intents' standard phrases
    ("Why do you ask?", "WhyIntent", {}),
    ("help", "AMAZON.HelpIntent", {}),
    ("What can I say?", "AMAZON.HelpIntent", {}),
    ("stop", "AMAZON.StopIntent", {}),
    ("never mind", "AMAZON.CancelIntent", {}),
    ("yeah", "AMAZON.YesIntent", {}),
    ("nope", "AMAZON.NoIntent", {}),
    ("not that I know of", "AMAZON.NoIntent", {}),
    ("say that again", "AMAZON.RepeatIntent", {}),
    ("start over", "AMAZON.StartOverIntent", {}),
    ("go home", "AMAZON.NavigateHomeIntent", {}),
    # contractions are the tokenizer's: "i don't", "i dont" and "i do not" are the same words
    ("I dont", "AMAZON.NoIntent", {}),
    ("i do not", "AMAZON.NoIntent", {}),
    # ... but a slot holds whole words: "i have {plant}" does not hear half of "haven't"
    ("I haven't roses", "AMAZON.FallbackIntent", {}),
    # fillers are dropped when the line does not match as typed
    ("um, roses please", "PlantIntent", {"plant": [("roses", ("ROSE",))]}),
    # nothing matches: AMAZON.FallbackIntent, as on a device
    ("what's the weather in paris", "AMAZON.FallbackIntent", {}),
    # a request inside a longer line: the longest run of words that is a sample with two words of
    # its own, as Alexa forgives words around a request (a cut-off "and" among them)
    ("i have roses and", "PlantIntent", {"plant": [("roses", ("ROSE",))]}),
    ("well you see i have roses in the back yard", "PlantIntent", {"plant": [("roses", ("ROSE",))]}),
    # a built-in intent is never found inside a sentence ("never mind" is Cancel only said alone)
    ("the weather never mind the weather in paris", "AMAZON.FallbackIntent", {}),
    ("seven parrots", "AMAZON.FallbackIntent", {}),
    # unknown words fill a slot only when anchored: a sentence of them is not an answer
    ("my quick brown fox jumps over the dog", "AMAZON.FallbackIntent", {}),
    ("i grow purple spotted jumping cactus plants", "AMAZON.FallbackIntent", {}),
]


@pytest.mark.parametrize(("line", "intent", "slots"), CASES, ids=[c[0] for c in CASES])
def test_line_becomes_intent_and_slots(garden_matcher: Matcher, line: str, intent: str, slots: Slots) -> None:
    match = garden_matcher.match(line, TODAY)
    assert match is not None
    got_intent, got_slots = summary(match)
    assert got_intent == intent
    # slots the case lists with no values must be absent; unlisted slots are not checked
    for name, values in slots.items():
        assert got_slots.get(name, []) == values, name


def test_multi_value_slot_is_flagged_and_single_value_slot_is_not(garden_matcher: Matcher) -> None:
    plants = garden_matcher.match("roses", TODAY)
    about = garden_matcher.match("tell me about roses", TODAY)
    assert plants is not None and about is not None
    assert [slot.multiple for slot in plants.slots] == [True]
    assert [slot.multiple for slot in about.slots] == [False]


def test_the_matched_sample_is_reported(garden_matcher: Matcher) -> None:
    match = garden_matcher.match("tell me about roses pests", TODAY)
    assert match is not None and match.sample == "tell me about {plant} pests"


def test_without_a_fallback_intent_an_unmatched_line_matches_nothing(
    garden_model: InteractionModel,
) -> None:
    intents = tuple(i for i in garden_model.intents if i.name != "AMAZON.FallbackIntent")
    matcher = Matcher(replace(garden_model, intents=intents))
    assert not matcher.has_fallback
    assert matcher.match("what's the weather in paris", TODAY) is None
    assert matcher.match("roses", TODAY) is not None


def test_built_in_intent_phrases_only_apply_to_intents_the_model_declares(
    garden_model: InteractionModel,
) -> None:
    intents = tuple(i for i in garden_model.intents if i.name != "AMAZON.RepeatIntent")
    matcher = Matcher(replace(garden_model, intents=intents))
    match = matcher.match("say that again", TODAY)
    assert match is not None and match.intent == "AMAZON.FallbackIntent"
