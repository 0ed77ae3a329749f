"""The interview policy, checked against the question table rather than a path: the first question
is the safety check, its signs come one at a time after "not sure", every follow-up is asked when
its condition holds and never when nothing points to it, interviews stay within the question
budget, retries never loop, how answers fold in, the offer after the result, tampered state.

Paths are made from the tables: `play` answers whatever is asked with a plain answer of the
question's type unless told otherwise, so adding a question to questions.toml does not change what
these tests expect, and a follow-up that cannot be reached fails by name.
"""

from collections.abc import Mapping
from typing import Any

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.assessment import assess
from muscle_twitch.core.conditions import reads
from muscle_twitch.core.interview import Evidence, Heard, Interview, Step, Topic, advance, current, start
from muscle_twitch.core.knowledge import Question, load_knowledge
from muscle_twitch.core.levels import Level

K = load_knowledge()
NO = Evidence(reply="no")
YES = Evidence(reply="yes")
UNSURE = Evidence(reply="unsure")
SILENCE = Evidence()
FIRST = K.questions[0]
SIGNS = K.question(FIRST.id).parts  # the safety check's signs, asked one at a time


def said(kind: str, *ids: str, words: str | None = None) -> Evidence:
    return Evidence(terms=tuple(Heard(kind, i, words) for i in ids))


# A plain answer of each type: nothing of concern, a place, a recent start, now and then.
PLAIN: Mapping[str, Evidence] = {
    "yes_no": NO,
    "terms": NO,
    "term": said("frequency", "rarely"),
    "days": Evidence(onset_days=3),
}
PLAIN_AREA = said("body_area", "calf")


def plain(question: Question) -> Evidence:
    return PLAIN_AREA if question.kind == "body_area" else PLAIN[question.answer]


def play(
    first: Evidence = NO, answers: Mapping[str, Evidence] | None = None, limit: int = 40
) -> tuple[Step, list[str]]:
    """An interview where `first` answers the safety check (and may say more), `answers` answer
    the questions they name, and every other question gets its plain answer; returns the last
    step and each question as first asked."""
    answers = answers or {}
    step = start(K)
    asked = [step.ask.question] if step.ask else []
    evidence = first
    for _ in range(limit):
        if step.kind != "ask" or step.ask is None:
            break
        step = advance(step.interview, evidence, K)
        if step.kind == "ask" and step.ask is not None:
            question = step.ask.question
            if question not in asked:
                asked.append(question)
            evidence = answers.get(question, plain(K.question(question)))
    return step, asked


def satisfying(condition: Mapping[str, Any]) -> tuple[Evidence, dict[str, Evidence]]:
    """Evidence that makes `condition` hold: what is said at the safety check, and answers for the
    questions its atoms need answered ("not sure")."""
    terms: list[Heard] = []
    implied: list[tuple[str, str]] = []
    confirm: list[str] = []
    answers: dict[str, Evidence] = {}
    onset: int | None = None
    first_of = {"symptoms": "symptom", "areas": "body_area", "medicines": "medicine", "triggers": "trigger"}
    for key, wanted in condition.items():
        kind = first_of.get(key.split("_")[0])
        if key in ("symptoms_any", "areas_any", "medicines_any", "triggers_any", "frequency_any"):
            terms.append(Heard(kind or "frequency", wanted[0]))
        elif key in ("symptoms_all", "areas_all"):
            terms += [Heard(kind or "", w) for w in wanted]
        elif key == "areas_other_than":
            terms.append(Heard("body_area", next(a for a in K.terms["body_area"] if a not in wanted)))
        elif key == "medicine_kinds_any":
            terms.append(
                Heard("medicine", next(m.id for m in K.terms["medicine"].values() if m.extra["kind"] in wanted))
            )
        elif key == "onset_days_at_most":
            onset = min(onset if onset is not None else wanted, wanted)
        elif key == "onset_days_at_least":
            onset = max(onset or 0, wanted)
        elif key == "said_yes":
            implied.append((wanted[0], "yes"))
        elif key == "unsure":
            answers[wanted[0]] = UNSURE
        elif key == "flagged":
            confirm.append(wanted[0])
    if onset is not None:
        answers[K.question_for_kind["onset"]] = Evidence(onset_days=onset)
    first = Evidence(terms=tuple(terms), reply="no", implied=tuple(implied), confirm=tuple(confirm))
    return first, answers


def alternatives(question: Question) -> list[Mapping[str, Any]]:
    when = question.ask_when
    return list(when) if isinstance(when, list) else [when]


