"""Every intent and the main states, as Alexa request JSON through `lambda_handler`, checked by
what the person hears and reads (speech, reprompt, card), never by the session's layout."""

import json
import re
from typing import Any

import pytest

from tests.alexa import FIXTURES, Heard, intent_event, request, say, send, state

ASKING_EMERGENCY = state("emergency", asked=1)
ASKING_AREAS = state("areas", asked=2, emergency="no")
ASKING_SYMPTOMS = state("symptoms", asked=3, emergency="no", areas=["calf"])
ASKING_ONSET = state("onset", asked=4, emergency="no", areas=["calf"], symptoms=[])
ASKING_FREQUENCY = state("frequency", asked=5, emergency="no", areas=["calf"], symptoms=[], onset=3)
ASKING_MEDICINES = state("medicines", asked=6, emergency="no", areas=["calf"], symptoms=[], onset=3, frequency="daily")
ASKING_TRIGGERS = state(
    "triggers", asked=7, emergency="no", areas=["calf"], symptoms=[], onset=3, frequency="daily", medicines=[]
)
ASKING_LENGTH = state(
    "twitch_length", asked=7, emergency="no", areas=["calf"], symptoms=[], onset=30, frequency="daily", medicines=[]
)


def assert_question(heard: Heard, question: str) -> None:
    """A question keeps the session open, carries a reprompt that adds help, and ends asking."""
    assert not heard.ended
    assert heard.speech.rstrip().endswith(("?", ".")), heard.speech
    assert heard.reprompt and heard.reprompt != heard.speech
    assert heard.question == question, (heard.question, heard.speech)


def test_launch_welcomes_with_the_disclaimer_and_asks_the_safety_question() -> None:
    heard = say("launch")
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")
    assert "This isn't medical advice: call your doctor, or 911 in an emergency." in heard.speech
    for sign in ("trouble breathing", "face drooping", "slurred speech", "weak or numb arm or leg", "seizure"):
        assert sign in heard.speech
    assert heard.words <= 40
    assert_question(heard, "emergency")


@pytest.mark.parametrize(
    ("locale", "number"),
    [("en-US", "911"), ("en-GB", "999"), ("en-AU", "000"), ("en-IN", "112"), ("en-CA", "911")],
)
def test_the_emergency_message_gives_the_locales_number_and_never_offers_to_call(locale: str, number: str) -> None:
    heard = say("yes", attributes=ASKING_EMERGENCY, locale=locale)
    assert heard.ended and heard.level == "emergency"
    assert f"Call your local emergency number, {number}, now" in heard.speech
    assert not re.search(r"\b(i|me) (can |will |could )?(call|dial)\b|call for you", heard.speech.lower())
    assert f"Call {number} now" in heard.card


def test_an_unknown_locale_hears_the_emergency_message_without_a_wrong_number() -> None:
    heard = say("yes", attributes=ASKING_EMERGENCY, locale="xx-XX")
    assert "Call your local emergency number now" in heard.speech
    assert not any(ch.isdigit() for ch in heard.speech)


# (fixture, state before, question asked after, what the echo must say)
ANSWERS: list[tuple[str, dict[str, Any], str, str]] = [
    ("no", ASKING_EMERGENCY, "areas", "Good."),
    ("body_area_eyelid", ASKING_AREAS, "symptoms", "your eyelid"),
    ("body_area_calves_two_weeks", ASKING_AREAS, "symptoms", "your calves, for two weeks"),
    ("body_area_multi_calves_eyelid", ASKING_AREAS, "symptoms", "your calves, your eyelid"),
    ("body_area_value_only", ASKING_AREAS, "symptoms", "your calves"),
    ("nothing", ASKING_SYMPTOMS, "onset", "nothing else"),
    ("no", ASKING_SYMPTOMS, "onset", "nothing else"),
    ("symptom_weakness", ASKING_SYMPTOMS, "onset", "weakness"),
    ("onset_few_days", ASKING_ONSET, "frequency", "a few days"),
    ("onset_duration_three_weeks", ASKING_ONSET, "frequency", "for three weeks"),
    ("frequency_daily", ASKING_FREQUENCY, "medicines", "every day"),
    ("nothing", ASKING_MEDICINES, "triggers", "no medicines"),
    ("medicine_prednisone", ASKING_MEDICINES, "medicine_new", "prednisone"),
]


