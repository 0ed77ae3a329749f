"""Name-free interaction: Alexa asks, with a CanFulfillIntentRequest, whether the skill can take an
intent before anyone named the skill. YES for the person's own questions and their story when the
words are about twitching, MAYBE when they are unclear, NO for any other intent and for words about
something else; per slot canUnderstand and canFulfill. The request is answered from itself alone:
no speech, no session written, no interview started, nothing stored (docs/nlu.md)."""

import copy
from typing import Any

import pytest
from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

from lambda_function import lambda_handler
from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.entry import handle_event
from muscle_twitch.skill.slots import QUESTION_INTENTS
from tests.alexa import intent_event, model_intents, request, send, state

FIXTURES = "can_fulfill/"


def can_fulfill_event(intent: str, slots: dict[str, str | list[str]] | None = None) -> dict[str, Any]:
    """A CanFulfillIntentRequest as Alexa sends one: no session, the intent with the slots it heard
    (words and entity resolution built from the generated model, as for an IntentRequest)."""
    event = intent_event(intent, slots)
    slots_heard = event["request"]["intent"]["slots"].items()
    heard = {name: slot for name, slot in slots_heard if "value" in slot or "slotValue" in slot}
    return {
        "version": "1.0",
        "context": event["context"],
        "request": {
            "type": "CanFulfillIntentRequest",
            "requestId": "amzn1.echo-api.request.can-fulfill",
            "timestamp": event["request"]["timestamp"],
            "locale": event["request"]["locale"],
            "intent": {"name": intent, "confirmationStatus": "NONE", "slots": heard},
        },
    }


def answer_of(body: dict[str, Any]) -> tuple[str, dict[str, tuple[str, str]]]:
    """(canFulfill, {slot: (canUnderstand, canFulfill)}) of a response."""
    found = body["response"]["canFulfillIntent"]
    slots = {name: (slot["canUnderstand"], slot["canFulfill"]) for name, slot in (found.get("slots") or {}).items()}
    return found["canFulfill"], slots


def assert_changes_nothing(body: dict[str, Any]) -> None:
    """Only the answer: nothing said, shown or asked, no session attributes, no session end."""
    assert set(body["response"]) == {"canFulfillIntent"}, body
    assert "sessionAttributes" not in body


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("ask_disease_als", ("YES", {"disease": ("YES", "YES")})),
        ("ask_serious", ("YES", {})),
        ("tell_eyelid_for_a_week", ("YES", {"story": ("YES", "YES")})),
        ("tell_car_wont_start", ("NO", {"story": ("NO", "NO")})),
        ("other_skill_play_sound", ("NO", {"Sound": ("NO", "NO")})),
    ],
)
def test_the_fixture_requests_get_their_answer_and_change_nothing(fixture: str, expected: Any) -> None:
    body = send(request(FIXTURES + fixture)).body
    assert answer_of(body) == expected
    assert_changes_nothing(body)


def test_is_it_als_is_a_yes() -> None:
    """ "Alexa, is it ALS?": the question intent, with a disease the model lists."""
    body = send(request(FIXTURES + "ask_disease_als")).body
    assert answer_of(body) == ("YES", {"disease": ("YES", "YES")})


