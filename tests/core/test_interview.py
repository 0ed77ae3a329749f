"""The interview policy: which question comes next, how answers fold in, the safety follow-ups,
retries that never loop, the question budget, the offer after the result, tampered state."""

from typing import Any

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.interview import Evidence, Heard, Interview, Step, advance, current, start
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.levels import Level

K = load_knowledge()
NO = Evidence(reply="no")
YES = Evidence(reply="yes")
UNSURE = Evidence(reply="unsure")
SILENCE = Evidence()


def said(kind: str, *ids: str, words: str | None = None) -> Evidence:
    return Evidence(terms=tuple(Heard(kind, i, words) for i in ids))


def run(*turns: Evidence) -> tuple[Step, list[str]]:
    """Plays the turns from a new interview; returns the last step and every question put,
    repeats included."""
    step = start(K)
    asked = [step.ask.question] if step.ask else []
    for evidence in turns:
        step = advance(step.interview, evidence, K)
        if step.ask:
            asked.append(step.ask.question)
    return step, asked


# The self-care path, every question answered on its own: the longest typical interview.
SELF_CARE = [
    NO,
    said("body_area", "eyelid"),
    NO,
    said("onset", "few_days"),
    said("frequency", "daily"),
    NO,
    said("trigger", "caffeine"),
]


def test_the_core_chooses_the_first_question_the_safety_check() -> None:
    step = start(K)
    assert (step.kind, step.ask and step.ask.question) == ("ask", "emergency")


def test_the_self_care_path_asks_red_flags_first_and_triggers_last() -> None:
    step, asked = run(*SELF_CARE)
    assert asked == ["emergency", "areas", "symptoms", "onset", "frequency", "medicines", "triggers"]
    assert step.kind == "result" and step.outcome is not None
    assert step.outcome.level is Level.SELF_CARE
    assert step.outcome.offer == "reminder"


def test_one_breath_can_answer_two_questions() -> None:
    step, _ = run(NO, Evidence(terms=(Heard("body_area", "calf", "calves"),), duration_seconds=12 * 86400))
    assert step.heard == ("areas", "onset")
    assert step.interview.answers.value("onset") == 12
    assert step.interview.answers.words("areas", "calf") == "calves"
    assert step.ask is not None and step.ask.question == "symptoms"


@pytest.mark.parametrize(
    ("turns", "reason"),
    [
        ((YES,), "emergency_sign_reported"),
        ((NO, said("body_area", "neck"), said("symptom", "trouble_breathing")), "emergency_symptom"),
        ((said("symptom", "seizure"),), "emergency_symptom"),
        ((NO, said("body_area", "hand"), said("symptom", "mouth_numbness")), "low_calcium_with_spasms"),
        ((NO, said("body_area", "eyelid"), said("symptom", "mouth_numbness", "cramps")), "low_calcium_with_cramps"),
        ((NO, said("body_area", "all_over"), said("symptom", "confusion")), "emergency_symptom"),
    ],
)
def test_an_emergency_sign_ends_the_interview_at_once(turns: tuple[Evidence, ...], reason: str) -> None:
    step, _ = run(*turns)
    assert step.kind == "result" and step.outcome is not None
    assert step.outcome.level is Level.EMERGENCY
    assert step.outcome.reasons[0].rule.id == reason
    assert step.outcome.offer == ""


def test_not_sure_at_the_safety_check_asks_the_signs_one_at_a_time_before_anything_else() -> None:
    step, asked = run(UNSURE)
    assert step.newly_unsure == ("emergency",)
    assert step.assessment.level is Level.DOCTOR_SOON  # never read as no
    step, asked = run(UNSURE, NO, NO, NO, NO, NO)
    assert asked == ["emergency", "sign_breathing", "sign_face", "sign_speech", "sign_limb", "sign_seizure", "areas"]
    # Every sign ruled out: the safety check is answered after all, and nothing is floored.
    assert step.interview.answers.value("emergency") == "no"
    assert step.assessment.level is Level.SELF_CARE


def test_a_sign_asked_on_its_own_can_still_be_an_emergency() -> None:
    step, _ = run(UNSURE, NO, YES)
    assert step.outcome is not None and step.outcome.level is Level.EMERGENCY
    assert step.outcome.reasons[0].names == ("face_droop",)