@pytest.mark.parametrize(
    ("fixture", "before", "next_question", "echo"), ANSWERS, ids=[f"{f}->{q}" for f, _, q, _ in ANSWERS]
)
def test_an_answer_is_echoed_in_the_persons_words_and_the_next_question_follows(
    fixture: str, before: dict[str, Any], next_question: str, echo: str
) -> None:
    heard = say(fixture, attributes=before)
    assert echo in heard.speech
    assert_question(heard, next_question)


@pytest.mark.parametrize(
    ("slots", "echo"),
    [
        ({"areas": "um kind of my left eyelid i think"}, "your eyelid"),
        ({"areas": ["my calfs", "both legs"]}, "your leg"),
        ({"areas": "it's mostly in my calf"}, "your calf"),
    ],
)
def test_words_alexa_could_not_resolve_are_resolved_inside_the_skill(slots: dict[str, Any], echo: str) -> None:
    event = intent_event("BodyAreaIntent", slots, attributes=ASKING_AREAS)
    assert "ER_SUCCESS_NO_MATCH" in json.dumps(event)
    heard = send(event)
    assert_question(heard, "symptoms")


def test_an_unknown_medicine_name_said_as_one_is_a_regular_medicine() -> None:
    heard = send(intent_event("MedicineIntent", {"medicines": "lisinopril"}, attributes=ASKING_MEDICINES))
    assert "lisinopril" in heard.speech
    assert_question(heard, "medicine_new")


def test_an_unresolved_value_the_table_knows_a_word_of_is_understood() -> None:
    heard = say("body_area_no_match", attributes=ASKING_AREAS)  # "elbow pit": the elbow is the arm
    assert "your elbow pit" in heard.speech
    assert_question(heard, "symptoms")


def test_an_unknown_body_part_is_a_failed_try_not_an_answer() -> None:
    heard = send(intent_event("BodyAreaIntent", {"areas": "spleen"}, attributes=ASKING_AREAS))
    assert heard.speech.startswith("Sorry, I didn't catch that.")
    assert_question(heard, "areas")


@pytest.mark.parametrize(
    ("fixture", "before", "level", "says"),
    [
        ("trigger_coffee_stress", ASKING_TRIGGERS, "self_care", "Less caffeine may help."),
        ("twitch_length_seconds", ASKING_LENGTH, "book_appointment", "it has been going on for two weeks or more"),
    ],
)
def test_the_last_answer_gives_the_result_with_the_disclaimer_and_an_offer(
    fixture: str, before: dict[str, Any], level: str, says: str
) -> None:
    heard = say(fixture, attributes=before)
    assert heard.level == level
    assert says in heard.speech
    assert "This isn't medical advice: call your doctor, or 911 in an emergency." in heard.speech
    assert heard.words <= 55
    assert not heard.ended and heard.question in ("offer:reminder", "offer:doctor_summary")
    assert "not a substitute for professional medical advice" in heard.card


def test_a_self_care_result_ends_with_a_safety_net_and_a_card_of_advice_only() -> None:
    heard = say("trigger_coffee_stress", attributes=ASKING_TRIGGERS)
    assert "See your doctor if it lasts two weeks" in heard.speech
    assert "usually harmless" in heard.speech
    assert "Cut back on caffeine" in heard.card
    assert "calf" not in heard.card.lower()  # no answer leaves the conversation without a yes


def test_the_doctors_summary_goes_on_the_card_only_after_yes() -> None:
    result = say("twitch_length_seconds", attributes=ASKING_LENGTH)
    assert "calf" not in result.card.lower()
    summary = say("yes", result)
    assert summary.ended
    for line in (
        "- Where: calf",
        "- How long it has been going on: a month",
        "- How often: every day",
        "- How long each twitch lasts: a few seconds",
        "- Other symptoms: none",
        "- Medicines and conditions: none",
        "- Emergency signs right now: no",
        "electromyography",
        "an MRI scan",
    ):
        assert line in summary.card, summary.card
    assert "Possible triggers" not in summary.card  # not asked, so not shown
    declined = say("no", result)
    assert declined.ended and not declined.card


def test_a_medicine_is_never_to_be_stopped_alone() -> None:
    before = state(
        "medicine_new",
        asked=7,
        emergency="no",
        areas=["hand"],
        symptoms=[],
        onset=3,
        frequency="daily",
        medicines=["corticosteroids"],
    )
    heard = say("yes", attributes=before)
    assert "Don't stop any medicine on your own." in heard.speech
    assert "Do not stop a prescribed medicine on your own" in heard.card


def test_an_emergency_symptom_ends_the_interview_at_once() -> None:
    heard = say("symptom_trouble_breathing", attributes=ASKING_SYMPTOMS)
    assert heard.ended and heard.level == "emergency"
    assert "you mentioned trouble breathing" in heard.speech


