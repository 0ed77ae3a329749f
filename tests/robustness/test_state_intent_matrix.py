"""Every intent of the interaction model, and a few requests around them, sent in every state of
the interview (interview_states.py): the answer is sensible for the intent's kind, the interview
is kept, no question goes out without a reprompt and its elicitation, and the session ends only
with a result, on an answer to an offer, or on stop.

The rows are read from the generated model: one request per intent, built from the slots of its
first sample as Alexa would send it (the first value the slot's type lists). What each intent
must do comes from its kind; a model intent of no known kind fails
`test_every_model_intent_has_a_row` by name.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.interview import Interview
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.core.topics import load_answers
from muscle_twitch.skill.slots import OPEN_QUESTION_INTENT, OPENER_SLOT_PREFIX, QUESTION_INTENTS
from tests.alexa import (
    Heard,
    answer_event,
    answer_slot,
    dialog_intent,
    intent_event,
    interaction_model,
    model_intents,
    plain,
    plain_words,
    request,
    send,
    slot_type,
    value_name,
)

from .alexa_contract import check_response
from .interview_states import QUESTION_PREFIX, STATES, attributes_of

K = load_knowledge()
FIRST = K.questions[0].id

# What each kind of intent must do, in any state:
#   answer:   moves the interview on (or retries the question); known answers are kept, and
#             the session ends only with a result, or with the answer to an offer
#   question: the person's own question (an intent named Ask...): answered, and what was on the
#             table stays there, unless the words said in it brought a new fact (which may give a
#             result, said in place of the answer)
#   stay:     answers and puts the same question or offer again; the interview is exactly as it was
#   restart:  a fresh interview, asking the safety question first
#   exit:     ends the session, whatever was being asked
#   fallback: a failed try: the same question, or the next one after too many tries; after a
#             result, the offer again or the goodbye
#   emergency: the emergency result, at once
KINDS: dict[str, str] = {
    dialog_intent(): "answer",
    "TellIntent": "answer",
    "AMAZON.YesIntent": "answer",
    "AMAZON.NoIntent": "answer",
    "WhyIntent": "stay",
    "AMAZON.HelpIntent": "stay",
    "AMAZON.RepeatIntent": "stay",
    "AMAZON.FallbackIntent": "fallback",
    "AMAZON.StartOverIntent": "restart",
    "AMAZON.StopIntent": "exit",
    "AMAZON.CancelIntent": "exit",
    "AMAZON.NavigateHomeIntent": "exit",
}


def kind_of(intent: str) -> str | None:
    return KINDS.get(intent) or ("question" if intent.startswith(QUESTION_PREFIX) else None)


def open_question_request() -> tuple[dict[str, Any], str]:
    """AskQuestionIntent as Alexa sends it for a question a topic intent lists, said in other words:
    the first slotless topic sample whose first word AskQuestionIntent has a slot for, that word's
    slot holding the rest. Returns the request and the topic intent whose answer it asks for."""
    slots = {slot["name"] for slot in model_intents()[OPEN_QUESTION_INTENT].get("slots", [])}
    for intent in QUESTION_INTENTS:
        for sample in model_intents()[intent].get("samples", []):
            first, _, rest = sample.partition(" ")
            slot = f"{OPENER_SLOT_PREFIX}{first}"
            if slot in slots and rest and "{" not in sample:
                return intent_event(OPEN_QUESTION_INTENT, {slot: rest}), intent
    raise AssertionError("no topic sample starts with a word AskQuestionIntent takes")


@cache
def _first_custom_value() -> str:
    """Words for a slot whose type lists no values (AMAZON.SearchQuery): the model's first value."""
    return str(interaction_model()["languageModel"]["types"][0]["values"][0]["name"]["value"])


def first_sample_request(intent: str) -> dict[str, Any]:
    """The intent as Alexa sends it for its first sample, each slot of it filled with the first
    value its type lists."""
    spec = model_intents()[intent]
    sample = next(iter(spec.get("samples") or []), "")
    slots = {}
    for name in re.findall(r"\{(\w+)\}", sample):
        type_name = slot_type(intent, name) or ""
        types = {t["name"]: t for t in interaction_model()["languageModel"].get("types", [])}
        listed = types.get(type_name, {}).get("values") or []
        slots[name] = value_name(type_name, listed[0]["id"]) if listed else _first_custom_value()
    return intent_event(intent, slots)


def emergency_words() -> str:
    """The model's words for a sign that is an emergency however it is said: the first symptom of
    the first emergency rule that needs nothing else."""
    rule = next(r for r in K.rules if r.level is Level.EMERGENCY and set(r.conditions) == {"symptoms_any"})
    symptom = rule.conditions["symptoms_any"][0]
    return value_name(slot_type(dialog_intent(), answer_slot("symptoms")) or "", symptom)


def plain_reply(table: str) -> str:
    return "no" if table.startswith("offer:") else plain_words(table)


# Row -> (the request for a state's attributes and what is on its table, what it must do).
Build = Callable[[dict[str, Any], str], dict[str, Any]]


def _with(event: dict[str, Any]) -> Build:
    def build(attributes: dict[str, Any], _table: str) -> dict[str, Any]:
        built = copy.deepcopy(event)
        built["session"].update(attributes=attributes, new=False)
        return built

    return build


