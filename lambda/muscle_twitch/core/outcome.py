"""The result of an interview: what the core decided, for speech, cards and screens to render.

Everything medical is decided here from the answers and the turn's one Assessment: the level
and its reasons, what is still uncertain, which everyday causes fit (only from what the person
said), which tip to speak, the safety net's threshold, what to offer, and the doctor's summary.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.assessment import Assessment, Match
from muscle_twitch.core.conditions import Truth, evaluate
from muscle_twitch.core.knowledge import SOMEONE_BAND, Knowledge
from muscle_twitch.core.levels import Level

MAX_LIKELY_CAUSES = 3
# Medicine kinds a person might be tempted to stop: the result reminds them not to.
PRESCRIBED_KINDS = ("medicine", "regular")


class Outcome(NamedTuple):
    level: Level
    reasons: tuple[Match, ...]  # the rules that decided the level, most important first
    uncertain: tuple[str, ...]  # rule ids above the level that a "not sure" answer left open
    unsure: tuple[str, ...]  # questions answered "not sure", or given up on, in asking order
    causes: tuple[str, ...]  # everyday causes the person's own answers point to (may be none)
    tips: tuple[str, ...]  # tips for what the person named, best first
    general_tips: tuple[str, ...]  # the source's prevention habits not already in `tips`
    spoken_tip: str | None  # the one tip to say by voice (self-care only)
    medicine_caution: bool  # a medicine was named: never stop it on your own
    watch_days: int  # the safety net: see a doctor if it lasts this many days
    offer: str  # what is offered after the result: "", "doctor_summary" or "reminder"
    tests: tuple[str, ...]  # tests a doctor may order, for doctor levels
    # Which words a tip with words by age takes (knowledge.Tip.by_age): the band the patient's age
    # falls in, "someone" when a carer said no age, "" for the tip's own (adult) words.
    age_band: str = ""
    # The result may say that twitching on its own is rarely serious (knowledge [reassurance]).
    reassure: bool = False


class SummaryRow(NamedTuple):
    """One line of the doctor's summary: a question and what the person answered."""

    question: str
    state: str  # "answered", "none" (answered no / none of those), "unsure" or "not_asked"
    value: Any  # as in Answers: "yes"/"no", a tuple of ids, one id or days
    said: tuple[tuple[str, str], ...]  # (id, the person's words) for each value heard in words


class Summary(NamedTuple):
    rows: tuple[SummaryRow, ...]
    denied: tuple[str, ...]  # warning signs the person said no to


def build_outcome(answers: Answers, assessment: Assessment, knowledge: Knowledge) -> Outcome:
    level = assessment.level
    causes = likely_causes(answers, knowledge)
    named = _named_evidence(answers, knowledge)
    tips = tuple(t.id for t in knowledge.tips.values() if any(e in t.applies_to for e in named))
    tips = tuple(sorted(tips, key=lambda t: min(named.index(e) for e in knowledge.tips[t].applies_to if e in named)))
    medicines = knowledge.terms["medicine"]
    safety_net = next(r for r in knowledge.rules if r.safety_net)
    return Outcome(
        level=level,
        reasons=assessment.reasons,
        uncertain=tuple(r.id for r in assessment.uncertain),
        unsure=tuple(q.id for q in knowledge.questions if q.id in answers.unsure),
        causes=causes,
        tips=tips,
        general_tips=tuple(t.id for t in knowledge.tips.values() if t.general and t.id not in tips),
        # One tip by voice, for self-care only, and only when nothing is left open: then the
        # safety net's words matter more.
        spoken_tip=tips[0]
        if tips and level is Level.SELF_CARE and not (assessment.uncertain or answers.unsure)
        else None,
        # Where a medicine may be involved, never stop it on your own.
        medicine_caution=level is not Level.SELF_CARE
        and any(medicines[m].extra["kind"] in PRESCRIBED_KINDS for m in _ids(answers, knowledge, "medicine")),
        watch_days=int(safety_net.conditions["onset_days_at_least"]),
        offer=knowledge.offers[level.value],
        tests=tuple(t.id for t in knowledge.tests) if level in (Level.BOOK_APPOINTMENT, Level.DOCTOR_SOON) else (),
        age_band=age_band(answers, knowledge),
        reassure=_reassures(answers, level, knowledge),
    )


