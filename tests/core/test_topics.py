"""Which answer a person's own question gets, where it is asked (core/interview.topic_in_context,
core/topics.choose). Places and topics come from the data, never listed here."""

from __future__ import annotations

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.interview import Evidence, Heard, Interview, Topic, advance, topic_in_context
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.topics import NONE_KEY, choose, load_answers

K = load_knowledge()
ANSWERS = load_answers()
# The places a causes answer has words of its own for ("why is my eye twitching?").
PLACE_KEYS = [key for spec in ANSWERS.values() if spec.keyed_by == "causes" for key in spec.keys if key != NONE_KEY]


def _first_question(evidence: Evidence) -> object:
    """The step after a one-shot question that also names a place."""
    return advance(Interview(), evidence, K)


@pytest.mark.parametrize("place", sorted(set(PLACE_KEYS)))
def test_why_is_my_place_twitching_with_nothing_else_said_gets_that_place_s_words(place: str) -> None:
    step = _first_question(Evidence(terms=(Heard("body_area", place, place),), topics=(Topic("my_cause"),)))
    choice = choose(Topic("my_cause"), step)  # type: ignore[arg-type]
    assert choice is not None and choice.table == place


def test_why_with_no_place_or_two_places_gets_the_answer_for_no_known_cause() -> None:
    step = _first_question(Evidence(topics=(Topic("my_cause"),)))
    choice = choose(Topic("my_cause"), step)  # type: ignore[arg-type]
    assert choice is not None and choice.table == NONE_KEY
    areas = tuple(sorted(K.terms["body_area"]))[:2]
    two = _first_question(Evidence(terms=tuple(Heard("body_area", a, a) for a in areas), topics=(Topic("my_cause"),)))
    choice = choose(Topic("my_cause"), two)  # type: ignore[arg-type]
    assert choice is not None and choice.table == NONE_KEY


@pytest.mark.parametrize(
    ("asking", "after_result", "answer"),
    [(True, False, "when_doctor"), (False, False, "when_doctor"), (False, True, "why_result")],
)
def test_why_the_advice_is_the_result_s_reasons_after_one_and_when_a_doctor_before(
    asking: bool, after_result: bool, answer: str
) -> None:
    assert topic_in_context(Topic("why_advice"), asking=asking, after_result=after_result).id == answer
    assert answer in ANSWERS


def test_why_alone_is_why_do_you_ask_at_a_question_and_why_that_result_after_one() -> None:
    assert topic_in_context(Topic("why"), asking=True, after_result=False).id == "why_ask"
    assert topic_in_context(Topic("why"), asking=False, after_result=True).id == "why_result"


def test_answers_unchanged_by_the_question_still_hold_the_place() -> None:
    # The place a question named is kept as an answer: the interview does not ask it again.
    step = _first_question(
        Evidence(terms=(Heard("body_area", PLACE_KEYS[0], PLACE_KEYS[0]),), topics=(Topic("my_cause"),))
    )
    answers: Answers = step.interview.answers  # type: ignore[attr-defined]
    assert answers.value("areas") == (PLACE_KEYS[0],)