def test_a_safety_check_the_recogniser_fails_twice_is_not_dropped() -> None:
    step, asked = run(SILENCE, SILENCE)
    assert asked == ["emergency", "emergency", "sign_breathing"]
    assert step.moved_on == "emergency" and "emergency" in step.interview.answers.unsure
    assert step.newly_unsure == ("emergency",)
    assert step.assessment.level is Level.DOCTOR_SOON


def test_a_sign_still_unclear_keeps_the_result_on_the_safe_side() -> None:
    step, _ = run(UNSURE, NO, UNSURE, NO, NO, NO)
    assert "emergency" in step.interview.answers.unsure
    assert step.assessment.level is Level.DOCTOR_SOON


def test_new_weakness_only_days_old_is_asked_whether_it_came_on_suddenly() -> None:
    turns = [NO, said("body_area", "arm"), said("symptom", "weakness"), said("onset", "yesterday")]
    step, _asked = run(*turns)
    assert step.ask is not None and step.ask.question == "weakness_sudden"
    step, _ = run(*turns, YES)
    assert step.outcome is not None and step.outcome.level is Level.EMERGENCY
    step, _ = run(*turns, NO)
    assert step.assessment.level is Level.BOOK_APPOINTMENT


def test_old_weakness_is_not_asked_about_suddenness() -> None:
    _, asked = run(NO, said("body_area", "arm"), said("symptom", "weakness"), said("onset", "months"))
    assert "weakness_sudden" not in asked


def test_a_regular_medicine_is_asked_whether_it_is_new_before_it_raises_the_level() -> None:
    before = [NO, said("body_area", "hand"), NO, said("onset", "few_days"), said("frequency", "daily")]
    step, _ = run(*before, said("medicine", "regular_medicine", words="tablets"))
    assert step.ask is not None and step.ask.question == "medicine_new"
    assert step.assessment.level is Level.SELF_CARE  # "tablets" alone is not a reason
    step, _ = run(*before, said("medicine", "regular_medicine"), NO)
    assert step.assessment.level is Level.SELF_CARE
    step, _ = run(*before, said("medicine", "regular_medicine"), YES)
    assert step.assessment.level is Level.BOOK_APPOINTMENT


def test_a_new_serotonergic_medicine_is_asked_about_the_signs_of_a_reaction() -> None:
    before = [NO, said("body_area", "all_over"), NO, said("onset", "yesterday"), said("frequency", "constant")]
    step, asked = run(*before, said("medicine", "serotonergic", words="sertraline"), YES)
    assert asked[-1] == "medicine_signs"
    step, _ = run(*before, said("medicine", "serotonergic"), YES, YES)
    assert step.outcome is not None and step.outcome.level is Level.EMERGENCY
    step, _ = run(*before, said("medicine", "serotonergic"), YES, UNSURE)
    assert step.assessment.level is Level.DOCTOR_SOON


def test_saying_the_medicine_is_new_answers_the_follow_up_too() -> None:
    change = Heard("medicine_change", "new_or_changed", "just started")
    before = [NO, said("body_area", "calf"), NO, said("onset", "few_days"), said("frequency", "daily")]
    step, asked = run(*before, Evidence(terms=(Heard("medicine", "serotonergic", "sertraline"), change)))
    assert "medicine_new" not in asked
    assert step.ask is not None and step.ask.question == "medicine_signs"


def test_an_everyday_painkiller_asks_no_follow_up_and_raises_nothing() -> None:
    before = [NO, said("body_area", "calf"), NO, said("onset", "few_days"), said("frequency", "daily")]
    step, asked = run(*before, said("medicine", "painkiller_or_vitamin", words="paracetamol"))
    assert asked[-1] == "triggers" and step.assessment.level is Level.SELF_CARE


def test_restlessness_after_coffee_is_not_confusion_and_stays_self_care() -> None:
    step, _ = run(
        NO,
        said("body_area", "leg"),
        said("symptom", "restlessness"),
        said("onset", "few_days"),
        said("frequency", "rarely"),
        NO,
        said("trigger", "caffeine"),
    )
    assert step.outcome is not None and step.outcome.level is Level.SELF_CARE


def test_heavy_sweating_is_a_symptom_as_well_as_a_trigger() -> None:
    step, _ = run(NO, said("body_area", "calf"), said("trigger", "sweating"))
    answers = step.interview.answers
    assert "heavy_sweating" in answers.value("symptoms")
    assert "sweating" in answers.value("triggers")


