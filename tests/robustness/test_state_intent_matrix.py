"""Every intent of the interaction model, the built-ins and one foreign intent, sent in every
state of the interview: the answer is sensible, the interview is kept, and no question goes out
without a reprompt.

The model's intent list is read from the generated model, so a new intent without a row here
fails `test_every_model_intent_has_a_row`.
"""

from typing import Any

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.interview import Interview
from muscle_twitch.core.knowledge import load_knowledge
from tests.alexa import Heard, plain, request, send

from .alexa_contract import check_response
from .envelopes import model_intents
from .interview_states import STATES, attributes_of

# Intent -> (fixture that sends it, what it must do in any state).
#   exit:     ends the session, whatever was being asked
#   stay:     answers and asks the same question again; the interview is exactly as it was
#   restart:  a fresh interview, asking the safety question first
#   answer:   moves the interview on (or retries the question); known answers are kept, and
#             the session ends only with a result
#   fallback: a failed try; the same question, or the next one after too many tries
ROWS: dict[str, tuple[str, str]] = {
    "BodyAreaIntent": ("body_area_eyelid", "answer"),
    "SymptomIntent": ("symptom_weakness", "answer"),
    "OnsetIntent": ("onset_few_days", "answer"),
    "FrequencyIntent": ("frequency_daily", "answer"),
    "TwitchLengthIntent": ("twitch_length_seconds", "answer"),
    "TriggerIntent": ("trigger_coffee_stress", "answer"),
    "MedicineIntent": ("medicine_prednisone", "answer"),
    "NothingIntent": ("nothing", "answer"),
    "DontKnowIntent": ("dont_know", "answer"),
    "AMAZON.YesIntent": ("yes", "answer"),
    "AMAZON.NoIntent": ("no", "answer"),
    "YesDetailIntent": ("yes_detail", "answer"),
    "NoDetailIntent": ("no_detail", "answer"),
    "UnsureDetailIntent": ("unsure_detail", "answer"),
    "MedicineIntent with a change": ("medicine_changed_sertraline", "answer"),
    "WhyIntent": ("why", "stay"),
    "AMAZON.HelpIntent": ("help", "stay"),
    "AMAZON.RepeatIntent": ("repeat", "stay"),
    "AMAZON.FallbackIntent": ("fallback", "fallback"),
    "AMAZON.StartOverIntent": ("start_over", "restart"),
    "AMAZON.StopIntent": ("stop", "exit"),
    "AMAZON.CancelIntent": ("cancel", "exit"),
    "AMAZON.NavigateHomeIntent": ("navigate_home", "exit"),
    "OrderPizzaIntent (another skill's)": ("unknown_intent", "stay"),
    "SymptomIntent with an emergency sign": ("symptom_trouble_breathing", "emergency"),
}
# Slot name -> the answers it may change (AMAZON.DURATION is routed by the question asked).
SLOT_ANSWERS = {
    "areas": {"areas"},
    "symptoms": {"symptoms"},
    "triggers": {"triggers"},
    "medicines": {"medicines"},
    "frequency": {"frequency"},
    "twitch_length": {"twitch_length"},
    "length": {"twitch_length"},
    "onset": {"onset"},
    "since": {"onset"},
    "duration": {"onset", "twitch_length"},
    "change": {"medicine_new"},
    "detail": set(),  # words after a reply: read for known terms, never replacing what was said
}
K = load_knowledge()
CASES = [(state, row) for state in STATES for row in ROWS]


def interview_of(attributes: dict[str, Any]) -> Interview:
    """The interview a response carries on, as the core reads it back."""
    return Interview.from_dict(attributes.get("interview"), K)


def answers_it_may_change(event: dict[str, Any]) -> set[str]:
    slots = event["request"]["intent"].get("slots") or {}
    return {answer for name, slot in slots.items() if slot.get("value") for answer in SLOT_ANSWERS.get(name, set())}


def assert_known_answers_kept(before: Answers, after: Answers, changeable: set[str]) -> None:
    for question, value in before.values.items():
        if isinstance(value, tuple):
            assert set(value) <= set(after.value(question) or ()), f"{question} lost items"
        elif question not in changeable:
            assert after.value(question) == value, f"{question} changed without being answered"
    assert before.unsure <= after.unsure | set(after.values), "a 'not sure' was lost"


def assert_speaks_question_last(heard: Heard) -> None:
    assert heard.speech.rstrip().endswith(("?", ".")), f"the question is not last: {heard.speech!r}"
    assert heard.question, f"the reprompt asks no known question: {heard.reprompt!r}"


def test_every_model_intent_has_a_row() -> None:
    covered = {row.split(" ")[0] for row in ROWS}
    assert set(model_intents()) <= covered, set(model_intents()) - covered


@pytest.mark.parametrize(("state", "row"), CASES)
def test_intent_in_state(state: str, row: str) -> None:
    fixture, expected = ROWS[row]
    before = attributes_of(state)
    asked = STATES[state][1]
    known = interview_of(before).answers
    event = request(fixture, attributes=attributes_of(state))
    heard = send(event)
    check_response(heard.body)
    after = interview_of(heard.attributes)

    if expected == "exit":
        assert heard.ended
        return
    if expected == "emergency":
        assert heard.ended and heard.level == "emergency"
        return
    if not heard.ended:
        assert_speaks_question_last(heard)
    if expected == "stay":
        assert not heard.ended
        assert heard.question == asked
        assert after.answers == known
    elif expected == "restart":
        assert not heard.ended
        assert heard.question == "emergency" and after.answers == Answers()
    elif expected == "fallback":
        assert heard.ended or heard.question is not None
        assert_known_answers_kept(known, after.answers, set())
    elif heard.ended:  # answer: a result, or the answer to the offer after it (nothing is kept then)
        assert heard.level or asked.startswith("offer:"), "the session ended without a result"
    else:
        assert_known_answers_kept(known, after.answers, answers_it_may_change(event))


@pytest.mark.parametrize("state", sorted(STATES))
def test_session_end_in_state_is_silent(state: str) -> None:
    heard = send(request("session_ended", attributes=attributes_of(state)))
    check_response(heard.body, session_ended_request=True)
    assert not plain(heard.response.get("outputSpeech"))
