"""The interview: which question comes next, and how one turn's answer folds in.

Stateless like a symptom-checker API: evidence in, next question or outcome out. The state is
an `Interview` value that the shell keeps in session attributes between turns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from muscle_twitch.core.answers import LIST_FIELDS, MAX_ONSET_DAYS, QUESTIONS, Answers
from muscle_twitch.core.knowledge import Knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.core.triage import Outcome, level_of, triage

# Asked in this order when still unknown. Red flags come first; the last question depends on
# where the answers point: a self-care result is shaped by triggers, while a result that sends
# the person to a doctor needs how long each twitch lasts for the doctor's summary.
CORE_ORDER = ("emergency", "areas", "symptoms", "onset", "frequency", "medicines")
SELF_CARE_TAIL = "triggers"
DOCTOR_TAIL = "twitch_length"
# Failed tries on one question before the interview moves on (rephrase, then examples).
MAX_RETRIES = 2
# A duration under an hour describes one twitch; longer ones say how long it has been going on.
TWITCH_LENGTH_LIMIT_SECONDS = 3600

Reply = Literal["yes", "no", "unsure"]
# List questions asked as "have you ...?": "yes" there means "ask me which".
YES_NO_SHAPED = ("symptoms", "medicines", "triggers")


@dataclass(frozen=True)
class Evidence:
    """What one utterance carried, already resolved to cause-table ids by the shell."""

    areas: tuple[str, ...] = ()
    symptoms: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    medicines: tuple[str, ...] = ()
    frequency: str | None = None
    twitch_length: str | None = None
    onset: str | None = None  # an onset term id ("few_days")
    duration_seconds: float | None = None  # AMAZON.DURATION, routed by the question asked
    twitch_seconds: float | None = None  # a duration said explicitly about one twitch
    reply: Reply | None = None  # yes / no-or-none / I don't know


@dataclass(frozen=True)
class Interview:
    answers: Answers = field(default_factory=Answers)
    asking: str | None = None
    tries: int = 0  # failed tries at the question being asked
    asked: int = 0  # questions asked so far, for varied wording

    def to_dict(self) -> dict[str, Any]:
        return {"answers": self.answers.to_dict(), "asking": self.asking, "tries": self.tries, "asked": self.asked}

    @classmethod
    def from_dict(cls, data: Any, knowledge: Knowledge) -> Interview:
        """Reads session attributes; a tampered field is dropped, the rest kept."""
        if not isinstance(data, Mapping):
            return cls()
        asking = data.get("asking") if data.get("asking") in QUESTIONS else None
        return cls(
            answers=Answers.from_dict(data.get("answers"), knowledge),
            asking=asking,
            tries=_small_int(data.get("tries"), MAX_RETRIES),
            asked=_small_int(data.get("asked"), 99),
        )


def _small_int(value: Any, limit: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= limit:
        return value
    return 0


@dataclass(frozen=True)
class Step:
    """What the shell should say after one turn."""

    interview: Interview
    kind: Literal["ask", "clarify", "retry", "outcome"]
    question: str | None = None
    heard: tuple[str, ...] = ()  # questions this turn filled, for implicit confirmation
    retry_stage: int = 0  # 1: rephrase, 2: give examples
    moved_on: bool = False  # gave up on the previous question after repeated tries
    remaining: int = 0  # questions left after this one, for progress cues
    outcome: Outcome | None = None


def remaining_questions(answers: Answers, knowledge: Knowledge, level: Level | None = None) -> list[str]:
    """The questions still to ask, in order (`level`: the answers' triage level, if known)."""
    remaining = [q for q in CORE_ORDER if not answers.answered(q)]
    level = level or level_of(answers, knowledge)
    tail = DOCTOR_TAIL if level.at_least(Level.BOOK_APPOINTMENT) else SELF_CARE_TAIL
    if not answers.answered(tail):
        remaining.append(tail)
    return remaining


def start(knowledge: Knowledge, evidence: Evidence | None = None) -> Step:
    """A new interview, optionally with what a one-shot request already said."""
    return advance(Interview(), evidence or Evidence(), knowledge)


def advance(interview: Interview, evidence: Evidence, knowledge: Knowledge) -> Step:
    """Folds one turn's evidence in and decides what happens next."""
    before = interview.answers
    answers = _fold_facts(before, evidence, interview.asking, knowledge)
    asking = interview.asking
    if asking and evidence.reply:
        if (
            evidence.reply == "yes"
            and asking in YES_NO_SHAPED
            and not answers.value(asking)
            and interview.tries < MAX_RETRIES
        ):
            # "Yes" to "anything else?": ask which. It counts as a try, so it can never loop.
            return Step(replace(interview, answers=answers, tries=interview.tries + 1), "clarify", question=asking)
        answers = _apply_reply(answers, asking, evidence.reply)
    heard = tuple(
        q for q in QUESTIONS if answers.value(q) != before.value(q) or (q in answers.unsure and q not in before.unsure)
    )

    level = level_of(answers, knowledge)
    if level is Level.EMERGENCY:
        return _finish(interview, answers, heard, knowledge)

    moved_on = False
    if asking and not answers.answered(asking) and not heard:
        if interview.tries < MAX_RETRIES:
            tries = interview.tries + 1
            return Step(replace(interview, answers=answers, tries=tries), "retry", question=asking, retry_stage=tries)
        # Never loop: after two failed tries record "not sure" and move on. On a red-flag
        # question that keeps the result on the safe side, as "not sure" is never "no".
        answers = answers.with_unsure(asking)
        moved_on = True
        level = level_of(answers, knowledge)
        if level is Level.EMERGENCY:
            return _finish(interview, answers, heard, knowledge)

    remaining = remaining_questions(answers, knowledge, level)
    if not remaining:
        return _finish(interview, answers, heard, knowledge, moved_on)
    question = remaining[0]
    same = question == asking
    next_interview = Interview(answers, question, interview.tries if same else 0, interview.asked + (not same))
    return Step(next_interview, "ask", question=question, heard=heard, moved_on=moved_on, remaining=len(remaining) - 1)


def _finish(
    interview: Interview, answers: Answers, heard: tuple[str, ...], knowledge: Knowledge, moved_on: bool = False
) -> Step:
    outcome = triage(answers, knowledge)
    return Step(
        Interview(answers, None, 0, interview.asked), "outcome", heard=heard, moved_on=moved_on, outcome=outcome
    )


def _fold_facts(answers: Answers, evidence: Evidence, asking: str | None, knowledge: Knowledge) -> Answers:
    """Any fact the person mentioned fills its answer, whatever question was asked."""
    for question, kind in LIST_FIELDS.items():
        ids = [i for i in getattr(evidence, question) if i in knowledge.terms[kind]]
        if ids:
            answers = answers.with_more(question, ids)
    for question in ("frequency", "twitch_length"):
        if getattr(evidence, question) in knowledge.terms[question]:
            answers = answers.with_value(question, getattr(evidence, question))
    if evidence.onset in knowledge.terms["onset"]:
        answers = answers.with_value("onset", int(knowledge.terms["onset"][evidence.onset].extra["days"]))
    if evidence.duration_seconds is not None and evidence.duration_seconds >= 0:
        answers = _fold_duration(answers, evidence.duration_seconds, asking, knowledge)
    if evidence.twitch_seconds is not None and evidence.twitch_seconds >= 0:
        answers = answers.with_value("twitch_length", twitch_length_for(evidence.twitch_seconds, knowledge))
    return answers


def twitch_length_for(seconds: float, knowledge: Knowledge) -> str:
    """The twitch-length term whose range holds `seconds` (the longest one past all ranges)."""
    scale = sorted(knowledge.terms["twitch_length"].values(), key=lambda t: t.extra["max_seconds"])
    return next((t.id for t in scale if seconds <= t.extra["max_seconds"]), scale[-1].id)


def _fold_duration(answers: Answers, seconds: float, asking: str | None, knowledge: Knowledge) -> Answers:
    about_one_twitch = asking == "twitch_length" or (asking != "onset" and seconds < TWITCH_LENGTH_LIMIT_SECONDS)
    if about_one_twitch:
        return answers.with_value("twitch_length", twitch_length_for(seconds, knowledge))
    return answers.with_value("onset", min(round(seconds / 86400), MAX_ONSET_DAYS))


def _apply_reply(answers: Answers, asking: str, reply: Reply) -> Answers:
    if reply == "unsure":
        return answers.with_unsure(asking)
    if asking == "emergency":
        return answers.with_value("emergency", reply)
    if reply == "no" and asking in LIST_FIELDS and asking != "areas" and not answers.value(asking):
        return answers.with_value(asking, ())
    return answers  # a yes or no that does not answer this question