CONDITIONAL = [
    (q.id, i, c)
    for q in K.questions
    for i, c in enumerate(alternatives(q))
    if c and "level_at_least" not in c and not q.part_of
]


def test_the_first_question_is_the_safety_check() -> None:
    step = start(K)
    assert step.kind == "ask" and step.ask is not None and step.ask.question == FIRST.id
    assert FIRST.unsure_floor is not None and FIRST.no_denies, "the first question is a safety question"


@pytest.mark.parametrize(("question", "which", "condition"), CONDITIONAL, ids=[f"{q}-{i}" for q, i, _ in CONDITIONAL])
def test_a_follow_up_is_asked_when_its_condition_holds(question: str, which: int, condition: Any) -> None:
    first, answers = satisfying(condition)
    step, asked = play(first, answers)
    if question not in asked:
        level = step.assessment.level
        spec = K.question(question)
        # Only an emergency may end the interview before it, or the budget skip an optional one.
        assert level is Level.EMERGENCY or spec.optional, f"{question} never asked for {condition}: {asked}"


def test_no_follow_up_is_asked_when_nothing_points_to_it() -> None:
    _, asked = play()
    conditional = {q.id for q in K.questions if q.ask_when and not _always(q)}
    assert not conditional & set(asked), f"asked without a reason: {conditional & set(asked)}"


def _always(question: Question) -> bool:
    """A question whose condition holds for the plain interview (only the level, or a place)."""
    return all(set(c) <= {"level_at_least", "areas_other_than"} for c in alternatives(question))


def test_not_sure_at_the_safety_check_asks_each_sign_before_anything_else() -> None:
    step, asked = play(UNSURE)
    assert asked[: len(SIGNS) + 1] == [FIRST.id, *SIGNS]
    assert step.assessment.level is not Level.EMERGENCY
    # Every sign ruled out: the safety check is answered after all, and nothing is floored by it.
    assert step.interview.answers.value(FIRST.id) == "no"


@pytest.mark.parametrize("sign", SIGNS)
def test_yes_to_any_sign_asked_on_its_own_is_an_emergency(sign: str) -> None:
    step, _ = play(UNSURE, {sign: YES})
    assert step.outcome is not None and step.outcome.level is Level.EMERGENCY


@pytest.mark.parametrize("sign", SIGNS)
def test_a_sign_left_unclear_keeps_the_result_on_the_safe_side(sign: str) -> None:
    step, _ = play(UNSURE, {sign: UNSURE})
    floor = K.question(sign).unsure_floor
    assert floor is not None and step.assessment.level.at_least(floor)


def test_a_safety_check_the_recogniser_fails_is_not_dropped() -> None:
    step = start(K)
    for _ in range(FIRST.retries + 1):
        step = advance(step.interview, SILENCE, K)
    assert step.moved_on == FIRST.id and FIRST.id in step.interview.answers.unsure
    assert step.ask is not None and step.ask.question == SIGNS[0]
    assert FIRST.unsure_floor is not None and step.assessment.level.at_least(FIRST.unsure_floor)


EMERGENCY_SYMPTOMS = sorted(
    {
        s
        for r in K.rules
        if r.level is Level.EMERGENCY and set(r.conditions) == {"symptoms_any"}
        for s in r.conditions["symptoms_any"]
    }
)


@pytest.mark.parametrize("symptom", EMERGENCY_SYMPTOMS)
def test_an_emergency_sign_said_at_any_point_ends_the_interview(symptom: str) -> None:
    step, _ = play(NO, {"areas": Evidence(terms=(Heard("body_area", "calf"), Heard("symptom", symptom)))})
    assert step.kind == "result" and step.outcome is not None
    assert step.outcome.level is Level.EMERGENCY and step.outcome.offer == ""


@pytest.mark.parametrize(("how", "level"), [(YES, Level.EMERGENCY), (UNSURE, Level.EMERGENCY)])
def test_a_stroke_sign_said_after_the_safety_check_is_asked_how_it_began(how: Evidence, level: Level) -> None:
    step, asked = play(
        NO, {"areas": said("body_area", "face"), "symptoms": said("symptom", "slurred_speech"), "sudden_onset": how}
    )
    assert "sudden_onset" in asked
    assert step.outcome is not None and step.outcome.level is level


def test_a_stroke_sign_that_grew_over_weeks_is_not_an_emergency() -> None:
    step, _ = play(NO, {"symptoms": said("symptom", "slurred_speech"), "sudden_onset": NO})
    assert step.outcome is not None and step.outcome.level is Level.DOCTOR_SOON


