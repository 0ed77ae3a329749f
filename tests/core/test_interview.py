"""The interview planner: what comes next, how answers fold in, and that it never loops."""

from typing import Any

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.interview import Evidence, Interview, Step, advance, remaining_questions, start
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.levels import Level

K = load_knowledge()


def run(*turns: Evidence) -> Step:
    step = start(K)
    for evidence in turns:
        step = advance(step.interview, evidence, K)
    return step


NO = Evidence(reply="no")
UNSURE = Evidence(reply="unsure")


def test_the_safety_check_comes_first() -> None:
    step = start(K)
    assert (step.kind, step.question) == ("ask", "emergency")


# Every question answered separately: the self-care path, the longest kind of interview.
SELF_CARE_TURNS = [
    NO,
    Evidence(areas=("eyelid",)),
    NO,
    Evidence(onset="few_days"),
    Evidence(frequency="daily"),
    NO,
    Evidence(triggers=("caffeine",)),
]


def test_questions_follow_the_red_flags_first_order() -> None:
    asked = []
    step = start(K)
    answers = iter(SELF_CARE_TURNS)
    while step.kind == "ask":
        asked.append(step.question)
        step = advance(step.interview, next(answers), K)
    assert asked == ["emergency", "areas", "symptoms", "onset", "frequency", "medicines", "triggers"]
    assert step.outcome is not None and step.outcome.level is Level.SELF_CARE


def test_one_breath_can_answer_two_questions() -> None:
    step = run(NO, Evidence(areas=("calf",), duration_seconds=14 * 86400))
    assert step.heard == ("areas", "onset")
    assert step.interview.answers.onset_days == 14
    assert step.question == "symptoms"


@pytest.mark.parametrize(
    ("turns", "level"),
    [
        ((Evidence(reply="yes"),), Level.EMERGENCY),
        ((NO, Evidence(areas=("neck",), symptoms=("trouble_breathing",))), Level.EMERGENCY),
        ((Evidence(symptoms=("seizure",)),), Level.EMERGENCY),
        ((NO, Evidence(areas=("hand",)), Evidence(symptoms=("mouth_numbness",))), Level.EMERGENCY),
    ],
)
def test_an_emergency_sign_ends_the_interview_at_once(turns: tuple[Evidence, ...], level: Level) -> None:
    step = run(*turns)
    assert step.kind == "outcome"
    assert step.outcome is not None and step.outcome.level is level


def test_not_sure_is_never_read_as_no_on_a_red_flag_question() -> None:
    step = run(UNSURE)
    answers = step.interview.answers
    assert answers.emergency is None and "emergency" in answers.unsure
    assert step.question == "areas"
    step = run(UNSURE, Evidence(areas=("calf",)), UNSURE)
    assert "symptoms" in step.interview.answers.unsure
    assert step.interview.answers.symptoms is None


def test_failed_tries_rephrase_then_give_examples_then_move_on() -> None:
    step = run(NO)
    stages = []
    for _ in range(3):
        step = advance(step.interview, Evidence(), K)
        stages.append((step.kind, step.question, step.retry_stage, step.moved_on))
    assert stages == [
        ("retry", "areas", 1, False),
        ("retry", "areas", 2, False),
        ("ask", "symptoms", 0, True),
    ]
    assert "areas" in step.interview.answers.unsure


def test_moving_on_from_a_red_flag_question_keeps_the_result_on_the_safe_side() -> None:
    step = start(K)
    for _ in range(3):
        step = advance(step.interview, Evidence(), K)
    assert step.moved_on and step.question == "areas"
    assert "emergency" in step.interview.answers.unsure


def test_an_answer_to_another_question_is_kept_and_the_question_stands() -> None:
    step = run(NO, Evidence(areas=("calf",)))
    assert step.question == "symptoms"
    step = advance(step.interview, Evidence(triggers=("caffeine",)), K)
    assert step.kind == "ask" and step.question == "symptoms"
    assert step.interview.tries == 0
    assert step.interview.answers.triggers == ("caffeine",)


def test_yes_to_a_list_question_asks_which_and_no_means_none() -> None:
    step = run(NO, Evidence(areas=("calf",)), Evidence(reply="yes"))
    assert (step.kind, step.question) == ("clarify", "symptoms")
    step = advance(step.interview, NO, K)
    assert step.interview.answers.symptoms == ()


def test_yes_or_no_out_of_context_is_a_failed_try_not_an_answer() -> None:
    step = run(NO, Evidence(reply="yes"))
    assert (step.kind, step.question) == ("retry", "areas")
    assert step.interview.answers.areas is None


