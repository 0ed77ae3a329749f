"""Every intent and the main states, as Alexa request JSON through `lambda_handler`."""

import re
from typing import Any

import pytest

from tests.alexa import Heard, interview_state, request, say, send

# An interview that has passed the safety check and knows where it twitches.
ASKING_SYMPTOMS = interview_state("symptoms", emergency="no", areas=["calf"])
ASKING_AREAS = interview_state("areas", emergency="no")
ASKING_EMERGENCY = interview_state("emergency")
ASKING_MEDICINES = interview_state("medicines", emergency="no", areas=["calf"], symptoms=[], onset=3, frequency="daily")
ASKING_TRIGGERS = interview_state(
    "triggers", emergency="no", areas=["calf"], symptoms=[], onset=3, frequency="daily", medicines=[]
)
ASKING_LENGTH = interview_state(
    "twitch_length", emergency="no", areas=["calf"], symptoms=[], onset=30, frequency="daily", medicines=[]
)


def assert_question(heard: Heard, asking: str) -> None:
    """A question keeps the session open, carries a reprompt, and the state says what is asked."""
    assert not heard.ended
    assert heard.speech.endswith("?"), heard.speech
    assert heard.reprompt and heard.reprompt != heard.speech
    assert heard.asking == asking


def test_launch_welcomes_with_the_disclaimer_and_asks_the_safety_question() -> None:
    heard = say("launch")
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")
    assert "I'm not a doctor and this isn't medical advice" in heard.speech
    assert "call your local emergency number, 911" in heard.speech
    assert "trouble breathing" in heard.speech
    assert_question(heard, "emergency")
    assert heard.answers == {}


@pytest.mark.parametrize(
    ("locale", "number"),
    [("en-US", "911"), ("en-GB", "999"), ("en-AU", "000"), ("en-IN", "112"), ("en-CA", "911")],
)
def test_the_emergency_message_gives_the_locales_number(locale: str, number: str) -> None:
    heard = say("yes", attributes=ASKING_EMERGENCY, locale=locale)
    assert heard.ended
    assert f"call your local emergency number, {number}, right now" in heard.speech
    assert heard.outcome == "emergency"
    # The skill never offers to make the call itself.
    assert not re.search(r"\b(i|me) (can |will |could )?(call|dial)\b|call for you", heard.speech.lower())


def test_an_unknown_locale_still_hears_the_emergency_message_without_a_wrong_number() -> None:
    heard = say("yes", attributes=ASKING_EMERGENCY, locale="xx-XX")
    assert "call your local emergency number right now" in heard.speech
    assert not any(ch.isdigit() for ch in heard.speech)


# (fixture, state before, question asked after, what the answers must then hold)
ANSWERS: list[tuple[str, dict[str, Any], str, dict[str, Any]]] = [
    ("no", ASKING_EMERGENCY, "areas", {"emergency": "no"}),
    ("body_area_eyelid", ASKING_AREAS, "symptoms", {"areas": ["eyelid"]}),
    ("body_area_calves_two_weeks", ASKING_AREAS, "symptoms", {"areas": ["calf"], "onset": 14}),
    ("body_area_multi_calves_eyelid", ASKING_AREAS, "symptoms", {"areas": ["calf", "eyelid"]}),
    ("body_area_value_only", ASKING_AREAS, "symptoms", {"areas": ["calf"]}),
    ("nothing", ASKING_SYMPTOMS, "onset", {"symptoms": []}),
    ("no", ASKING_SYMPTOMS, "onset", {"symptoms": []}),
    ("symptom_weakness", ASKING_SYMPTOMS, "onset", {"symptoms": ["weakness"]}),
    (
        "onset_few_days",
        interview_state("onset", emergency="no", areas=["calf"], symptoms=[]),
        "frequency",
        {"onset": 3},
    ),
    (
        "onset_duration_three_weeks",
        interview_state("onset", emergency="no", areas=["calf"], symptoms=[]),
        "frequency",
        {"onset": 21},
    ),
    (
        "frequency_daily",
        interview_state("frequency", emergency="no", areas=["calf"], symptoms=[], onset=3),
        "medicines",
        {"frequency": "daily"},
    ),
    ("nothing", ASKING_MEDICINES, "triggers", {"medicines": []}),
]


@pytest.mark.parametrize(
    ("fixture", "state", "next_question", "expected"),
    ANSWERS,
    ids=[f"{f}->{q}" for f, _, q, _ in ANSWERS],
)
def test_an_answer_fills_in_and_the_next_question_follows(
    fixture: str, state: dict[str, Any], next_question: str, expected: dict[str, Any]
) -> None:
    heard = say(fixture, attributes=state)
    assert_question(heard, next_question)
    for key, value in expected.items():
        assert heard.answers[key] == value


def test_over_answering_is_confirmed_implicitly() -> None:
    heard = say("body_area_calves_two_weeks", attributes=ASKING_AREAS)
    confirmation, question = heard.speech.split(". ", 1)
    assert confirmation.endswith("your calf, about 2 weeks")
    assert question.startswith("Besides the twitching")


@pytest.mark.parametrize(
    ("fixture", "state", "outcome", "says"),
    [
        ("trigger_coffee_stress", ASKING_TRIGGERS, "self_care", "cut back on coffee"),
        ("twitch_length_seconds", ASKING_LENGTH, "book_appointment", "booking a doctor's appointment"),
        ("medicine_prednisone", ASKING_MEDICINES, None, None),
    ],
)
def test_the_last_answer_gives_the_result(fixture: str, state: dict[str, Any], outcome: str | None, says: str) -> None:
    heard = say(fixture, attributes=state)
    if outcome is None:  # naming a medicine points to a doctor, so the last question is twitch length
        assert_question(heard, "twitch_length")
        return
    assert heard.ended and heard.outcome == outcome
    assert says in heard.speech
    assert "not medical advice" in heard.speech
    assert heard.card.startswith(("Self-care", "Book a doctor"))
    assert "not a substitute for professional medical advice" in heard.card