def test_words_that_say_how_a_sign_began_answer_the_question_unasked() -> None:
    gradual = Evidence(terms=(Heard("symptom", "slurred_speech"),), implied=(("sudden_onset", "no"),))
    step, asked = play(NO, {"symptoms": gradual})
    assert "sudden_onset" not in asked
    assert step.outcome is not None and step.outcome.level is Level.DOCTOR_SOON


def test_a_medicine_that_is_new_is_a_reason_and_one_taken_for_years_is_not() -> None:
    new = Evidence(terms=(Heard("medicine", "regular_medicine", "tablets"),), implied=(("medicine_new", "yes"),))
    step, _ = play(NO, {"medicines": new})
    assert step.assessment.level.at_least(Level.BOOK_APPOINTMENT)
    old = Evidence(terms=(Heard("medicine", "regular_medicine", "tablets"),), implied=(("medicine_new", "no"),))
    step, asked = play(NO, {"medicines": old})
    assert "medicine_new" not in asked and step.assessment.level is Level.SELF_CARE
    assert step.interview.answers.value("medicines") == ("regular_medicine",), "kept on the summary"


@pytest.mark.parametrize(
    ("signs", "level"),
    [
        (("restlessness",), Level.DOCTOR_SOON),
        (("fever",), Level.EMERGENCY),
        (("heavy_sweating", "racing_heart"), Level.EMERGENCY),
    ],
)
def test_reaction_signs_after_a_new_medicine_are_graded(signs: tuple[str, ...], level: Level) -> None:
    medicine = Evidence(terms=(Heard("medicine", "serotonergic", "sertraline"),), implied=(("medicine_new", "yes"),))
    step, _ = play(NO, {"medicines": medicine, "medicine_signs": said("symptom", *signs)})
    assert step.assessment.level is level


def test_restlessness_after_coffee_is_not_confusion_and_stays_self_care() -> None:
    step, _ = play(NO, {"symptoms": said("symptom", "restlessness"), "triggers": said("trigger", "caffeine")})
    assert step.outcome is not None and step.outcome.level is Level.SELF_CARE


def test_heavy_sweating_is_a_symptom_as_well_as_a_trigger() -> None:
    step = advance(start(K).interview, Evidence(terms=(Heard("trigger", "sweating"),), reply="no"), K)
    answers = step.interview.answers
    assert "heavy_sweating" in answers.value("symptoms") and "sweating" in answers.value("triggers")


def test_not_sure_is_never_read_as_no_on_a_question_with_a_floor() -> None:
    for question in (q for q in K.questions if q.unsure_floor and not q.part_of and q.id != FIRST.id):
        first, answers = satisfying(alternatives(question)[0]) if question.ask_when else (NO, {})
        step, asked = play(first, {**answers, question.id: UNSURE})
        if question.id in asked and step.assessment.level is not Level.EMERGENCY:
            assert step.assessment.level.at_least(question.unsure_floor), question.id


def test_failed_tries_rephrase_then_give_examples_then_move_on() -> None:
    step = advance(start(K).interview, NO, K)
    question = step.ask.question if step.ask else ""
    stages = []
    for _ in range(K.question(question).retries + 1):
        step = advance(step.interview, SILENCE, K)
        assert step.ask is not None
        stages.append((step.ask.question, step.ask.mode))
    assert stages[:2] == [(question, "rephrase"), (question, "examples")]
    assert stages[-1][0] != question and step.moved_on == question
    assert question in step.interview.answers.unsure


def test_an_answer_to_another_question_after_misses_is_kept_and_is_not_a_failed_try() -> None:
    step = advance(start(K).interview, NO, K)
    question = step.ask.question if step.ask else ""
    step = advance(advance(step.interview, SILENCE, K).interview, SILENCE, K)
    step = advance(step.interview, Evidence(onset_days=1), K)
    assert step.ask is not None and (step.ask.question, step.ask.mode) == (question, "ask")
    assert step.moved_on is None and step.interview.answers.value("onset") == 1


def test_yes_to_a_list_question_asks_which_and_no_means_none() -> None:
    step, _ = play(NO, {"areas": PLAIN_AREA}, limit=2)
    assert step.ask is not None and K.question(step.ask.question).yes_asks_which
    step = advance(step.interview, YES, K)
    assert step.ask is not None and step.ask.mode == "clarify"
    asked = step.ask.question
    step = advance(step.interview, NO, K)
    assert step.interview.answers.value(asked) == ()


