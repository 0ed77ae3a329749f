"""Bad input gets a clear spoken answer and loses nothing of the interview."""

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from muscle_twitch.core.answers import MAX_ONSET_DAYS
from muscle_twitch.core.interview import Interview
from muscle_twitch.core.knowledge import load_knowledge
from tests.alexa import Heard, answer, request, say, send, state

ASKING_SYMPTOMS = state("symptoms", emergency="no", areas=["calf"], onset=3)
# An answer to that question, in the slot it is elicited on.
ANSWER = "answer_symptoms_weakness"
SLOT = "symptoms"


def kept(heard: Heard) -> Interview:
    """The interview the response carries on, as the core reads it back."""
    return Interview.from_dict(heard.attributes.get("interview"), load_knowledge())


def keeps_interview(heard: Heard, asking: str = "symptoms") -> None:
    assert heard.speech
    assert not heard.ended
    assert heard.reprompt
    assert heard.question == asking
    interview = kept(heard)
    assert interview.answers.value("areas") == ("calf",)
    assert interview.answers.value("onset") == 3


def _event() -> dict[str, Any]:
    return request(ANSWER, attributes=ASKING_SYMPTOMS)


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
    ("slots is a list", _set(["request", "intent", "slots"], [SLOT])),
    ("slot is a string", _set(["request", "intent", "slots", SLOT], "weakness")),
    ("slot value is a number", _set(["request", "intent", "slots", SLOT, "value"], 7)),
    ("slotValue is a number", _set(["request", "intent", "slots", SLOT, "slotValue"], 7)),
    ("slotValue values are garbage", _set(["request", "intent", "slots", SLOT, "slotValue", "values"], [None, 3])),
    ("resolutions are garbage", _set(["request", "intent", "slots", SLOT, "resolutions"], {"x": [None]})),
    ("dialog state is nonsense", _set(["request", "dialogState"], {"x": 1})),
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
    assert kept(heard).answers.value("areas")[0] == "calf"
    assert kept(heard).answers.value("onset") == 3


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
    assert kept(heard).tries == 0


def test_an_answer_to_a_question_not_asked_is_kept_and_the_question_stands() -> None:
    # Said where other symptoms were asked (so Alexa put the words in that slot).
    heard = answer("coffee and stress", attributes=ASKING_SYMPTOMS)
    keeps_interview(heard)
    assert kept(heard).answers.value("triggers") == ("caffeine", "stress")
    assert "coffee, stress" in heard.speech.split(".")[0]  # confirmed before the question


def test_yes_out_of_context_is_a_gentle_retry() -> None:
    heard = say("yes", attributes=state("areas", emergency="no", onset=3))
    assert heard.speech.startswith("Sorry, I didn't catch that.")
    assert heard.question == "areas"
    assert dict(kept(heard).answers.values) == {"emergency": "no", "onset": 3}


def _deep(levels: int) -> Any:
    value: Any = "calf"
    for _ in range(levels):
        value = {"x": value}
    return value


# Every field of the stored interview given a value of the wrong type, or one too big: each
# is dropped on its own, and the rest of the interview carries on.
TAMPERED = [
    ("tries a word", lambda a: a["interview"].update(tries="many")),
    ("asked negative", lambda a: a["interview"].update(asked=-3)),
    ("asking a list", lambda a: a["interview"].update(asking=["symptoms"])),
    ("offer a dict", lambda a: a["interview"].update(offer={"x": 1})),
    ("cue huge", lambda a: a["interview"].update(cue=10**40)),
    ("frequency unknown", lambda a: a["interview"]["answers"]["values"].update(frequency="every leap year")),
    ("symptoms a string", lambda a: a["interview"]["answers"]["values"].update(symptoms="weakness")),
    ("values a list", lambda a: a["interview"]["answers"].update(said=["calf"])),
    ("unsure a dict", lambda a: a["interview"]["answers"].update(unsure={"x": 1})),
    ("words a number", lambda a: a["interview"]["answers"].update(said={"areas": {"calf": 7}})),
    ("a stray key", lambda a: a.update(last_reply={"speech": "Say: call this number 0900"})),
    ("outcome a list", lambda a: a.update(outcome=["emergency"])),
]


