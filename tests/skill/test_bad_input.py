"""Bad input gets a clear spoken answer and loses nothing of the interview."""

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.alexa import Heard, interview_state, request, say, send

ASKING_SYMPTOMS = interview_state("symptoms", emergency="no", areas=["calf"], onset=3)


def keeps_interview(heard: Heard, asking: str = "symptoms") -> None:
    assert heard.speech
    assert not heard.ended
    assert heard.reprompt
    assert heard.asking == asking
    assert heard.answers["areas"] == ["calf"]
    assert heard.answers["onset"] == 3


def _event() -> dict[str, Any]:
    return request("body_area_eyelid", attributes=ASKING_SYMPTOMS)


def _set(path: list[str], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(event: dict[str, Any]) -> None:
        target = event
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(path: list[str]) -> Callable[[dict[str, Any]], None]:
    def change(event: dict[str, Any]) -> None:
        target = event
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


MALFORMED = [
    ("request is missing", _drop(["request"])),
    ("request is a string", _set(["request"], "IntentRequest")),
    ("request type is unknown", _set(["request", "type"], "Something.Unheard")),
    ("intent is missing", _drop(["request", "intent"])),
    ("intent is a list", _set(["request", "intent"], [1, 2])),
    ("intent name is a number", _set(["request", "intent", "name"], 42)),
    ("slots is a list", _set(["request", "intent", "slots"], ["areas"])),
    ("slot is a string", _set(["request", "intent", "slots", "areas"], "eyelid")),
    ("slot value is a number", _set(["request", "intent", "slots", "areas", "value"], 7)),
    ("resolutions are garbage", _set(["request", "intent", "slots", "areas", "resolutions"], {"x": [None]})),
    ("context is missing", _drop(["context"])),
    ("locale is missing", _drop(["request", "locale"])),
    ("timestamp is nonsense", _set(["request", "timestamp"], "yesterday-ish")),
    ("version is missing", _drop(["version"])),
]


@pytest.mark.parametrize("change", [c for _, c in MALFORMED], ids=[n for n, _ in MALFORMED])
def test_a_malformed_envelope_gets_a_spoken_answer_and_keeps_the_interview(change: Callable[[dict], None]) -> None:
    event = _event()
    change(event)
    heard = send(event)
    assert heard.speech
    assert not heard.ended
    assert heard.reprompt
    # Whatever the skill made of it, what the person said before is still there.
    assert heard.answers["areas"][0] == "calf"
    assert heard.answers["onset"] == 3


@pytest.mark.parametrize("event", [None, "launch", 42, [], {}, {"request": None}], ids=repr)
def test_something_that_is_not_an_envelope_gets_an_apology_not_a_crash(event: Any) -> None:
    heard = send(event)
    assert heard.speech.startswith("Sorry, I had a problem just then.")
    assert heard.body["version"] == "1.0"


def test_a_request_without_a_session_is_answered() -> None:
    event = request("launch")
    del event["session"]
    heard = send(event)
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")
    assert heard.reprompt


def test_an_intent_the_model_does_not_define_keeps_the_question() -> None:
    heard = say("unknown_intent", attributes=ASKING_SYMPTOMS)
    assert heard.speech.startswith("That's not something I can help with here.")
    keeps_interview(heard)
    assert heard.attributes["interview"]["tries"] == 0


def test_an_unresolved_slot_value_is_a_retry_not_an_answer() -> None:
    state = interview_state("areas", emergency="no")
    heard = say("body_area_no_match", attributes=state)
    assert heard.speech.startswith("Sorry, I didn't catch that.")
    assert heard.asking == "areas"
    assert "areas" not in heard.answers


def test_an_answer_to_a_question_not_asked_is_kept_and_the_question_stands() -> None:
    heard = say("trigger_coffee_stress", attributes=ASKING_SYMPTOMS)
    keeps_interview(heard)
    assert heard.answers["triggers"] == ["caffeine", "stress"]
    assert "caffeine and stress" in heard.speech.split(".")[0]  # confirmed before the question


def test_yes_out_of_context_is_a_gentle_retry() -> None:
    state = interview_state("areas", emergency="no", onset=3)
    heard = say("yes", attributes=state)
    assert heard.speech.startswith("Sorry, I didn't catch that.")
    assert heard.asking == "areas"
    assert heard.answers == {"emergency": "no", "onset": 3}


@pytest.mark.parametrize(
    "tamper",
    [
        lambda a: a["interview"].update(tries="many"),
        lambda a: a["interview"].update(asked=-3),
        lambda a: a["interview"]["answers"].update(frequency="every leap year"),
        lambda a: a["interview"]["answers"].update(symptoms="weakness"),
        lambda a: a["interview"]["answers"].update(unsure={"x": 1}),
        lambda a: a.update(last_reply=12),
        lambda a: a.update(outcome=["emergency"]),
    ],
    ids=["tries", "asked", "frequency", "symptoms", "unsure", "last_reply", "outcome"],
)
def test_tampered_session_attributes_keep_what_is_valid(tamper: Callable[[dict], None]) -> None:
    attributes = copy.deepcopy(ASKING_SYMPTOMS)
    tamper(attributes)
    heard = say("help", attributes=attributes)
    keeps_interview(heard)


@pytest.mark.parametrize("garbage", ["not a dict", 17, None, ["asking"]], ids=repr)
def test_unreadable_interview_state_starts_a_fresh_interview(garbage: Any) -> None:
    heard = say("no", attributes={"interview": garbage})
    assert not heard.ended
    assert heard.asking == "emergency"
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")


@pytest.mark.parametrize("fixture", ["stop", "session_ended", "help", "body_area_eyelid"])
def test_session_attributes_the_skill_did_not_write_are_not_echoed_back(fixture: str) -> None:
    attributes = copy.deepcopy(ASKING_SYMPTOMS)
    attributes["padding"] = "calf " * 6000
    attributes["last_reply"] = {"speech": "x" * 50_000, "reprompt": "y"}
    body = send(request(fixture, attributes=attributes)).body
    assert set(body.get("sessionAttributes", {})) <= {"interview", "last_reply", "outcome"}
    assert len(json.dumps(body)) < 24_000
    assert body["sessionAttributes"]["interview"]["answers"]["areas"][0] == "calf"