def test_yes_or_no_out_of_context_is_a_failed_try_not_an_answer() -> None:
    step = advance(advance(start(K).interview, NO, K).interview, YES, K)
    assert step.ask is not None and step.ask.mode == "rephrase"
    assert step.interview.answers.value(step.ask.question) is None


@pytest.mark.parametrize(
    ("asking", "seconds", "question", "value"),
    [
        ("onset", 14 * 86400, "onset", 14),
        ("onset", 3 * 86400, "onset", 3),
        ("twitch_length", 10, "twitch_length", "seconds"),
        ("twitch_length", 0.5, "twitch_length", "flicker"),
        ("frequency", 21 * 86400, "onset", 21),
        ("frequency", 30, "twitch_length", "seconds"),
    ],
)
def test_a_duration_is_read_by_the_question_asked_and_its_size(
    asking: str, seconds: float, question: str, value: Any
) -> None:
    interview = Interview(Answers(), asking, 0, 3)
    step = advance(interview, Evidence(duration_seconds=seconds), K)
    assert step.interview.answers.value(question) == value


TYPICAL = {
    "plain": (NO, {}),
    "a long-standing twitch": (NO, {"onset": Evidence(onset_days=30)}),
    "several places for weeks": (NO, {"areas": said("body_area", "calf", "arm"), "onset": Evidence(onset_days=21)}),
    "an eyelid": (NO, {"areas": said("body_area", "eyelid")}),
    "a new medicine": (
        NO,
        {"medicines": Evidence(terms=(Heard("medicine", "serotonergic"),), implied=(("medicine_new", "yes"),))},
    ),
    "weakness for a month": (NO, {"symptoms": said("symptom", "weakness"), "onset": Evidence(onset_days=30)}),
    "a tongue": (NO, {"areas": said("body_area", "tongue")}),
    "after thyroid surgery": (NO, {"medicines": said("medicine", "neck_surgery")}),
    "all not sure": (UNSURE, {q.id: UNSURE for q in K.questions}),
    "all silence": (SILENCE, {q.id: SILENCE for q in K.questions}),
}


@pytest.mark.parametrize(("first", "answers"), TYPICAL.values(), ids=TYPICAL.keys())
def test_a_typical_interview_asks_at_most_the_budget(first: Evidence, answers: dict[str, Evidence]) -> None:
    step, asked = play(first, answers, limit=80)
    assert step.kind == "result"
    # The one-at-a-time signs after a "not sure" are the safety check itself, not more questions.
    distinct = [q for q in asked if q not in SIGNS]
    assert len(distinct) <= K.max_questions, asked


# A path whose late answer brings follow-ups: several places (so a doctor anyway), then a stomach
# bug at the last question, which asks about the lips and how long it has lasted.
LATE_FOLLOW_UPS = (
    NO,
    {
        "areas": said("body_area", "calf", "arm"),
        "triggers": said("trigger", "stomach_bug"),
    },
)


@pytest.mark.parametrize(("first", "answers"), [*TYPICAL.values(), LATE_FOLLOW_UPS], ids=[*TYPICAL, "late follow-ups"])
def test_past_the_budget_only_questions_an_answer_made_necessary_are_asked(
    first: Evidence, answers: dict[str, Evidence]
) -> None:
    step, asked = play(first, answers, limit=80)
    assert step.kind == "result"
    distinct = [q for q in asked if q not in SIGNS]
    assert not [q for q in distinct[K.max_questions :] if K.question(q).optional], asked


def test_a_stomach_bug_said_last_still_asks_its_safety_follow_ups() -> None:
    _, asked = play(*LATE_FOLLOW_UPS, limit=80)
    followers = [q.id for q in K.questions if q.ask_when and "triggers" in reads(q.ask_when, K)]
    assert followers and set(followers) <= set(asked), asked


def test_when_the_budget_drops_a_question_it_is_an_optional_one() -> None:
    for name, (first, answers) in TYPICAL.items():
        step, asked = play(first, answers, limit=80)
        for question in K.questions:
            if question.id in asked or question.id in SIGNS or answer_known(step, question):
                continue
            truth_holds = question.ask_when and _holds(question, step)
            assert not truth_holds or question.optional, f"{name}: {question.id} dropped though not optional"


def answer_known(step: Step, question: Question) -> bool:
    return step.interview.answers.answered(question.id)


def _holds(question: Question, step: Step) -> bool:
    from muscle_twitch.core.conditions import Truth, evaluate

    truth, _ = evaluate(question.ask_when, step.interview.answers, K, step.assessment.level)
    return truth is Truth.YES


