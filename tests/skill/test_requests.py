"""Every intent and the main states, as Alexa request JSON through `lambda_handler`, checked by
what the person hears and reads (speech, reprompt, card) and by what the session then has on the
table (`interview.asking` or `interview.offer`), never by a path through the questions: which
question follows an answer is the question table's business (tests/core/test_interview.py).

Answers come as Alexa sends them after the skill elicited a slot of AnswerIntent: the person's
words in that slot, resolved only when they are a value the model lists.
"""

import json
import re
from typing import Any

import pytest

from muscle_twitch import data
from muscle_twitch.core.assessment import assess
from muscle_twitch.core.interview import CHECK_OFFER, Interview
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.topics import load_answers
from muscle_twitch.locales import supported_locales
from muscle_twitch.skill.slots import QUESTION_INTENTS
from muscle_twitch.speech.prompts import Prompts
from tests.alexa import (
    FIXTURES,
    Heard,
    answer,
    answer_event,
    answer_slot,
    asking,
    dialog_intent,
    intent_event,
    model_intents,
    plain_words,
    play,
    request,
    say,
    send,
    state,
)

K = load_knowledge()
FIRST = K.questions[0].id  # the safety check
SIGNS = K.question(FIRST).parts  # its signs, asked one at a time after "not sure"
DISCLAIMER = Prompts("en-US").text("result.disclaimer")  # the short spoken one, with 911

ASKING_EMERGENCY = state(FIRST)
ASKING_AREAS = state("areas", emergency="no")
ASKING_SYMPTOMS = state("symptoms", emergency="no", areas=["calf"])
ASKING_ONSET = state("onset", emergency="no", areas=["calf"], symptoms=[])
ASKING_FREQUENCY = state("frequency", emergency="no", areas=["calf"], symptoms=[], onset=3)
ASKING_MEDICINES = state("medicines", emergency="no", areas=["calf"], symptoms=[], onset=3, frequency="daily")
ASKING_TRIGGERS = state(
    "triggers", emergency="no", areas=["calf"], symptoms=[], onset=3, frequency="daily", medicines=[]
)
ASKING_LENGTH = state(
    "twitch_length", asked=7, emergency="no", areas=["calf"], symptoms=[], onset=30, frequency="daily", medicines=[]
)


def interview(heard: Heard) -> Interview:
    """The interview the response carries on, as the core reads it back."""
    return Interview.from_dict(heard.attributes.get("interview"), K)


def assert_question(heard: Heard, question: str | None = None) -> None:
    """A question keeps the session open, is on the table, is elicited on its own slot, carries a
    reprompt that adds help, and ends the speech."""
    assert not heard.ended, heard.speech
    table = heard.on_the_table
    assert table is not None and not table.startswith("offer:"), (table, heard.speech)
    assert question is None or table == question, (table, heard.speech)
    assert heard.speech.rstrip().endswith(("?", ".")), heard.speech
    assert heard.reprompt and heard.reprompt != heard.speech
    assert heard.question == table, "the reprompt is not the question on the table"
    assert heard.elicited == answer_slot(table)


def assert_offer(heard: Heard, offer: str) -> None:
    assert not heard.ended and heard.on_the_table == f"offer:{offer}", (heard.on_the_table, heard.speech)
    assert heard.reprompt and heard.question == f"offer:{offer}"
    assert heard.elicited == answer_slot("")  # a yes or no


def test_launch_welcomes_with_the_disclaimer_and_asks_the_safety_question() -> None:
    heard = say("launch")
    assert heard.speech.startswith(Prompts("en-US").text("welcome.first"))  # the spoken disclaimer
    for sign in ("trouble breathing", "drooping face", "slurred speech", "sudden weakness", "numbness", "seizure"):
        assert sign in heard.speech
    assert heard.words <= 40
    assert_question(heard, FIRST)


CARE = data.load("locales")["care"]


@pytest.mark.parametrize("locale", supported_locales())
def test_the_emergency_message_gives_the_locales_number_and_never_offers_to_call(locale: str) -> None:
    number = CARE[locale]["emergency"]
    heard = say("yes", attributes=ASKING_EMERGENCY, locale=locale)
    assert heard.ended and heard.level == "emergency"
    assert f"Call your local emergency number, {number}, now" in heard.speech
    assert not re.search(r"\b(i|me) (can |will |could )?(call|dial)\b|call for you", heard.speech.lower())
    assert f"Call {number} now" in heard.card


