"""Dialog.ElicitSlot: while the skill elicits a slot, a clear request of another intent goes there
and any other line fills the slot whole; the simulator keeps the elicited slot from one response
to the next line, as Alexa does."""

import copy
import datetime as dt
import io
from typing import Any

import pytest

from simulator.conversation import Conversation, Elicitation
from simulator.matcher import IntentMatch, Matcher
from simulator.model import InteractionModel, load_model, model_path_for
from simulator.render import render_turn
from simulator.text import keys
from tests.simulator.conftest import TODAY
from tests.simulator.test_simulator_matcher import Slots, summary

NO_MATCH: tuple[str, ...] = ()
NOW = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def skill_matcher() -> Matcher:
    """The real en-US model: AnswerIntent with its dialog model, the question intents, built-ins."""
    return Matcher(load_model(model_path_for("en-US")))


# (elicited slot of AnswerIntent, line, intent, slots)
SKILL_CASES: list[tuple[str, str, str, Slots]] = [
    # the whole line fills the slot, less a carrier of the slot's samples ("it's {areas}")
    (
        "areas",
        "it's mostly my left eyelid i think",
        "AnswerIntent",
        {"areas": [("mostly my left eyelid i think", NO_MATCH)]},
    ),
    (
        "areas",
        "It is mostly my left eyelid, I think.",
        "AnswerIntent",
        {"areas": [("mostly my left eyelid i think", NO_MATCH)]},
    ),
    ("areas", "my left eyelid", "AnswerIntent", {"areas": [("left eyelid", NO_MATCH)]}),
    ("areas", "um my calf", "AnswerIntent", {"areas": [("um my calf", NO_MATCH)]}),
    # words that are a value or synonym resolve, with the value's id
    ("areas", "my eyelid", "AnswerIntent", {"areas": [("eyelid", ("eyelid",))]}),
    ("areas", "the back of my knee", "AnswerIntent", {"areas": [("back of my knee", ("leg",))]}),
    ("areas", "Calves!", "AnswerIntent", {"areas": [("calves", ("calf",))]}),
    # a carrier after the slot too ("{onset} ago"); a synonym that starts like a carrier stays whole
    ("onset", "a few weeks ago", "AnswerIntent", {"onset": [("a few weeks", ("few_weeks",))]}),
    ("onset", "since monday", "AnswerIntent", {"onset": [("since monday", ("few_days",))]}),
    ("onset", "since my holiday", "AnswerIntent", {"onset": [("my holiday", NO_MATCH)]}),
    # a yes/no question's answer with more in it stays whole in `reply`
    ("reply", "yes my muscles feel weak", "AnswerIntent", {"reply": [("yes my muscles feel weak", NO_MATCH)]}),
    ("reply", "I'm not sure", "AnswerIntent", {"reply": [("i'm not sure", ("unsure",))]}),
    # the tokenizer's contractions: "can't", "cannot", "can not" and "cant" are the same words
    ("reply", "I can't say", "AnswerIntent", {"reply": [("i can't say", ("unsure",))]}),
    ("reply", "I cannot say", "AnswerIntent", {"reply": [("i cannot say", ("unsure",))]}),
    ("reply", "i can not say", "AnswerIntent", {"reply": [("i can not say", ("unsure",))]}),
    ("reply", "i cant say", "AnswerIntent", {"reply": [("i cant say", ("unsure",))]}),
    # a line that is exactly a sample of another intent goes there
    ("areas", "help", "AMAZON.HelpIntent", {}),
    ("areas", "stop", "AMAZON.StopIntent", {}),
    ("areas", "Why do you ask?", "WhyIntent", {}),
    ("areas", "is it ALS?", "AskDiseaseIntent", {"disease": [("als", ("als",))]}),
    ("reply", "is it serious", "AskSeriousIntent", {}),
    ("triggers", "can stress cause twitching", "AskTriggerLinkIntent", {"triggers": [("stress", ("stress",))]}),
    ("areas", "no", "AMAZON.NoIntent", {}),
    ("reply", "yes", "AMAZON.YesIntent", {}),
    ("areas", "start over", "AMAZON.StartOverIntent", {}),
    # ... but only when the model explains every word: free text and unknown values stay here
    ("areas", "my twitching eyelid", "AnswerIntent", {"areas": [("twitching eyelid", NO_MATCH)]}),
    ("areas", "is it a pinched nerve", "AnswerIntent", {"areas": [("is it a pinched nerve", NO_MATCH)]}),
]