def _reassures(answers: Answers, level: Level, knowledge: Knowledge) -> bool:
    """A doctor without urgency, and nothing said that is a sign of a nerve or muscle problem: a
    sign said, or left open by a "not sure", rules the sentence out (a question never asked does
    not: the interview asks what the answers make necessary)."""
    reassurance = knowledge.reassurance
    if reassurance is None or level not in reassurance.levels:
        return False
    return evaluate(reassurance.unless, answers, knowledge, level)[0] <= Truth.UNASKED


def age_band(answers: Answers, knowledge: Knowledge) -> str:
    """The age band the tips' words follow: the one the patient's age falls in; "someone" when
    a carer speaks and said no age (a figure for adults may not fit); "" for an adult or oneself."""
    if answers.age is not None:
        for tip in knowledge.tips.values():
            for band, (youngest, oldest) in tip.by_age.items():
                if youngest <= answers.age <= oldest:
                    return band
        return ""
    return SOMEONE_BAND if answers.subject == "other" else ""


def _ids(answers: Answers, knowledge: Knowledge, kind: str) -> tuple[str, ...]:
    value = answers.value(knowledge.question_for_kind[kind])
    return value if isinstance(value, tuple) else ()


def _named_evidence(answers: Answers, knowledge: Knowledge) -> list[str]:
    """Triggers, medicines and symptoms the person named, in the order the table lists them."""
    return [
        *_ids(answers, knowledge, "trigger"),
        *_ids(answers, knowledge, "medicine"),
        *_ids(answers, knowledge, "symptom"),
    ]


def likely_causes(answers: Answers, knowledge: Knowledge) -> tuple[str, ...]:
    """Everyday causes that fit what the person said. Only their own answers count: a trigger,
    medicine or symptom they named. A cause tied to particular body areas is left out when the
    areas they named are all elsewhere; fitting areas break ties."""
    triggers = set(_ids(answers, knowledge, "trigger"))
    medicines = set(_ids(answers, knowledge, "medicine"))
    symptoms = set(_ids(answers, knowledge, "symptom"))
    areas = set(_ids(answers, knowledge, "body_area"))
    scored: list[tuple[int, int, int, str]] = []
    for order, cause in enumerate(knowledge.causes.values()):
        if cause.kind != "common":
            continue
        evidence = (
            3 * len(triggers.intersection(cause.triggers))
            + 3 * len(medicines.intersection(cause.medicines))
            + 2 * len(symptoms.intersection(cause.symptoms))
        )
        fits = len(areas.intersection(cause.areas)) if "any" not in cause.areas else 1
        if evidence and (fits or not areas):
            scored.append((-evidence, -fits, order, cause.id))
    return tuple(cause_id for *_, cause_id in sorted(scored)[:MAX_LIKELY_CAUSES])


def doctor_summary(answers: Answers, knowledge: Knowledge) -> Summary:
    """The doctor's summary: one row per question that goes on the card, and the warning signs
    the person ruled out. Only ever shown after the person says yes to it."""
    rows = []
    for question in knowledge.questions:
        if not question.on_card:
            continue
        value = answers.value(question.id)
        if question.id in answers.unsure:
            state = "unsure"
        elif value is None:
            state = "not_asked"
        elif value in ((), "no"):
            state = "none"
        else:
            state = "answered"
        values = value if isinstance(value, tuple) else (value,)
        said = tuple((str(i), w) for i in values if i is not None and (w := answers.words(question.id, i)))
        rows.append(SummaryRow(question.id, state, value, said))
    denied = [s for q in knowledge.questions if answers.value(q.id) == "no" for s in q.no_denies]
    mentioned = set(_ids(answers, knowledge, "symptom"))
    return Summary(tuple(rows), tuple(s for s in dict.fromkeys(denied) if s not in mentioned))