def test_not_sure_is_never_read_as_no_on_a_red_flag_question() -> None:
    step, _ = run(NO, said("body_area", "calf"), UNSURE)
    assert "symptoms" in step.interview.answers.unsure
    assert step.interview.answers.value("symptoms") is None
    assert step.assessment.level is Level.BOOK_APPOINTMENT


def test_failed_tries_rephrase_then_give_examples_then_move_on() -> None:
    step, _ = run(NO)
    stages = []
    for _ in range(3):
        step = advance(step.interview, SILENCE, K)
        assert step.ask is not None
        stages.append((step.ask.question, step.ask.mode, step.moved_on))
    assert stages == [("areas", "rephrase", None), ("areas", "examples", None), ("symptoms", "ask", "areas")]
    assert "areas" in step.interview.answers.unsure


def test_an_answer_to_another_question_after_misses_is_kept_and_is_not_a_failed_try() -> None:
    step, _ = run(NO, SILENCE, SILENCE)
    assert step.interview.tries == 2
    step = advance(step.interview, said("onset", "yesterday"), K)
    assert step.ask is not None and (step.ask.question, step.ask.mode) == ("areas", "ask")
    assert step.interview.tries == 2 and step.moved_on is None
    assert step.interview.answers.value("onset") == 1


def test_yes_to_a_list_question_asks_which_and_no_means_none() -> None:
    step, _ = run(NO, said("body_area", "calf"), YES)
    assert step.ask is not None and (step.ask.question, step.ask.mode) == ("symptoms", "clarify")
    step = advance(step.interview, NO, K)
    assert step.interview.answers.value("symptoms") == ()


def test_yes_or_no_out_of_context_is_a_failed_try_not_an_answer() -> None:
    step, _ = run(NO, YES)
    assert step.ask is not None and (step.ask.question, step.ask.mode) == ("areas", "rephrase")
    assert step.interview.answers.value("areas") is None


@pytest.mark.parametrize(
    ("before", "seconds", "question", "value"),
    [
        ((NO, said("body_area", "calf"), NO), 14 * 86400, "onset", 14),
        ((NO, said("body_area", "calf"), NO), 3 * 86400, "onset", 3),
        ((NO, said("body_area", "calf"), NO, said("onset", "few_days")), 10, "twitch_length", "seconds"),
        ((NO, said("body_area", "calf"), NO, said("onset", "few_days")), 0.5, "twitch_length", "flicker"),
        ((NO, said("body_area", "calf"), NO, said("onset", "few_days")), 21 * 86400, "onset", 21),
    ],
)
def test_a_duration_is_read_by_the_question_asked_and_its_size(
    before: tuple[Evidence, ...], seconds: float, question: str, value: Any
) -> None:
    step, _ = run(*before, Evidence(duration_seconds=seconds))
    assert step.interview.answers.value(question) == value


def test_triggers_are_asked_on_doctor_paths_too_when_the_budget_allows() -> None:
    # Two answers in one breath leave room for both optional questions.
    _step, asked = run(
        NO,
        Evidence(terms=(Heard("body_area", "calf"),), duration_seconds=21 * 86400),
        NO,
        said("frequency", "daily"),
        NO,
        said("twitch_length", "seconds"),
    )
    assert asked[-2:] == ["twitch_length", "triggers"]
    assert len(asked) <= K.max_questions


# Every question answered separately: the longest interviews of each kind.
PATHS = {
    "self-care": SELF_CARE,
    "book": [
        NO,
        said("body_area", "eyelid"),
        NO,
        said("onset", "few_weeks"),
        said("frequency", "daily"),
        NO,
        said("twitch_length", "seconds"),
    ],
    "doctor soon": [
        NO,
        said("body_area", "neck"),
        said("symptom", "trouble_swallowing"),
        said("onset", "week"),
        said("frequency", "daily"),
        NO,
        said("twitch_length", "seconds"),
    ],
    "all not sure": [UNSURE] * 20,
    "all silence": [SILENCE] * 40,
}
# Follow-ups asked only because their condition held (the one-at-a-time safety signs).
FOLLOW_UPS = {"sign_breathing", "sign_face", "sign_speech", "sign_limb", "sign_seizure", "weakness_sudden"}


@pytest.mark.parametrize("turns", PATHS.values(), ids=PATHS.keys())
def test_an_interview_always_ends_within_its_question_budget(turns: list[Evidence]) -> None:
    step = start(K)
    asked = [step.ask.question] if step.ask else []
    for evidence in turns:
        if step.kind != "ask":
            break
        step = advance(step.interview, evidence, K)
        if step.ask and step.ask.mode == "ask":
            asked.append(step.ask.question)
    assert step.kind == "result"
    distinct = [q for q in dict.fromkeys(asked) if q not in FOLLOW_UPS]
    assert len(distinct) <= K.max_questions, asked


