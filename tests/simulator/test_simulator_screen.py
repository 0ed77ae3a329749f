"""Pretending to be an Echo Show: requests carry the APL interface and viewport, each
RenderDocument is shown as text, and "tap N" sends the touched answer's UserEvent, in the
session. Checked against a stand-in skill that answers with the skill's own screen documents;
without a screen, nothing changes."""

import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.interfaces.alexa.presentation.apl import UserEvent

from muscle_twitch import screens
from simulator import requests
from simulator.conversation import Card, Conversation, Turn
from simulator.devices import DEVICES, Device
from simulator.matcher import IntentMatch
from simulator.model import InteractionModel
from simulator.render import render_turn
from tests.screens.views import AREAS, VIEWS, question
from tests.simulator.conversations import ConversationSpec, TurnSpec, run

NOW = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)
SHOW8 = DEVICES["show8"]
AREAS_VIEW = question("areas", AREAS)
RESULT_VIEW = VIEWS["self-care, three tips"]


class ScreenSkill:
    """Launch shows the body-area question; touching an answer shows the self-care result and
    ends the session. Records every event; `screen` decides whether it sends directives at all."""

    def __init__(self, *, screen: bool = True, should_end: bool | None = True) -> None:
        self.events: list[dict[str, Any]] = []
        self.screen = screen
        self.should_end = should_end
        self.launch_directive: dict[str, Any] = screens.render_directive(AREAS_VIEW, SHOW8.viewport())
        self.touch_directive: dict[str, Any] = screens.render_directive(RESULT_VIEW)

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(copy.deepcopy(event))
        request = event["request"]
        if request["type"] == "SessionEndedRequest":
            return {"version": "1.0", "response": {}}
        body: dict[str, Any] = {"outputSpeech": {"type": "PlainText", "text": f"Got {request['type']}."}}
        if request["type"] == screens.USER_EVENT:
            body["shouldEndSession"] = self.should_end
            directive = self.touch_directive
        else:
            body["reprompt"] = {"outputSpeech": {"type": "PlainText", "text": "Where?"}}
            body["shouldEndSession"] = False
            directive = self.launch_directive
        if self.screen:
            body["directives"] = [directive]
        if body["shouldEndSession"] is None:
            del body["shouldEndSession"]
        return {"version": "1.0", "sessionAttributes": {"turns": len(self.events)}, "response": body}


def talk(model: InteractionModel, skill: ScreenSkill, device: Device | None = SHOW8) -> Conversation:
    return Conversation(model, skill, locale="en-US", clock=lambda: NOW, screen=device)


def printed(turn: Turn, **options: Any) -> str:
    out = io.StringIO()
    render_turn(turn, out, **options)
    return out.getvalue()


def test_each_request_carries_the_apl_interface_and_the_viewport_and_the_sdk_reads_them(
    garden_model: InteractionModel,
) -> None:
    skill = ScreenSkill()
    talk(garden_model, skill).say("open garden helper")
    (launch,) = skill.events
    assert launch["context"]["System"]["device"]["supportedInterfaces"] == {
        "Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}
    }
    assert launch["context"]["Viewport"] == SHOW8.viewport()
    assert screens.supports_apl(launch) and screens.viewport_of(launch) == SHOW8.viewport()
    envelope = DefaultSerializer().deserialize(json.dumps(launch), RequestEnvelope)
    viewport = envelope.context.viewport
    assert (viewport.pixel_width, viewport.pixel_height, viewport.dpi, viewport.shape.value) == (
        1280,
        800,
        213,
        "RECTANGLE",
    )
    assert envelope.context.system.device.supported_interfaces.alexa_presentation_apl.runtime.max_version == "2023.3"
    typed = envelope.context.viewports[0]
    assert typed.configuration.current.size.pixel_width == 1280


@pytest.mark.parametrize("device", DEVICES.values(), ids=lambda device: device.name)
def test_every_device_describes_its_own_screen(device: Device) -> None:
    viewport = device.viewport()
    assert (viewport["pixelWidth"], viewport["pixelHeight"], viewport["dpi"]) == (
        device.pixel_width,
        device.pixel_height,
        device.dpi,
    )
    assert ("touch" in viewport) is device.touch
    assert viewport["shape"] in ("RECTANGLE", "ROUND") and viewport["mode"] in ("HUB", "TV")