def _elicited(words: Callable[[str], str]) -> Build:
    """The dialog intent with `words` for what is on the table, in the slot the skill elicited."""

    def build(attributes: dict[str, Any], table: str) -> dict[str, Any]:
        slot = answer_slot("" if table.startswith("offer:") else table)
        return answer_event(words(table), attributes=attributes, slot=slot)

    return build


ROWS: dict[str, tuple[Build, str]] = {
    **{
        intent: (_with(first_sample_request(intent)), kind_of(intent) or "")
        for intent in model_intents()
        if intent != OPEN_QUESTION_INTENT
    },
    f"{OPEN_QUESTION_INTENT} (a question in other words)": (_with(open_question_request()[0]), "question"),
    "OrderPizzaIntent (another skill's)": (_with(request("unknown_intent")), "stay"),
    f"{dialog_intent()} with the plain answer, in the elicited slot": (_elicited(plain_reply), "answer"),
    f"{dialog_intent()} with an emergency sign, in the elicited slot": (
        _elicited(lambda _: emergency_words()),
        "emergency",
    ),
}
CASES = [(state, row) for state in STATES for row in ROWS]


def interview_of(attributes: dict[str, Any]) -> Interview:
    """The interview a response carries on, as the core reads it back."""
    return Interview.from_dict(attributes.get("interview"), K)


def assert_known_answers_kept(before: Answers, after: Answers, changeable: set[str]) -> None:
    """Lists only grow; a single answer changes only where the question was on the table."""
    for question, value in before.values.items():
        if isinstance(value, tuple):
            assert set(value) <= set(after.value(question) or ()), f"{question} lost items"
        elif question not in changeable:
            assert after.value(question) == value, f"{question} changed without being answered"
    assert before.unsure <= after.unsure | set(after.values), "a 'not sure' was lost"


def assert_asks_what_is_on_the_table(heard: Heard) -> None:
    """An open session puts one question or offer last, and its reprompt and elicitation say which."""
    table = heard.on_the_table
    assert table, f"the session is open with nothing on the table: {heard.speech!r}"
    assert heard.speech.rstrip().endswith(("?", ".")), f"the question is not last: {heard.speech!r}"
    assert heard.question == table, f"the reprompt asks {heard.question}, the table has {table}"
    assert heard.elicited == answer_slot("" if table.startswith("offer:") else table)


def answered(heard: Heard, intent: str) -> bool:
    """The person's question was answered: the answer's card, with its source line, went out."""
    if intent == OPEN_QUESTION_INTENT:
        intent = open_question_request()[1]
    source = load_answers()[QUESTION_INTENTS[intent]].card_source
    return heard.card.rstrip().endswith(source)


def test_every_model_intent_has_a_row() -> None:
    without = sorted(intent for intent in model_intents() if kind_of(intent) is None)
    assert without == [], f"model intents with no expected behaviour in the matrix: {without}"


def test_every_question_intent_is_answered_by_a_topic() -> None:
    questions = {intent for intent in model_intents() if kind_of(intent) == "question"} - {OPEN_QUESTION_INTENT}
    assert questions <= set(QUESTION_INTENTS), questions - set(QUESTION_INTENTS)


@pytest.mark.parametrize(("state", "row"), CASES)
def test_intent_in_state(state: str, row: str) -> None:
    build, expected = ROWS[row]
    before = attributes_of(state)
    table = STATES[state]
    at_offer = table.startswith("offer:")
    known = interview_of(before)
    intent = row.split(" ")[0]
    heard = send(build(before, table))
    check_response(heard.body)
    after = interview_of(heard.attributes)

    if expected == "exit":
        assert heard.ended and heard.speech.startswith("Okay. Take care")
        return
    if expected == "emergency":
        assert heard.ended and heard.level == "emergency", heard.speech
        return
    if not heard.ended:
        assert_asks_what_is_on_the_table(heard)
    if expected == "stay":
        assert not heard.ended
        assert heard.on_the_table == table
        assert after == known, "the interview changed"
    elif expected == "restart":
        assert not heard.ended
        assert heard.on_the_table == FIRST and after.answers == Answers()
    elif expected == "question":
        assert not heard.ended
        assert_known_answers_kept(known.answers, after.answers, {table})
        if heard.on_the_table != table or heard.level:
            # Only the facts said in it ("why is my eyelid ...?") move on, or give a result.
            assert after.answers != known.answers, (heard.on_the_table, heard.speech)
        if not heard.level:  # a result the new facts gave is said instead
            assert answered(heard, intent), f"the question went unanswered: {heard.speech!r}"
    elif expected == "fallback":
        assert not heard.ended or at_offer, "a miss ended the session"
        assert_known_answers_kept(known.answers, after.answers, set())
        if not heard.ended and heard.on_the_table != table:  # moved on after the last try
            assert table in after.answers.unsure or at_offer
    elif heard.ended:  # answer: a result, or the answer to the offer after it (nothing is kept then)
        assert heard.level or at_offer, f"the session ended without a result: {heard.speech!r}"
    else:
        assert_known_answers_kept(known.answers, after.answers, {table})


@pytest.mark.parametrize("state", sorted(STATES))
def test_session_end_in_state_is_silent(state: str) -> None:
    heard = send(request("session_ended", attributes=attributes_of(state)))
    check_response(heard.body, session_ended_request=True)
    assert not plain(heard.response.get("outputSpeech"))