@pytest.mark.parametrize(
    ("intent", "slots", "expected"),
    [
        ("AskDiseaseIntent", {"disease": "als"}, ("YES", {"disease": ("YES", "YES")})),
        ("AskDiseaseIntent", {"disease": "multiple sclerosis"}, ("YES", {"disease": ("YES", "YES")})),
        ("AskDiseaseIntent", {"disease": "pizza"}, ("NO", {"disease": ("NO", "NO")})),
        ("AskTriggerLinkIntent", {"triggers": "coffee"}, ("YES", {"triggers": ("YES", "YES")})),
        ("AskTriggerLinkIntent", {"triggers": "the moon"}, ("NO", {"triggers": ("NO", "NO")})),
        ("AskMyCauseIntent", {"areas": "eyelid"}, ("YES", {"areas": ("YES", "YES")})),
        ("AskMyCauseIntent", {"areas": ["eyelid", "spaceship"]}, ("MAYBE", {"areas": ("MAYBE", "YES")})),
        ("TellIntent", {"story": "muscle twitching"}, ("YES", {"story": ("YES", "YES")})),
        ("TellIntent", {"story": "calf keeps jumping since i started prednisone"}, ("YES", {"story": ("YES", "YES")})),
        ("TellIntent", {"story": "for a week"}, ("MAYBE", {"story": ("MAYBE", "YES")})),
        ("TellIntent", {}, ("MAYBE", {})),
        ("TellIntent", {"story": "play some music"}, ("NO", {"story": ("NO", "NO")})),
        ("TellIntent", {"story": "what's the capital of france"}, ("NO", {"story": ("NO", "NO")})),
        ("TellIntent", {"story": "my dog"}, ("NO", {"story": ("NO", "NO")})),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_words_about_twitching_are_a_yes_unclear_ones_a_maybe_others_a_no(
    intent: str, slots: dict[str, Any], expected: Any
) -> None:
    body = send(can_fulfill_event(intent, slots)).body
    assert answer_of(body) == expected
    assert_changes_nothing(body)


NO_SLOT_QUESTIONS = sorted(name for name in QUESTION_INTENTS if not model_intents().get(name, {}).get("slots"))


@pytest.mark.parametrize("intent", NO_SLOT_QUESTIONS)
def test_every_question_intent_without_words_is_a_question_the_skill_answers(intent: str) -> None:
    assert NO_SLOT_QUESTIONS and answer_of(send(can_fulfill_event(intent)).body) == ("YES", {})


@pytest.mark.parametrize(
    ("intent", "slots"),
    [
        ("AnswerIntent", {"areas": "eyelid"}),  # only an answer to a question the skill asked
        ("AMAZON.YesIntent", {}),
        ("AMAZON.HelpIntent", {}),
        ("AMAZON.StopIntent", {}),
        ("OrderPizzaIntent", {}),
    ],
)
def test_any_other_intent_is_a_no(intent: str, slots: dict[str, str]) -> None:
    body = send(can_fulfill_event(intent, slots)).body
    verdict, judged = answer_of(body)
    assert verdict == "NO" and set(judged.values()) <= {("NO", "NO")}
    assert_changes_nothing(body)


def test_a_request_without_an_intent_is_a_no() -> None:
    event = request(FIXTURES + "ask_serious")
    del event["request"]["intent"]
    body = send(event).body
    assert answer_of(body) == ("NO", {})
    assert_changes_nothing(body)


def test_in_a_session_the_interview_is_neither_started_nor_changed() -> None:
    """Alexa sends CanFulfillIntentRequest without a session; one sent inside a session (a test
    tool's) gets its session attributes back as they came, the interview not advanced."""
    attributes = state("areas", emergency="no")
    event = can_fulfill_event("TellIntent", {"story": "my eyelid has been twitching for a week"})
    event["session"] = copy.deepcopy(request("yes", attributes=attributes, new=False)["session"])
    body = lambda_handler(event, None)
    assert answer_of(body)[0] == "YES"
    assert set(body["response"]) == {"canFulfillIntent"}
    assert body.get("sessionAttributes") == attributes


class RecordingAdapter(AbstractPersistenceAdapter):  # type: ignore[misc]
    """A store that remembers every call made to it."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def get_attributes(self, request_envelope: Any) -> dict[str, Any]:
        self.calls.append("get")
        return {}

    def save_attributes(self, request_envelope: Any, attributes: dict[str, Any]) -> None:
        self.calls.append("save")

    def delete_attributes(self, request_envelope: Any) -> None:
        self.calls.append("delete")


@pytest.mark.parametrize("fixture", ["ask_disease_als", "tell_eyelid_for_a_week", "other_skill_play_sound"])
def test_nothing_is_read_from_or_written_to_the_store(fixture: str) -> None:
    store = RecordingAdapter()
    body = handle_event(build_skill(persistence_adapter=store), request(FIXTURES + fixture))
    assert "canFulfillIntent" in body["response"]
    assert store.calls == []


def test_the_web_door_gives_the_same_answer() -> None:
    from muscle_twitch.skill.builder import get_skill
    from webservice.app import create_app
    from webservice.settings import WebSettings

    client = create_app(get_skill(), WebSettings(skill_id=None, verify_requests=False)).test_client()
    event = request(FIXTURES + "ask_disease_als")
    response = client.post("/", json=event)
    assert response.status_code == 200
    assert response.get_json() == lambda_handler(copy.deepcopy(event), None)
