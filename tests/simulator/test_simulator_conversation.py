"""The session as Alexa keeps it, checked against a scripted stand-in skill that records what it
receives (the real skill's conversations are in test_skill_conversations.py)."""

import copy
import datetime as dt
from typing import Any

import pytest

from simulator.conversation import Conversation, SkillCrashed
from simulator.model import InteractionModel
from simulator.ssml import ssml_to_text

NOW = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)


class ScriptedSkill:
    """Counts turns in a session attribute; ends the session on AMAZON.StopIntent."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.should_end: bool | None = False
        self.ssml = "<speak>Turn {n}. <break time='1s'/>Anything else?</speak>"

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(copy.deepcopy(event))
        request = event["request"]
        if request["type"] == "SessionEndedRequest":
            return {"version": "1.0", "response": {}}
        attributes = event["session"].get("attributes") or {}
        count = attributes.get("count", 0) + 1
        stop = request.get("intent", {}).get("name") == "AMAZON.StopIntent"
        body: dict[str, Any] = {
            "outputSpeech": {"type": "SSML", "ssml": self.ssml.format(n=count)},
            "card": {"type": "Simple", "title": "Turns", "content": f"{count} so far\nthanks"},
        }
        if stop:
            body["shouldEndSession"] = True
        else:
            body["reprompt"] = {"outputSpeech": {"type": "PlainText", "text": "Still there?"}}
            if self.should_end is not None:
                body["shouldEndSession"] = self.should_end
        return {
            "version": "1.0",
            "sessionAttributes": {"count": count, "nested": {"seen": [count]}},
            "response": body,
        }


@pytest.fixture
def skill() -> ScriptedSkill:
    return ScriptedSkill()


@pytest.fixture
def conversation(garden_model: InteractionModel, skill: ScriptedSkill) -> Conversation:
    return Conversation(garden_model, skill, locale="en-US", clock=lambda: NOW)


def request_types(skill: ScriptedSkill) -> list[str]:
    return [e["request"]["type"] for e in skill.events]


def test_session_attributes_round_trip_and_a_new_session_starts_clean(
    conversation: Conversation, skill: ScriptedSkill
) -> None:
    first = conversation.say("open garden helper")
    second = conversation.say("roses")
    assert (first.speech, second.speech) == ("Turn 1. Anything else?", "Turn 2. Anything else?")
    launch, answer = skill.events
    assert launch["session"]["new"] is True and "attributes" not in launch["session"]
    assert answer["session"]["new"] is False
    assert answer["session"]["sessionId"] == launch["session"]["sessionId"]
    assert answer["session"]["attributes"] == {"count": 1, "nested": {"seen": [1]}}
    assert second.attributes == {"count": 2, "nested": {"seen": [2]}}

    stop = conversation.say("stop")
    assert stop.session_ended_by == "skill" and not conversation.session_open
    # Alexa sends no SessionEndedRequest when the skill itself ends the session.
    assert request_types(skill) == ["LaunchRequest", "IntentRequest", "IntentRequest"]

    again = conversation.say("open garden helper")
    fresh = skill.events[-1]
    assert again.speech == "Turn 1. Anything else?"
    assert fresh["session"]["new"] is True and "attributes" not in fresh["session"]
    assert fresh["session"]["sessionId"] != launch["session"]["sessionId"]


def test_silence_speaks_the_reprompt_then_ends_the_session(conversation: Conversation, skill: ScriptedSkill) -> None:
    conversation.say("")  # an empty first line opens the skill
    assert request_types(skill) == ["LaunchRequest"]
    quiet = conversation.say("")
    assert quiet.reprompted and quiet.speech == "Still there?" and quiet.session_open
    assert len(skill.events) == 1  # the device reprompts on its own
    quieter = conversation.say("")
    assert quieter.session_ended_by == "EXCEEDED_MAX_REPROMPTS"
    ended = skill.events[-1]
    assert ended["request"] == {
        **ended["request"],
        "type": "SessionEndedRequest",
        "reason": "EXCEEDED_MAX_REPROMPTS",
    }
    assert ended["session"]["attributes"] == {"count": 1, "nested": {"seen": [1]}}


def test_exit_and_end_of_input_send_user_initiated(conversation: Conversation, skill: ScriptedSkill) -> None:
    conversation.say("open garden helper")
    turn = conversation.say("Exit.")
    assert turn.session_ended_by == "USER_INITIATED"
    assert skill.events[-1]["request"]["reason"] == "USER_INITIATED"
    conversation.say("open garden helper")
    left = conversation.quit()
    assert left is not None and left.session_ended_by == "USER_INITIATED"
    assert conversation.quit() is None  # nothing open any more


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("ask garden helper to tell me about roses", "AboutIntent"),
        ("Alexa, ask garden helper about roses", "PlantIntent"),
        ("tell garden helper i grow basil", "PlantIntent"),
        ("open garden helper and tell me about roses pests", "PestIntent"),
        ("tell me about roses using garden helper", "AboutIntent"),
    ],
)
def test_one_shot_invocation_routes_the_rest_into_a_new_session(
    conversation: Conversation, skill: ScriptedSkill, line: str, intent: str
) -> None:
    turn = conversation.say(line)
    (event,) = skill.events
    assert event["session"]["new"] is True
    assert event["request"]["intent"]["name"] == intent
    assert turn.session_open


@pytest.mark.parametrize(
    "line",
    ["open garden helper", "Alexa, open Garden Helper", "start garden helper", "ask garden helper"],
)
def test_invocation_alone_launches(conversation: Conversation, skill: ScriptedSkill, line: str) -> None:
    conversation.say(line)
    assert request_types(skill) == ["LaunchRequest"]


def test_a_first_line_without_invocation_is_sent_as_a_one_shot(
    conversation: Conversation, skill: ScriptedSkill
) -> None:
    turn = conversation.say("tell me about roses")
    assert skill.events[0]["request"]["intent"]["name"] == "AboutIntent"
    assert any("No session was open" in note for note in turn.notes)


def test_in_a_session_the_invocation_phrase_is_just_words(conversation: Conversation, skill: ScriptedSkill) -> None:
    conversation.say("open garden helper")
    conversation.say("open garden helper")
    assert skill.events[-1]["request"]["intent"]["name"] == "AMAZON.FallbackIntent"


def test_reply_reprompt_and_card_are_read_from_the_response(conversation: Conversation) -> None:
    turn = conversation.say("open garden helper")
    assert turn.reprompt == "Still there?"
    assert turn.card is not None and (turn.card.title, turn.card.text) == (
        "Turns",
        "1 so far\nthanks",
    )
    assert turn.problems == []


def test_unset_should_end_session_ends_the_session_on_a_voice_only_device(
    conversation: Conversation, skill: ScriptedSkill
) -> None:
    skill.should_end = None
    turn = conversation.say("open garden helper")
    assert not turn.session_open and turn.session_ended_by == "skill"
    assert any("shouldEndSession is not set" in note for note in turn.notes)


def test_ssml_alexa_would_refuse_is_reported(conversation: Conversation, skill: ScriptedSkill) -> None:
    skill.ssml = "<speak>Turn {n} & counting</speak>"
    turn = conversation.say("open garden helper")
    assert turn.problems and "not well-formed" in turn.problems[0]


def test_a_skill_that_raises_is_reported(garden_model: InteractionModel) -> None:
    def broken(event: dict[str, Any], context: Any) -> dict[str, Any]:
        raise KeyError("oops")

    with pytest.raises(SkillCrashed, match="KeyError"):
        Conversation(garden_model, broken).say("open garden helper")


SSML = [
    ("<speak>Hello there.</speak>", "Hello there."),
    ("<speak>One<break time='500ms'/>two</speak>", "One two"),
    ("<speak><p>First.</p><p>Second.</p></speak>", "First. Second."),
    ("<speak><sub alias='World Wide Web'>WWW</sub> ok</speak>", "World Wide Web ok"),
    ("<speak><amazon:effect name='whispered'>quiet</amazon:effect> now</speak>", "quiet now"),
    ("<speak>Fish &amp; chips , please</speak>", "Fish & chips, please"),
    ("<speak><audio src='https://example.invalid/a.mp3'/>Done</speak>", "[sound] Done"),
]


@pytest.mark.parametrize(("ssml", "heard"), SSML)
def test_ssml_becomes_what_a_person_hears(ssml: str, heard: str) -> None:
    speech = ssml_to_text(ssml)
    assert (speech.text, speech.problem) == (heard, None)