@pytest.mark.parametrize(
    ("asking_after", "seconds", "field", "value"),
    [
        ((NO, Evidence(areas=("calf",)), NO), 14 * 86400, "onset_days", 14),
        ((NO, Evidence(areas=("calf",)), NO), 3 * 86400, "onset_days", 3),
        ((NO, Evidence(areas=("calf",)), NO, Evidence(onset="few_days")), 10, "twitch_length", "seconds"),
        ((NO, Evidence(areas=("calf",)), NO, Evidence(onset="few_days")), 0.5, "twitch_length", "flicker"),
        ((NO, Evidence(areas=("calf",)), NO, Evidence(onset="few_days")), 21 * 86400, "onset_days", 21),
    ],
)
def test_a_duration_is_read_by_the_question_asked_and_its_size(
    asking_after: tuple[Evidence, ...], seconds: float, field: str, value: Any
) -> None:
    step = run(*asking_after, Evidence(duration_seconds=seconds))
    assert getattr(step.interview.answers, field) == value


def test_the_last_question_depends_on_where_the_answers_point() -> None:
    self_care = Answers(emergency="no", areas=("calf",), symptoms=(), onset_days=2, frequency="daily", medicines=())
    doctor = Answers(emergency="no", areas=("calf",), symptoms=(), onset_days=30, frequency="daily", medicines=())
    assert remaining_questions(self_care, K) == ["triggers"]
    assert remaining_questions(doctor, K) == ["twitch_length"]


# One answer per question, every question answered separately: the longest interviews.
PATHS = {
    "self-care": SELF_CARE_TURNS,
    "book": [
        NO,
        Evidence(areas=("eyelid",)),
        NO,
        Evidence(onset="few_weeks"),
        Evidence(frequency="daily"),
        NO,
        Evidence(twitch_length="seconds"),
    ],
    "doctor soon": [
        NO,
        Evidence(areas=("neck",)),
        Evidence(symptoms=("trouble_swallowing",)),
        Evidence(onset="week"),
        Evidence(frequency="daily"),
        NO,
        Evidence(twitch_length="seconds"),
    ],
    "all not sure": [UNSURE] * 7,
    "all silence": [Evidence()] * 21,
}


@pytest.mark.parametrize("turns", PATHS.values(), ids=PATHS.keys())
def test_a_typical_interview_takes_at_most_seven_questions(turns: list[Evidence]) -> None:
    step = start(K)
    questions = {step.question}
    for evidence in turns:
        if step.kind == "outcome":
            break
        step = advance(step.interview, evidence, K)
        if step.question:
            questions.add(step.question)
    assert step.kind == "outcome"
    assert len(questions) <= 7


TAMPERED = [
    ("not a mapping", "garbage", Interview()),
    ("unknown question", {"asking": "favourite_colour"}, Interview()),
    (
        "bad area ids are dropped",
        {"asking": "symptoms", "answers": {"areas": ["calf", "wing", 7]}},
        Interview(Answers(areas=("calf",)), "symptoms"),
    ),
    (
        "only junk means unknown, not none",
        {"asking": "symptoms", "answers": {"areas": ["wing"]}},
        Interview(Answers(), "symptoms"),
    ),
    ("onset out of range", {"asking": "frequency", "answers": {"onset": -4}}, Interview(Answers(), "frequency")),
    (
        "onset of the wrong type",
        {"asking": "frequency", "answers": {"onset": "two weeks"}},
        Interview(Answers(), "frequency"),
    ),
    (
        "emergency answer tampered",
        {"asking": "areas", "answers": {"emergency": "maybe"}},
        Interview(Answers(), "areas"),
    ),
    ("tries out of range", {"asking": "areas", "tries": 999}, Interview(Answers(), "areas", 0)),
    ("boolean is not a number", {"asking": "areas", "tries": True}, Interview(Answers(), "areas", 0)),
    (
        "unsure list with junk",
        {"asking": "areas", "answers": {"unsure": ["emergency", 3, "x"]}},
        Interview(Answers(unsure=frozenset({"emergency"})), "areas"),
    ),
]


@pytest.mark.parametrize(("data", "expected"), [(d, e) for _, d, e in TAMPERED], ids=[n for n, _, _ in TAMPERED])
def test_tampered_session_state_keeps_what_is_valid(data: Any, expected: Interview) -> None:
    assert Interview.from_dict(data, K) == expected


def test_state_round_trips_through_session_attributes() -> None:
    step = run(NO, Evidence(areas=("calf", "eyelid"), duration_seconds=3 * 86400), UNSURE)
    assert Interview.from_dict(step.interview.to_dict(), K) == step.interview