@pytest.mark.parametrize(
    "before", [ASKING_EMERGENCY, ASKING_SYMPTOMS, ASKING_MEDICINES], ids=["emergency", "symptoms", "medicines"]
)
def test_help_explains_the_current_question_with_examples_and_keeps_everything(before: dict[str, Any]) -> None:
    heard = say("help", attributes=before)
    assert heard.words <= 35
    assert_question(heard, before["interview"]["asking"])
    assert heard.attributes == before


def test_why_explains_the_question_and_asks_it_again() -> None:
    heard = say("why", attributes=ASKING_SYMPTOMS)
    assert heard.speech.startswith("Things like weakness or numbness tell me")
    assert_question(heard, "symptoms")


def test_repeat_says_the_question_again() -> None:
    first = say("no", attributes=ASKING_EMERGENCY)
    again = say("repeat", first)
    assert again.speech.endswith("Where do you feel the twitching?")
    assert_question(again, "areas")


def test_repeat_after_a_miss_gives_the_question_with_examples_not_the_apology() -> None:
    missed = say("fallback", attributes=ASKING_AREAS)
    again = say("repeat", missed)
    assert not again.speech.startswith("Sorry")
    assert "You could say my eyelid" in again.speech
    assert_question(again, "areas")


def test_repeat_after_the_result_says_the_result_and_its_offer_again() -> None:
    result = say("trigger_coffee_stress", attributes=ASKING_TRIGGERS)
    again = say("repeat", result)
    assert again.speech == result.speech


def test_start_over_forgets_the_answers() -> None:
    heard = say("start_over", attributes=ASKING_MEDICINES)
    assert heard.speech.startswith("Okay, let's start again.")
    assert_question(heard, "emergency")
    assert heard.attributes == state("emergency", asked=1)


@pytest.mark.parametrize("fixture", ["stop", "cancel", "navigate_home"])
@pytest.mark.parametrize(
    "before", [ASKING_EMERGENCY, ASKING_MEDICINES, None], ids=["start", "middle", "no-session-state"]
)
def test_stop_cancel_and_home_end_politely_at_any_point(fixture: str, before: dict[str, Any] | None) -> None:
    heard = say(fixture, attributes=before)
    assert heard.ended
    assert heard.speech.startswith("Okay. Take care")
    assert not heard.reprompt


def test_session_ended_request_gets_an_empty_response() -> None:
    body = send(request("session_ended", attributes=ASKING_MEDICINES)).body
    assert body["version"] == "1.0"
    assert "outputSpeech" not in body["response"]


def test_misses_rephrase_then_give_examples_then_move_on() -> None:
    first = say("fallback", attributes=ASKING_AREAS)
    second = say("fallback", first)
    third = say("fallback", second)
    assert first.speech.startswith("Sorry, I didn't catch that. Which muscle is it")
    assert second.speech.startswith("Sorry, I still didn't get that. You could say my eyelid")
    assert third.speech.startswith("Let's move on.")
    assert_question(first, "areas")
    assert_question(second, "areas")
    assert_question(third, "symptoms")


def test_a_safety_check_missed_twice_says_call_now_and_asks_each_sign() -> None:
    first = say("fallback", attributes=ASKING_EMERGENCY)
    second = say("fallback", first)
    assert "If any of those is happening, call 911 now." in second.speech
    assert_question(second, "sign_breathing")


def test_dont_know_on_a_red_flag_question_is_not_no() -> None:
    heard = say("dont_know", attributes=ASKING_SYMPTOMS)
    assert heard.speech.startswith("That's okay.")
    assert_question(heard, "onset")


def test_yes_to_anything_else_asks_which() -> None:
    heard = say("yes", attributes=ASKING_SYMPTOMS)
    assert heard.speech == "What else have you noticed?"
    assert_question(heard, "symptoms")


@pytest.mark.parametrize("fixture", ["help", "why", "repeat", "fallback", "unknown_intent", "body_area_eyelid", "yes"])
def test_whatever_opens_the_session_hears_the_welcome_and_disclaimer(fixture: str) -> None:
    heard = say(fixture, new=True)
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")
    assert "This isn't medical advice" in heard.speech


def test_every_fixture_is_valid_json_for_an_alexa_request() -> None:
    for path in FIXTURES.glob("*.json"):
        event = json.loads(path.read_text("utf-8"))
        assert event["version"] == "1.0" and "request" in event, path.name