def test_the_progress_cue_is_never_a_promise_a_follow_up_could_break() -> None:
    before = [NO, said("body_area", "all_over"), NO, said("onset", "yesterday"), said("frequency", "daily")]
    step, _ = run(*before)
    assert step.ask is not None and step.ask.question == "medicines"
    assert step.ask.remaining is None  # a medicine could still bring follow-ups
    step, _ = run(*SELF_CARE[:-1])
    assert step.ask is not None and (step.ask.question, step.ask.remaining) == ("triggers", 0)


def test_the_offer_after_a_result_takes_yes_no_or_a_second_chance() -> None:
    step, _ = run(*SELF_CARE)
    assert step.interview.offer == "reminder" and step.interview.in_progress
    assert advance(step.interview, YES, K).kind == "offer_accepted"
    assert advance(step.interview, NO, K).kind == "offer_declined"
    again = advance(step.interview, SILENCE, K)
    assert again.kind == "offer_again"
    assert advance(again.interview, SILENCE, K).kind == "offer_declined"


def test_a_new_warning_sign_after_the_result_is_not_lost() -> None:
    step, _ = run(*SELF_CARE)
    step = advance(step.interview, said("symptom", "trouble_breathing"), K)
    assert step.kind == "result" and step.outcome is not None and step.outcome.level is Level.EMERGENCY


def test_current_puts_the_same_question_again_without_changing_anything() -> None:
    step, _ = run(NO, said("body_area", "calf"))
    again = current(step.interview, K)
    assert again.ask is not None and again.ask.question == step.ask.question  # type: ignore[union-attr]
    assert again.interview == step.interview


TAMPERED = [
    ("not a mapping", "garbage", Interview()),
    ("unknown question", {"asking": "favourite_colour"}, Interview()),
    (
        "bad area ids are dropped",
        {"asking": "symptoms", "answers": {"values": {"areas": ["calf", "wing", 7]}}},
        Interview(Answers({"areas": ("calf",)}), "symptoms"),
    ),
    (
        "only junk means unknown, not none",
        {"asking": "symptoms", "answers": {"values": {"areas": ["wing"]}}},
        Interview(Answers(), "symptoms"),
    ),
    (
        "onset out of range",
        {"asking": "frequency", "answers": {"values": {"onset": -4}}},
        Interview(Answers(), "frequency"),
    ),
    (
        "onset of the wrong type",
        {"asking": "frequency", "answers": {"values": {"onset": "two weeks"}}},
        Interview(Answers(), "frequency"),
    ),
    (
        "a yes/no answer tampered",
        {"asking": "areas", "answers": {"values": {"emergency": "maybe"}}},
        Interview(Answers(), "areas"),
    ),
    ("answers as a list", {"asking": "areas", "answers": ["emergency"]}, Interview(Answers(), "areas")),
    ("tries out of range", {"asking": "areas", "tries": 999}, Interview(Answers(), "areas")),
    ("boolean is not a number", {"asking": "areas", "tries": True}, Interview(Answers(), "areas")),
    ("an offer we never make", {"offer": "free_money"}, Interview()),
    (
        "unsure list with junk",
        {"asking": "areas", "answers": {"unsure": ["emergency", 3, "x"]}},
        Interview(Answers(unsure={"emergency"}), "areas"),
    ),
    (
        "words for a value not given, or not printable",
        {
            "asking": "symptoms",
            "answers": {"values": {"areas": ["calf"]}, "said": {"areas": {"calf": "x\x00", "eye": "y"}}},
        },
        Interview(Answers({"areas": ("calf",)}), "symptoms"),
    ),
]


@pytest.mark.parametrize(("data", "expected"), [(d, e) for _, d, e in TAMPERED], ids=[n for n, _, _ in TAMPERED])
def test_tampered_session_state_keeps_what_is_valid(data: Any, expected: Interview) -> None:
    assert Interview.from_dict(data, K) == expected


def test_state_round_trips_through_session_attributes() -> None:
    step, _ = run(NO, Evidence(terms=(Heard("body_area", "calf", "both calves"),), duration_seconds=3 * 86400), UNSURE)
    assert Interview.from_dict(step.interview.to_dict(), K) == step.interview