def test_an_unknown_locale_hears_the_emergency_message_without_a_wrong_number() -> None:
    heard = say("yes", attributes=ASKING_EMERGENCY, locale="xx-XX")
    assert "Call your local emergency number now" in heard.speech
    assert not any(ch.isdigit() for ch in heard.speech)


# (fixture, state before, what the echo must say)
ANSWERS: list[tuple[str, dict[str, Any], str]] = [
    ("no", ASKING_EMERGENCY, "Good."),
    ("answer_areas_eyelid", ASKING_AREAS, "your eyelid"),
    ("answer_areas_calves_two_weeks", ASKING_AREAS, "your calves, for about two weeks"),
    ("answer_areas_calves_and_eyelid", ASKING_AREAS, "your calves, your eyelid"),
    ("answer_areas_value_only", ASKING_AREAS, "your calves"),
    ("answer_symptoms_nothing_else", ASKING_SYMPTOMS, "nothing else"),
    ("no", ASKING_SYMPTOMS, "nothing else"),
    ("answer_symptoms_no_just_the_twitching", ASKING_SYMPTOMS, "nothing else"),
    ("answer_symptoms_weakness", ASKING_SYMPTOMS, "weakness"),
    ("answer_symptoms_yes_legs_weak", ASKING_SYMPTOMS, "weakness"),
    ("answer_onset_few_days", ASKING_ONSET, "a few days"),
    ("answer_onset_three_weeks", ASKING_ONSET, "for three weeks"),
    ("answer_frequency_daily", ASKING_FREQUENCY, "every day"),
    ("answer_medicines_none", ASKING_MEDICINES, "no medicines"),
    ("answer_medicines_prednisone", ASKING_MEDICINES, "prednisone"),
    ("answer_medicines_started_sertraline", ASKING_MEDICINES, "sertraline"),
]


def filled_slots(event: dict[str, Any]) -> set[str]:
    slots = event["request"]["intent"].get("slots") or {}
    return {name for name, slot in slots.items() if slot.get("value") or slot.get("slotValue")}


@pytest.mark.parametrize(
    ("fixture", "before", "echo"), ANSWERS, ids=[f"{f}@{b['interview']['asking']}" for f, b, _ in ANSWERS]
)
def test_an_answer_is_echoed_in_the_persons_words_and_the_interview_moves_on(
    fixture: str, before: dict[str, Any], echo: str
) -> None:
    asked = before["interview"]["asking"]
    event = request(fixture, attributes=before)
    if event["request"]["intent"]["name"] == dialog_intent():
        assert filled_slots(event) == {answer_slot(asked)}, "the fixture answers in another question's slot"
    heard = send(event)
    assert echo in heard.speech, heard.speech
    assert interview(heard).answers.answered(asked)
    assert_question(heard)
    assert heard.on_the_table != asked


@pytest.mark.parametrize(
    ("words", "areas", "echo"),
    [
        ("um kind of my left eyelid i think", {"eyelid"}, "your left eyelid"),
        (["my calfs", "both legs"], {"calf", "leg"}, "both your legs"),  # a multi-value slot
        ("it's mostly in my calf", {"calf"}, "your calf"),
    ],
)
def test_words_alexa_could_not_resolve_are_read_inside_the_skill(
    words: str | list[str], areas: set[str], echo: str
) -> None:
    event = answer_event(words, attributes=ASKING_AREAS)
    assert "ER_SUCCESS_NO_MATCH" in json.dumps(event)
    heard = send(event)
    assert set(interview(heard).answers.value("areas") or ()) == areas
    assert echo in heard.speech
    assert_question(heard)


def test_an_unknown_medicine_name_said_as_one_is_kept_as_a_medicine() -> None:
    heard = answer("lisinopril", attributes=ASKING_MEDICINES)
    assert "lisinopril" in heard.speech
    medicines = interview(heard).answers.value("medicines")
    # A medicine, not a condition or an everyday painkiller: a doctor should hear about it.
    assert medicines and {K.terms["medicine"][m].extra["kind"] for m in medicines} <= {"medicine", "regular"}
    assert_question(heard)


def test_an_unresolved_value_the_table_knows_a_word_of_is_understood() -> None:
    heard = say("answer_areas_elbow_pit", attributes=ASKING_AREAS)  # "elbow pit": the elbow is the arm
    assert "your elbow" in heard.speech
    assert interview(heard).answers.value("areas") == ("arm",)
    assert_question(heard)