@pytest.mark.parametrize(("slot", "line", "intent", "slots"), SKILL_CASES, ids=[f"{c[0]}: {c[1]}" for c in SKILL_CASES])
def test_a_line_at_an_elicited_slot_of_the_skill(
    skill_matcher: Matcher, slot: str, line: str, intent: str, slots: Slots
) -> None:
    match = skill_matcher.match_elicited(line, TODAY, intent="AnswerIntent", slot=slot)
    assert match is not None
    assert summary(match) == (intent, slots)


# (elicited intent and slot of the garden fixture, line, intent, slots)
GARDEN_CASES: list[tuple[str, str, str, str, Slots]] = [
    ("PlantIntent", "plant", "cactus please", "PlantIntent", {"plant": [("cactus please", NO_MATCH)]}),
    ("PlantIntent", "plant", "my roses", "PlantIntent", {"plant": [("roses", ("ROSE",))]}),
    ("PlantIntent", "plant", "roses mostly", "PlantIntent", {"plant": [("roses", ("ROSE",))]}),
    # a multi-value slot takes a list when every value of it is listed, else the line as one value
    (
        "PlantIntent",
        "plant",
        "my roses and sweet basil",
        "PlantIntent",
        {"plant": [("roses", ("ROSE",)), ("sweet basil", ("BASIL",))]},
    ),
    ("PlantIntent", "plant", "roses and cactus", "PlantIntent", {"plant": [("roses and cactus", NO_MATCH)]}),
    # a built-in type is converted; words it cannot read are matched as usual
    ("WateredIntent", "since", "for two weeks", "WateredIntent", {"since": [("P2W", None)]}),
    ("WateredIntent", "since", "three days ago", "WateredIntent", {"since": [("P3D", None)]}),
    ("WateredIntent", "since", "whenever it rains", "AMAZON.FallbackIntent", {}),
    # built-in intents, and the model's own samples of other intents
    ("PlantIntent", "plant", "never mind", "AMAZON.CancelIntent", {}),
    ("PlantIntent", "plant", "I don't", "AMAZON.NoIntent", {}),
    ("PlantIntent", "plant", "i do not", "AMAZON.NoIntent", {}),
    ("PlantIntent", "plant", "tell me about roses", "AboutIntent", {"plant": [("roses", ("ROSE",))]}),
    ("PlantIntent", "plant", "why", "WhyIntent", {}),
    # a sample of the elicited intent itself is not another intent: the line fills the slot ...
    ("PlantIntent", "plant", "i have roses", "PlantIntent", {"plant": [("i have roses", NO_MATCH)]}),
    # ... unless the slot's built-in type cannot read it: then it is matched as usual
    (
        "WateredIntent",
        "since",
        "i watered my roses two weeks ago",
        "WateredIntent",
        {"plant": [("roses", ("ROSE",))], "since": [("P2W", None)]},
    ),
    # free text is no clear request ("take a note {note}")
    (
        "PlantIntent",
        "plant",
        "take a note buy compost",
        "PlantIntent",
        {"plant": [("take a note buy compost", NO_MATCH)]},
    ),
    # an intent or slot the model does not define: matched as usual
    ("NoSuchIntent", "plant", "roses", "PlantIntent", {"plant": [("roses", ("ROSE",))]}),
    ("PlantIntent", "pot", "cactus please", "AMAZON.FallbackIntent", {}),
]


@pytest.mark.parametrize(
    ("intent", "slot", "line", "expected", "slots"), GARDEN_CASES, ids=[f"{c[1]}: {c[2]}" for c in GARDEN_CASES]
)
def test_a_line_at_an_elicited_slot_of_the_fixture(
    garden_matcher: Matcher, intent: str, slot: str, line: str, expected: str, slots: Slots
) -> None:
    match = garden_matcher.match_elicited(line, TODAY, intent=intent, slot=slot)
    assert match is not None
    got_intent, got_slots = summary(match)
    assert got_intent == expected
    for name, values in slots.items():
        assert got_slots.get(name, []) == values, name