def test_a_self_care_result_ends_with_a_safety_net_and_a_tips_card() -> None:
    heard = say("trigger_coffee_stress", attributes=ASKING_TRIGGERS)
    assert "See a doctor if it lasts more than two weeks" in heard.speech
    assert "usually harmless" in heard.speech
    assert "- Possible triggers: caffeine and stress" in heard.card
    assert "Cut back on caffeine" in heard.card


def test_a_doctor_result_card_has_the_summary_and_the_tests() -> None:
    heard = say("twitch_length_seconds", attributes=ASKING_LENGTH)
    card = heard.card
    for line in (
        "- Where: calf",
        "- Since: about a month",
        "- How often: a few times a day",
        "- How long each twitch lasts: a few seconds",
        "- Other symptoms: none",
        "- Medicines and conditions: none",
        "electromyography",
        "an MRI scan",
    ):
        assert line in card
    assert "Because it has been going on for two weeks or more" in heard.speech


def test_a_medicine_is_never_to_be_stopped_alone() -> None:
    state = interview_state(
        "twitch_length",
        emergency="no",
        areas=["hand"],
        symptoms=[],
        onset=3,
        frequency="daily",
        medicines=["corticosteroids"],
    )
    heard = say("twitch_length_seconds", attributes=state)
    assert "Don't stop any medicine on your own" in heard.speech
    assert "Do not stop a prescribed medicine on your own" in heard.card


def test_an_emergency_symptom_ends_the_interview_at_once() -> None:
    heard = say("symptom_trouble_breathing", attributes=ASKING_SYMPTOMS)
    assert heard.ended and heard.outcome == "emergency"
    assert "you mentioned trouble breathing" in heard.speech


@pytest.mark.parametrize(
    "state", [ASKING_EMERGENCY, ASKING_SYMPTOMS, ASKING_MEDICINES], ids=["emergency", "symptoms", "medicines"]
)
def test_help_explains_the_current_question_and_ends_with_it(state: dict[str, Any]) -> None:
    heard = say("help", attributes=state)
    asking = state["interview"]["asking"]
    assert_question(heard, asking)
    assert "repeat, start over, or stop" in heard.speech
    assert heard.attributes["interview"]["answers"] == state["interview"]["answers"]


def test_why_explains_the_question_and_asks_it_again() -> None:
    heard = say("why", attributes=ASKING_SYMPTOMS)
    assert heard.speech.startswith("Things like weakness or numbness tell me")
    assert_question(heard, "symptoms")


def test_repeat_says_the_last_thing_again() -> None:
    first = say("no", attributes=ASKING_EMERGENCY)
    again = say("repeat", first)
    assert again.speech == first.speech
    assert again.reprompt == first.reprompt
    assert_question(again, "areas")


def test_start_over_forgets_the_answers() -> None:
    heard = say("start_over", attributes=ASKING_MEDICINES)
    assert heard.speech.startswith("Okay, let's start again.")
    assert_question(heard, "emergency")
    assert heard.answers == {}


@pytest.mark.parametrize("fixture", ["stop", "cancel", "navigate_home"])
@pytest.mark.parametrize(
    "state", [ASKING_EMERGENCY, ASKING_MEDICINES, None], ids=["start", "middle", "no-session-state"]
)
def test_stop_cancel_and_home_end_politely_at_any_point(fixture: str, state: dict[str, Any] | None) -> None:
    heard = say(fixture, attributes=state)
    assert heard.ended
    assert heard.speech.startswith("Okay. Take care")
    assert not heard.reprompt


def test_session_ended_request_gets_an_empty_response() -> None:
    body = send(request("session_ended", attributes=ASKING_MEDICINES)).body
    assert body["version"] == "1.0"
    assert "outputSpeech" not in body["response"]


def test_fallback_escalates_then_moves_on() -> None:
    first = say("fallback", attributes=ASKING_AREAS)
    second = say("fallback", first)
    third = say("fallback", second)
    assert first.speech.startswith("Sorry, I didn't catch that. Name a body part")
    assert second.speech.startswith("Sorry, I still didn't get that. You could say my eyelid")
    assert third.speech.startswith("Let's leave that one for now.")
    assert_question(first, "areas")
    assert_question(second, "areas")
    assert_question(third, "symptoms")


def test_dont_know_on_a_red_flag_question_is_not_no() -> None:
    heard = say("dont_know", attributes=ASKING_SYMPTOMS)
    assert heard.speech.startswith("That's okay.")
    assert "symptoms" not in heard.answers
    assert "symptoms" in heard.answers["unsure"]


def test_yes_to_anything_else_asks_which() -> None:
    heard = say("yes", attributes=ASKING_SYMPTOMS)
    assert heard.speech == "What else have you noticed?"
    assert_question(heard, "symptoms")


@pytest.mark.parametrize("fixture", ["help", "why", "repeat", "fallback", "unknown_intent", "body_area_eyelid", "yes"])
def test_whatever_opens_the_session_hears_the_welcome_and_disclaimer(fixture: str) -> None:
    heard = say(fixture, new=True)
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")
    assert "this isn't medical advice" in heard.speech
    assert_question(heard, "emergency")