def test_an_unknown_body_part_is_a_failed_try_not_an_answer() -> None:
    heard = answer("spleen", attributes=ASKING_AREAS)
    assert heard.speech.startswith("Sorry, I didn't catch that.")
    assert_question(heard, "areas")
    assert interview(heard).tries == 1 and not interview(heard).answers.answered("areas")


def offer_of(level: str) -> str:
    return K.offers[level]


# (the answers said, the level reached, what the result must say)
RESULTS: list[tuple[dict[str, str], str, str]] = [
    ({"triggers": "coffee and stress"}, "self_care", "Less caffeine may help."),
    (
        {"areas": "my calves for about two weeks"},
        "book_appointment",
        "it has been going on for two weeks or more",
    ),
]


@pytest.mark.parametrize(("said", "level", "says"), RESULTS, ids=[level for _, level, _ in RESULTS])
def test_the_last_answer_gives_the_result_with_the_disclaimer_and_an_offer(
    said: dict[str, str], level: str, says: str
) -> None:
    heard, _ = play(said, until=lambda h: bool(h.on_the_table and h.on_the_table.startswith("offer:")))
    assert heard.level == level
    assert says in heard.speech
    assert DISCLAIMER in heard.speech
    assert heard.words <= 55
    assert_offer(heard, offer_of(level))
    assert "not a substitute for professional medical advice" in heard.card


def test_a_self_care_result_ends_with_a_safety_net_and_a_card_of_advice_only() -> None:
    heard = say("answer_triggers_coffee_stress", attributes=ASKING_TRIGGERS)
    assert heard.level == "self_care"
    assert "See your doctor if it lasts two weeks" in heard.speech
    assert "usually harmless" in heard.speech
    assert "Cut back on caffeine" in heard.card
    assert "calf" not in heard.card.lower()  # no answer leaves the conversation without a yes


def test_the_scripted_self_care_interview_runs_from_launch_to_a_self_care_result() -> None:
    """tests/fixtures/self_care_path.json, which the warm benchmark replays: every turn but the last
    asks something, and the last gives the self-care result and its offer."""
    script = json.loads((FIXTURES.parent / "self_care_path.json").read_text("utf-8"))["fixtures"]
    heard = None
    for name in script[:-1]:
        heard = say(name, heard)
        assert_question(heard)
    result = say(script[-1], heard)
    assert result.level == "self_care"
    assert_offer(result, offer_of("self_care"))
    assert say("no", result).ended


def test_the_doctors_summary_goes_on_the_card_only_after_yes() -> None:
    said = {
        "areas": "my calf",
        "onset": "a month ago",
        "frequency": "every day",
        "twitch_length": "a few seconds",
    }
    result, asked = play(said, until=lambda heard: heard.on_the_table == "offer:doctor_summary")
    assert_offer(result, "doctor_summary")
    assert "calf" not in result.card.lower()
    summary = say("yes", result)
    assert summary.ended
    rows = {
        "areas": "- Where: calf",
        "onset": "- How long it has been going on: a month",
        "frequency": "- How often: every day",
        "twitch_length": "- How long each twitch lasts: a few seconds",
        "symptoms": "- Other symptoms: none",
        "medicines": "- Medicines and conditions: none",
        "emergency": "- Emergency signs right now: no",
    }
    for question, line in rows.items():
        if question in asked:
            assert line in summary.card, summary.card
    assert "electromyography" in summary.card and "an MRI scan" in summary.card
    if "triggers" not in asked:
        assert "Possible triggers" not in summary.card  # not asked, so not shown
    declined = say("no", result)
    assert declined.ended and not declined.card


def test_a_medicine_is_never_to_be_stopped_alone() -> None:
    # Prednisone, started lately: whatever is asked after, the result says not to stop it alone.
    said = {"areas": "my hand", "medicines": "prednisone", "medicine_new": "yes"}
    heard, _ = play(said, until=lambda heard: heard.level is not None)
    assert "Don't stop any medicine on your own." in heard.speech
    assert "Do not stop a prescribed medicine on your own" in heard.card


def test_an_emergency_symptom_ends_the_interview_at_once() -> None:
    heard = say("answer_symptoms_trouble_breathing", attributes=ASKING_SYMPTOMS)
    assert heard.ended and heard.level == "emergency"
    assert "you mentioned trouble breathing" in heard.speech
    assert heard.on_the_table is None and not heard.reprompt