def test_the_progress_cue_is_never_a_promise_a_follow_up_could_break() -> None:
    step = start(K)
    while step.kind == "ask" and step.ask is not None:
        if step.ask.remaining is not None:
            # From here on, exactly that many more questions are asked.
            cue, rest = step.ask.remaining, 0
            probe = step
            while probe.kind == "ask" and probe.ask is not None:
                probe = advance(probe.interview, plain(K.question(probe.ask.question)), K)
                rest += probe.kind == "ask"
            assert rest == cue, f"said {cue} more, asked {rest}"
        step = advance(step.interview, plain(K.question(step.ask.question)), K)


def test_the_offer_after_a_result_takes_yes_no_or_a_second_chance() -> None:
    step, _ = play()
    assert step.interview.offer == K.offers[step.assessment.level.value] and step.interview.in_progress
    assert advance(step.interview, YES, K).kind == "offer_accepted"
    assert advance(step.interview, NO, K).kind == "offer_declined"
    again = advance(step.interview, SILENCE, K)
    assert again.kind == "offer_again"
    assert advance(again.interview, SILENCE, K).kind == "offer_declined"


def test_a_new_warning_sign_after_the_result_is_not_lost() -> None:
    step, _ = play()
    step = advance(step.interview, said("symptom", "trouble_breathing"), K)
    assert step.kind == "result" and step.outcome is not None and step.outcome.level is Level.EMERGENCY


def test_a_question_of_their_own_is_answered_and_the_same_question_follows_without_a_try() -> None:
    step = advance(start(K).interview, NO, K)
    assert step.ask is not None
    asking, tries = step.ask.question, step.interview.tries
    answered = advance(step.interview, Evidence(topics=(Topic("serious"),)), K)
    assert answered.kind == "answer" and answered.topic == Topic("serious")
    assert answered.ask is not None and answered.ask.question == asking and answered.interview.tries == tries


def test_a_question_before_any_interview_is_answered_then_a_check_is_offered() -> None:
    step = start(K, Evidence(topics=(Topic("serious"),)))
    assert step.kind == "answer" and step.interview.offer == "check"
    begun = advance(step.interview, YES, K)
    assert begun.ask is not None and begun.ask.question == FIRST.id
    assert advance(step.interview, NO, K).kind == "offer_declined"


def test_a_question_that_carries_a_sign_is_triaged_first() -> None:
    step = advance(
        start(K).interview, Evidence(terms=(Heard("symptom", "trouble_breathing"),), topics=(Topic("serious"),)), K
    )
    assert step.kind == "result" and step.outcome is not None and step.outcome.level is Level.EMERGENCY


def test_a_carer_is_remembered_for_the_whole_interview() -> None:
    step = advance(start(K).interview, Evidence(reply="no", subject="other", age=14), K)
    step = advance(step.interview, PLAIN_AREA, K)
    assert step.interview.answers.subject == "other" and step.interview.answers.age == 14


def test_a_word_that_hints_at_a_red_flag_gets_its_sign_asked() -> None:
    sign = SIGNS[0]
    step = advance(start(K).interview, Evidence(reply="no", confirm=(sign,)), K)
    assert step.ask is not None and step.ask.question == sign


def test_current_puts_the_same_question_again_without_changing_anything() -> None:
    step, _ = play(limit=2)
    again = current(step.interview, K)
    assert again.ask is not None and step.ask is not None and again.ask.question == step.ask.question
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
    (
        "who it is about and an age, checked",
        {"asking": "areas", "answers": {"subject": "martian", "age": 999, "flagged": ["emergency", "x"]}},
        Interview(Answers(flagged={"emergency"}), "areas"),
    ),
]


@pytest.mark.parametrize(("data", "expected"), [(d, e) for _, d, e in TAMPERED], ids=[n for n, _, _ in TAMPERED])
def test_tampered_session_state_keeps_what_is_valid(data: Any, expected: Interview) -> None:
    assert Interview.from_dict(data, K) == expected


def test_state_round_trips_through_session_attributes() -> None:
    step = advance(
        start(K).interview,
        Evidence(terms=(Heard("body_area", "calf", "both calves"),), reply="no", subject="other", age=80),
        K,
    )
    step = advance(step.interview, UNSURE, K)
    assert Interview.from_dict(step.interview.to_dict(), K) == step.interview
    assert assess(step.interview.answers, K).level.at_least(Level.SELF_CARE)