def test_without_a_screen_the_request_is_exactly_what_it_was() -> None:
    """Byte for byte: the envelope a voice-only Echo sends, key order included."""
    identity = requests.Identity("amzn1.ask.skill.s", "amzn1.ask.account.u", "amzn1.ask.device.d")
    session = requests.SessionInfo("amzn1.echo-api.session.x", False, {"step": 2})
    made = requests.envelope(identity, session, requests.launch_request(), "en-US", NOW)
    application = {"applicationId": "amzn1.ask.skill.s"}
    user = {"userId": "amzn1.ask.account.u"}
    expected = {
        "version": "1.0",
        "session": {
            "new": False,
            "sessionId": "amzn1.echo-api.session.x",
            "application": application,
            "user": user,
            "attributes": {"step": 2},
        },
        "context": {
            "System": {
                "application": application,
                "user": user,
                "device": {"deviceId": "amzn1.ask.device.d", "supportedInterfaces": {}},
                "apiEndpoint": "https://api.amazonalexa.com",
                "apiAccessToken": "simulator-access-token",
            }
        },
        "request": {
            "type": "LaunchRequest",
            "requestId": made["request"]["requestId"],
            "timestamp": "2024-05-08T12:00:00Z",
            "locale": "en-US",
        },
    }
    assert json.dumps(made) == json.dumps(expected)


def test_without_a_screen_tap_is_just_words_and_an_apl_directive_is_refused(garden_model: InteractionModel) -> None:
    skill = ScreenSkill()
    conversation = talk(garden_model, skill, device=None)
    opened = conversation.say("open garden helper")
    assert opened.problems == [
        "Alexa.Presentation.APL.RenderDocument sent to a device without a screen (it does not support APL)"
    ]
    assert opened.screen is None and not opened.screen_changed
    assert "[directive Alexa.Presentation.APL.RenderDocument: not simulated]" in printed(opened)
    tapped = conversation.say("tap 2")
    assert tapped.tapped is None and skill.events[-1]["request"]["type"] == "IntentRequest"
    assert list(skill.events[-1]["context"]) == ["System"]


def test_the_screen_is_printed_with_its_answers_numbered(garden_model: InteractionModel) -> None:
    turn = talk(garden_model, ScreenSkill()).say("open garden helper")
    assert turn.screen_changed and turn.screen is not None
    out = printed(turn)
    assert '[screen "muscle-twitch-guide.question"]' in out
    expected_lines = ["| 2 / 7", "| Where do you feel the twitching?", "| Tap an answer or just say it."]
    expected_lines += [f"| [{n}] {label}" for n, (label, _) in enumerate(AREAS, 1)]
    assert [line.strip() for line in out.splitlines() if line.strip().startswith("|")] == expected_lines
    assert '(to touch an answer, type "tap" and its number, 1 to 6)' in out
    # Speech first, as a person hears it while the screen appears; the screen before the card.
    assert out.index("Got LaunchRequest.") < out.index("if you stay silent") < out.index("[screen")


def test_a_tap_sends_the_answers_user_event_in_the_session(garden_model: InteractionModel) -> None:
    skill = ScreenSkill()
    conversation = talk(garden_model, skill)
    conversation.say("open garden helper")
    turn = conversation.say("Tap 2")
    launch, touch = skill.events
    assert turn.tapped is not None and (turn.tapped.number, turn.tapped.label) == (2, "Calf")
    request = touch["request"]
    assert request["type"] == "Alexa.Presentation.APL.UserEvent"
    assert request["token"] == "muscle-twitch-guide.question"
    assert request["arguments"] == ["answer", "areas", "calf"]
    assert request["source"] == {"type": "TouchWrapper", "handler": "Press", "value": False, "id": "choice1"}
    assert touch["session"]["sessionId"] == launch["session"]["sessionId"]
    assert (touch["session"]["new"], touch["session"]["attributes"]) == (False, {"turns": 1})
    assert touch["context"]["Alexa.Presentation.APL"] == {"token": "muscle-twitch-guide.question", "version": "2023.3"}
    assert "Alexa.Presentation.APL" not in launch["context"]  # nothing was on screen before launch
    parsed = DefaultSerializer().deserialize(json.dumps(touch), RequestEnvelope).request
    assert isinstance(parsed, UserEvent) and parsed.arguments == ["answer", "areas", "calf"]
    assert "(touched [2] Calf)" in printed(turn)


def test_a_new_screen_replaces_the_old_one_and_a_result_has_nothing_to_touch(garden_model: InteractionModel) -> None:
    conversation = talk(garden_model, ScreenSkill(should_end=False))
    conversation.say("open garden helper")
    result = conversation.tap(1)
    assert result.screen is not None and result.screen.token == "muscle-twitch-guide.self_care"
    assert "• Cut down on coffee, tea and energy drinks." in result.screen.text
    again = conversation.tap(1)
    assert again.exchanges == [] and again.notes == ["Nothing on this screen can be touched."]


@pytest.mark.parametrize(
    ("line", "note"),
    [("tap 7", "Nothing numbered 7 on screen: choose 1 to 6."), ("tap 0", "Nothing numbered 0 on screen")],
)
def test_a_tap_beside_the_answers_sends_nothing(garden_model: InteractionModel, line: str, note: str) -> None:
    skill = ScreenSkill()
    conversation = talk(garden_model, skill)
    conversation.say("open garden helper")
    turn = conversation.say(line)
    assert len(skill.events) == 1 and turn.exchanges == []
    assert turn.notes[0].startswith(note) and turn.session_open