@pytest.mark.parametrize(
    "before", [ASKING_EMERGENCY, ASKING_SYMPTOMS, ASKING_MEDICINES], ids=["first", "symptoms", "medicines"]
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
    assert heard.attributes == ASKING_SYMPTOMS


def test_repeat_says_the_question_again() -> None:
    first = say("no", attributes=ASKING_EMERGENCY)
    again = say("repeat", first)
    assert again.speech.endswith("Where do you feel the twitching?")
    assert first.speech.endswith(again.speech)
    assert_question(again, first.on_the_table)


def test_repeat_after_a_miss_gives_the_question_with_examples_not_the_apology() -> None:
    missed = say("fallback", attributes=ASKING_AREAS)
    again = say("repeat", missed)
    assert not again.speech.startswith("Sorry")
    assert "You could say my eyelid" in again.speech
    assert_question(again, "areas")


def test_repeat_after_the_result_says_the_result_and_its_offer_again() -> None:
    result = say("answer_triggers_coffee_stress", attributes=ASKING_TRIGGERS)
    again = say("repeat", result)
    assert again.speech == result.speech
    assert again.attributes == result.attributes


def test_start_over_forgets_the_answers() -> None:
    heard = say("start_over", attributes=ASKING_MEDICINES)
    assert heard.speech.startswith("Okay, let's start again.")
    assert_question(heard, FIRST)
    assert heard.attributes == state(FIRST)


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
    retries = K.question("areas").retries
    heard = say("fallback", attributes=ASKING_AREAS)
    assert heard.speech.startswith("Sorry, I didn't catch that. Which muscle is it")
    for _ in range(retries - 1):
        assert_question(heard, "areas")
        heard = say("fallback", heard)
    assert heard.speech.startswith("Sorry, I still didn't get that. You could say my eyelid")
    assert_question(heard, "areas")
    moved = say("fallback", heard)
    assert moved.speech.startswith("Let's move on.")
    assert_question(moved)
    assert moved.on_the_table != "areas" and "areas" in interview(moved).answers.unsure


def test_a_safety_check_missed_says_call_now_and_asks_each_sign() -> None:
    heard = say("fallback", attributes=ASKING_EMERGENCY)
    for _ in range(K.question(FIRST).retries):
        assert_question(heard, FIRST)
        heard = say("fallback", heard)
    assert "If any of those is happening, call 911 now." in heard.speech
    assert_question(heard, SIGNS[0])


def test_not_sure_on_a_red_flag_question_is_not_no() -> None:
    heard = say("answer_reply_not_sure", attributes=ASKING_SYMPTOMS)
    assert heard.speech.startswith("That's okay.")
    answers = interview(heard).answers
    assert "symptoms" in answers.unsure and answers.value("symptoms") != ()
    floor = K.question("symptoms").unsure_floor
    assert floor is not None and assess(answers, K).level.at_least(floor)
    assert_question(heard)


def test_yes_to_anything_else_asks_which() -> None:
    heard = say("yes", attributes=ASKING_SYMPTOMS)
    assert heard.speech == "What else have you noticed?"
    assert_question(heard, "symptoms")


OPENERS = ["help", "why", "repeat", "fallback", "unknown_intent", "answer_areas_eyelid", "yes", "ask_serious"]


@pytest.mark.parametrize("fixture", [*OPENERS, "tell_eyelid_for_a_week"])
def test_whatever_opens_the_session_hears_the_welcome_and_disclaimer(fixture: str) -> None:
    heard = say(fixture, new=True)
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")
    assert "This isn't medical advice" in heard.speech
    assert not heard.ended and heard.on_the_table


def test_a_one_shot_story_keeps_what_was_said_and_still_asks_the_safety_question_first() -> None:
    heard = say("tell_eyelid_for_a_week", new=True)
    assert_question(heard, FIRST)
    answers = interview(heard).answers
    assert answers.value("areas") == ("eyelid",) and answers.value("onset") == 7
    after = say("no", heard)
    assert_question(after)
    assert after.on_the_table not in ("areas", "onset"), "a question already answered was asked"


def answered(heard: Heard, topic: str) -> bool:
    """The answer to the person's question went out: its card, with its source line."""
    return heard.card.rstrip().endswith(load_answers()[topic].card_source)


def test_a_question_before_any_interview_is_answered_then_a_short_check_is_offered() -> None:
    heard = say("ask_serious", new=True)
    assert answered(heard, "serious")
    assert_offer(heard, CHECK_OFFER)
    assert_question(say("yes", heard), FIRST)
    declined = say("no", heard)
    assert declined.ended and declined.speech.startswith("Okay. Take care")


@pytest.mark.parametrize("before", [ASKING_EMERGENCY, ASKING_SYMPTOMS], ids=["first", "symptoms"])
@pytest.mark.parametrize("fixture", ["ask_serious", "ask_disease_als"])
def test_a_question_of_their_own_is_answered_and_the_same_question_stays(fixture: str, before: dict[str, Any]) -> None:
    heard = say(fixture, attributes=before)
    intent = request(fixture)["request"]["intent"]["name"]
    assert answered(heard, QUESTION_INTENTS[intent])
    assert_question(heard, before["interview"]["asking"])
    assert interview(heard) == Interview.from_dict(before["interview"], K)  # no try counted, nothing lost


def test_repeat_at_the_offer_of_a_check_says_the_offer_again_and_no_result() -> None:
    """Before any interview there is no result: repeat says the offer of a check again."""
    offered = say("ask_serious", new=True)
    again = say("repeat", offered)
    assert again.level is None, f"a result without an interview: {again.speech!r}"
    assert_offer(again, CHECK_OFFER)
    assert again.attributes == offered.attributes


def test_a_question_asked_at_an_offer_is_answered_and_the_offer_stays() -> None:
    """ "Can coffee cause twitching?" after the result: answered, then the same offer, with no
    failed try counted (a second miss at an offer ends the session)."""
    offer = f"offer:{offer_of('self_care')}"
    result, _ = play(until=asking(offer))
    heard = send(intent_event("AskTriggerLinkIntent", {"triggers": "coffee"}, attributes=result.attributes))
    assert answered(heard, QUESTION_INTENTS["AskTriggerLinkIntent"]), heard.speech
    assert_offer(heard, offer.removeprefix("offer:"))
    assert interview(heard).tries == interview(result).tries


def test_a_disease_asked_about_is_spoken_back_in_the_persons_own_word() -> None:
    heard = say("ask_disease_als", attributes=ASKING_SYMPTOMS)
    assert "ALS" in heard.speech


def test_every_question_is_elicited_on_its_own_slot_of_the_dialog_intent() -> None:
    """Alexa passes the whole answer only in the slot the skill elicited: each response of a whole
    interview elicits the slot of what it puts on the table (assert_question, assert_offer)."""
    heard = send(request("launch", new=True))
    turns = 0
    while not heard.ended:
        table = heard.on_the_table
        assert table is not None, heard.speech
        if table.startswith("offer:"):
            assert_offer(heard, table.removeprefix("offer:"))
            heard = answer("no", after=heard)
        else:
            assert_question(heard)
            heard = answer(plain_words(table), after=heard)
        turns += 1
    assert turns > 2


def test_every_fixture_is_a_request_alexa_could_send_for_this_model() -> None:
    """Every intent fixture names an intent of the model (or the one foreign intent), only with the
    model's slots, and a slot value is resolved exactly when the model lists the words."""
    intents = model_intents()
    for path in FIXTURES.glob("*.json"):
        event = json.loads(path.read_text("utf-8"))
        assert event["version"] == "1.0" and "request" in event, path.name
        intent = event["request"].get("intent")
        if intent is None or path.stem == "unknown_intent":
            continue
        name = intent["name"]
        assert name in intents, path.name
        defined = {s["name"] for s in intents[name].get("slots", [])}
        assert set(intent.get("slots") or {}) <= defined, path.name
        for slot_name, slot in (intent.get("slots") or {}).items():
            if "resolutions" in slot:  # as the model resolves these words (older clients send none)
                expected = intent_event(name, {slot_name: slot["value"]})["request"]["intent"]["slots"][slot_name]
                assert slot["resolutions"] == expected["resolutions"], (path.name, slot_name)


def test_the_plain_interview_asks_within_the_question_budget() -> None:
    heard, tables = play(until=asking(f"offer:{offer_of('self_care')}"))
    questions = [t for t in tables if not t.startswith("offer:")]
    assert len(set(questions)) <= K.max_questions
    assert heard.level == "self_care"