def test_the_sample_that_heard_an_elicited_line_is_its_slot_sample(garden_matcher: Matcher) -> None:
    match = garden_matcher.match_elicited("my roses", TODAY, intent="PlantIntent", slot="plant")
    bare = garden_matcher.match_elicited("cactus", TODAY, intent="PlantIntent", slot="plant")
    assert match is not None and match.sample == "my {plant}"
    assert bare is not None and bare.sample == "{plant}"


def test_without_elicitation_slot_samples_are_not_heard(garden_matcher: Matcher) -> None:
    # "{plant} mostly" is only a slot sample: outside elicitation it is no intent's sample.
    match = garden_matcher.match("roses mostly", TODAY)
    assert match is not None and match.sample != "{plant} mostly"


def test_contractions_are_the_tokenizers() -> None:
    assert keys("can't") == keys("cannot") == keys("can not") == keys("CANT") == ("can", "not")
    assert keys("I'm") == keys("im") == keys("i am") == ("i", "am")


# ---- the session: the elicited slot travels from a response to the next line ----------------


class ElicitingSkill:
    """Elicits `elicit` (intent, slot) in every response while it is set."""

    def __init__(self) -> None:
        self.elicit: tuple[str, str] | None = ("PlantIntent", "plant")
        self.received: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        request = event["request"]
        if request["type"] == "SessionEndedRequest":
            return {"version": "1.0", "response": {}}
        self.received.append(copy.deepcopy(request))
        body: dict[str, Any] = {
            "outputSpeech": {"type": "PlainText", "text": "Which plants?"},
            "reprompt": {"outputSpeech": {"type": "PlainText", "text": "Which plants do you grow?"}},
            "shouldEndSession": False,
        }
        if self.elicit is not None:
            intent, slot = self.elicit
            body["directives"] = [
                {
                    "type": "Dialog.ElicitSlot",
                    "updatedIntent": {"name": intent, "confirmationStatus": "NONE", "slots": {}},
                    "slotToElicit": slot,
                }
            ]
        return {"version": "1.0", "response": body}


@pytest.fixture
def skill() -> ElicitingSkill:
    return ElicitingSkill()


@pytest.fixture
def conversation(garden_model: InteractionModel, skill: ElicitingSkill) -> Conversation:
    return Conversation(garden_model, skill, clock=lambda: NOW)


def _heard(match: IntentMatch | None) -> tuple[str, list[str]]:
    assert match is not None
    return match.intent, [value.value for slot in match.slots for value in slot.values]


def test_the_elicited_slot_hears_the_next_line_and_is_shown(conversation: Conversation) -> None:
    opened = conversation.say("open garden helper")
    assert opened.listening_for == Elicitation("PlantIntent", "plant")
    assert opened.directives == []  # acted on, so not listed as "not simulated"
    printed = io.StringIO()
    render_turn(opened, printed)
    assert "(listening for plant: Dialog.ElicitSlot on PlantIntent)" in printed.getvalue()
    assert "not simulated" not in printed.getvalue()
    assert _heard(conversation.say("cactus please").intent) == ("PlantIntent", ["cactus please"])


def test_a_response_without_elicit_slot_ends_the_elicitation(conversation: Conversation, skill: ElicitingSkill) -> None:
    conversation.say("open garden helper")
    skill.elicit = None
    answered = conversation.say("roses")
    assert answered.listening_for is None
    assert _heard(conversation.say("cactus please").intent) == ("AMAZON.FallbackIntent", [])


def test_silence_keeps_the_elicited_slot(conversation: Conversation) -> None:
    conversation.say("open garden helper")
    assert conversation.say("").reprompted
    assert _heard(conversation.say("cactus please").intent) == ("PlantIntent", ["cactus please"])


def test_a_new_session_starts_without_an_elicited_slot(conversation: Conversation, skill: ElicitingSkill) -> None:
    conversation.say("open garden helper")
    conversation.say("exit")
    skill.elicit = None
    one_shot = conversation.say("ask garden helper cactus please")
    assert _heard(one_shot.intent) == ("AMAZON.FallbackIntent", [])


def test_an_elicited_slot_the_model_does_not_define_is_noted_and_ignored(
    conversation: Conversation, skill: ElicitingSkill
) -> None:
    skill.elicit = ("PlantIntent", "pot")
    opened = conversation.say("open garden helper")
    assert opened.listening_for is None
    assert any("does not define" in note for note in opened.notes)
    assert _heard(conversation.say("cactus please").intent) == ("AMAZON.FallbackIntent", [])