def test_nothing_can_be_tapped_before_a_screen_or_after_exit(garden_model: InteractionModel) -> None:
    skill = ScreenSkill()
    conversation = talk(garden_model, skill)
    assert conversation.say("tap 1").notes == ["Nothing is on screen to tap."]
    conversation.say("open garden helper")
    conversation.say("exit")
    assert conversation.screen is None
    assert conversation.say("tap 1").notes == ["Nothing is on screen to tap."]
    assert [e["request"]["type"] for e in skill.events] == ["LaunchRequest", "SessionEndedRequest"]


def test_a_result_left_on_screen_after_the_session_ended_starts_a_new_one_when_touched(
    garden_model: InteractionModel,
) -> None:
    skill = ScreenSkill()
    skill.touch_directive = screens.render_directive(AREAS_VIEW)  # answers still on screen at the end
    conversation = talk(garden_model, skill)
    conversation.say("open garden helper")
    ended = conversation.tap(3)
    assert ended.session_ended_by == "skill" and ended.screen is not None
    conversation.tap(1)
    first, _, again = skill.events
    assert again["request"]["type"] == "Alexa.Presentation.APL.UserEvent"
    assert again["session"]["new"] is True and "attributes" not in again["session"]
    assert again["session"]["sessionId"] != first["session"]["sessionId"]


def test_an_unset_should_end_session_keeps_a_screen_session_open(garden_model: InteractionModel) -> None:
    conversation = talk(garden_model, ScreenSkill(should_end=None))
    conversation.say("open garden helper")
    turn = conversation.tap(1)
    assert turn.session_open and turn.session_ended_by is None
    assert any("stays open without listening" in note for note in turn.notes)


def test_what_the_screen_would_show_blank_is_noted(garden_model: InteractionModel) -> None:
    skill = ScreenSkill()
    del skill.launch_directive["datasources"]["screen"]["title"]
    turn = talk(garden_model, skill).say("open garden helper")
    assert "screen: payload.screen.title is not defined (a device shows nothing there)" in turn.notes
    assert turn.problems == []  # a blank is not something Alexa refuses


def test_a_conversation_file_can_tap_and_check_the_screen(garden_model: InteractionModel) -> None:
    spec = ConversationSpec(
        Path("screen.toml"),
        "touch an answer",
        (
            TurnSpec(say="open garden helper", screen_contains=("where do you feel", "[6] somewhere else")),
            TurnSpec(say="tap 2", tap=2, reply_contains=("Got Alexa.Presentation.APL.UserEvent",), session="ended"),
        ),
        screen="show8",
    )
    turns = run(spec, ScreenSkill(), garden_model)
    assert turns[1].tapped is not None and turns[1].tapped.label == "Calf"
    wrong = ConversationSpec(
        spec.path, spec.title, (TurnSpec(say="open garden helper", screen_contains=("weakness",)),), "show8"
    )
    with pytest.raises(AssertionError, match="the screen lacks 'weakness'"):
        run(wrong, ScreenSkill(), garden_model)
    untouched = ConversationSpec(spec.path, spec.title, (TurnSpec(say="tap 1", tap=1),), "show8")
    with pytest.raises(AssertionError, match="nothing was touched"):
        run(untouched, ScreenSkill(), garden_model)


CARD = Card("Simple", "Your summary", "Call your local emergency number now.\n\nWhat to tell a doctor:\n- calf")


@pytest.mark.parametrize(
    ("cards", "shown", "hidden"),
    [
        ("full", ["Call your local emergency number now.", "- calf"], []),
        ("short", ["Call your local emergency number now.", "(3 more lines)"], ["- calf"]),
        ("none", [], ["Your summary", "Call your local"]),
    ],
)
def test_cards_can_be_shortened_or_hidden(cards: str, shown: list[str], hidden: list[str]) -> None:
    turn = Turn(said="yes", speech="Call now.", card=CARD, session_ended_by="skill")
    out = printed(turn, cards=cards)
    assert "Alexa: Call now." in out and "(the skill ended the session)" in out
    for text in shown:
        assert text in out
    for text in hidden:
        assert text not in out


def test_a_one_line_card_is_the_same_short_or_full() -> None:
    turn = Turn(said="yes", speech="Hi.", card=Card("Simple", "T", "Only line"))
    assert printed(turn, cards="short") == printed(turn, cards="full")


def test_a_touch_has_no_intent_and_speech_still_has_one(garden_model: InteractionModel) -> None:
    conversation = talk(garden_model, ScreenSkill(should_end=False))
    conversation.say("open garden helper")
    assert conversation.tap(4).intent is None
    assert isinstance(conversation.say("roses").intent, IntentMatch)