@pytest.mark.parametrize("tamper", [t for _, t in TAMPERED], ids=[n for n, _ in TAMPERED])
@pytest.mark.parametrize("fixture", ["help", "repeat", "why", "no"])
def test_tampered_session_attributes_keep_what_is_valid(fixture: str, tamper: Callable[[dict], None]) -> None:
    attributes = copy.deepcopy(ASKING_SYMPTOMS)
    tamper(attributes)
    heard = say(fixture, attributes=attributes)
    if fixture == "no":  # "no" answered the symptoms question, and the interview went on
        assert kept(heard).answers.value("symptoms") == ()
        assert heard.question not in (None, "symptoms") and not heard.ended
        return
    keeps_interview(heard)
    assert "0900" not in heard.speech


@pytest.mark.parametrize("garbage", ["not a dict", 17, None, ["asking"], _deep(300), {"answers": _deep(50)}], ids=repr)
def test_unreadable_interview_state_starts_a_fresh_interview(garbage: Any) -> None:
    heard = say("no", attributes={"interview": garbage})
    assert not heard.ended
    assert heard.question == "emergency"
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")


@pytest.mark.parametrize("fixture", ["stop", "session_ended", "help", ANSWER, "fallback"])
def test_session_attributes_the_skill_did_not_write_are_not_echoed_back(fixture: str) -> None:
    attributes = copy.deepcopy(ASKING_SYMPTOMS)
    attributes["padding"] = "calf " * 6000
    attributes["nested"] = _deep(300)
    body = send(request(fixture, attributes=attributes)).body
    assert set(body.get("sessionAttributes", {})) <= {"interview"}
    assert len(json.dumps(body)) < 24_000


def test_stop_works_whatever_the_attributes_hold() -> None:
    for garbage in ([1, 2], {"interview": _deep(300)}, {"interview": {"answers": {"values": {"areas": "x" * 9000}}}}):
        heard = send(request("stop", attributes=garbage))  # type: ignore[arg-type]
        assert heard.ended and heard.speech.startswith("Okay. Take care")


def test_an_unreadable_envelope_with_deep_attributes_still_gets_the_apology() -> None:
    event = request(ANSWER, attributes={"interview": _deep(300)})
    event["request"] = "broken"
    heard = send(event)
    assert heard.speech.startswith("Sorry, I had a problem just then.")


@pytest.mark.parametrize(
    "request_type",
    [
        "AlexaSkillEvent.SkillEnabled",
        "AlexaSkillEvent.ProactiveSubscriptionChanged",
        "CanFulfillIntentRequest",
        "SessionResumedRequest",
        "AudioPlayer.PlaybackStarted",
        "Messaging.MessageReceived",
        "Reminders.ReminderCreated",
        "System.ExceptionEncountered",
    ],
)
def test_request_types_the_skill_does_not_use_get_an_empty_answer_and_start_nothing(request_type: str) -> None:
    event = request("launch", new=True)
    event["request"] = {"type": request_type, "requestId": "x", "timestamp": "2026-11-26T12:00:00Z", "locale": "en-US"}
    body = send(event).body
    assert "outputSpeech" not in body.get("response", {})
    assert "interview" not in body.get("sessionAttributes", {})


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-12:00"])
def test_a_timestamp_at_the_edge_of_time_is_answered(stamp: str) -> None:
    event = request("launch")
    event["request"]["timestamp"] = stamp
    heard = send(event)
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")


ASKING_ONSET = state("onset", emergency="no")


@pytest.mark.parametrize("words", ["P" + "9" * 400 + "D", "P99999999999999Y", "PT1e400S", "P-3D", "9" * 400 + " days"])
def test_a_broken_duration_is_not_an_answer_and_not_a_crash(words: str) -> None:
    heard = answer(words, attributes=ASKING_ONSET)
    assert heard.question == "onset" and heard.speech.startswith("Sorry, I didn't catch that.")


@pytest.mark.parametrize("words", ["99999999999999 years", "a billion years", "infinity years"])
def test_an_enormous_time_is_kept_within_what_the_interview_holds(words: str) -> None:
    heard = answer(words, attributes=ASKING_ONSET)
    onset = kept(heard).answers.value("onset")
    assert onset is None or 0 <= onset <= MAX_ONSET_DAYS
    assert heard.question and not heard.ended


@pytest.mark.parametrize("words", ["calf\x00\x07", "calf\ud800", "calf\ufffe<speak>&"])
def test_characters_xml_forbids_never_reach_the_ssml(words: str) -> None:
    body = answer(words, attributes=state("areas", emergency="no")).body
    ssml = body["response"]["outputSpeech"]["ssml"]
    assert not any(c in ssml for c in "\x00\x07\ufffe\ud800")
    assert "<speak>&" not in ssml
