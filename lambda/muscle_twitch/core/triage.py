"""Triage: Answers x cause table -> Outcome. Table-driven: the rules live in knowledge.toml."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.knowledge import Cause, Knowledge, Named, Rule, Tip
from muscle_twitch.core.levels import Level

# Shown when nothing the person said points at a particular everyday cause.
GENERAL_TIPS = ("sleep", "manage_stress", "limit_caffeine")
MAX_LIKELY_CAUSES = 3
MIN_TIPS = 2


@dataclass(frozen=True)
class Reason:
    rule_id: str
    level: Level
    text: str


@dataclass(frozen=True)
class DoctorSummary:
    """What a doctor will want to hear, in plain words; None means not asked."""

    where: str | None
    since: str | None
    how_often: str | None
    how_long: str | None
    other_symptoms: str | None
    triggers: str | None
    medicines: str | None


@dataclass(frozen=True)
class Outcome:
    level: Level
    reasons: tuple[Reason, ...]  # the reasons for the winning level, most important first
    likely_causes: tuple[Cause, ...]  # common causes only: serious ones are never spoken
    tips: tuple[Tip, ...]
    advice: tuple[str, ...]
    medicine_named: bool
    tests: tuple[Named, ...]
    summary: DoctorSummary


def area_count(answers: Answers, knowledge: Knowledge) -> int:
    terms = knowledge.terms["body_area"]
    return sum(int(terms[a].extra.get("counts_as_areas", 1)) for a in answers.areas or ())


def _ids_matched(wanted: list[str], have: tuple[str, ...] | None) -> list[str]:
    return [i for i in (have or ()) if i in wanted]


def _medicines_of_kind(kinds: list[str], answers: Answers, knowledge: Knowledge) -> list[str]:
    terms = knowledge.terms["medicine"]
    return [terms[m].name for m in answers.medicines or () if terms[m].extra["kind"] in kinds]


# One check per rule condition: the matched names (for the spoken reason) or a plain truth.
Check = Callable[[Any, Answers, Knowledge], "list[str] | bool"]
_CHECKS: dict[str, Check] = {
    "emergency_screen": lambda want, a, k: a.emergency == want,
    "symptoms_any": lambda want, a, k: k.names("symptom", _ids_matched(want, a.symptoms)),
    "areas_any": lambda want, a, k: k.names("body_area", _ids_matched(want, a.areas)),
    "areas_all": lambda want, a, k: all(area in (a.areas or ()) for area in want),
    "areas_at_least": lambda want, a, k: area_count(a, k) >= want,
    "onset_days_at_least": lambda want, a, k: (a.onset_days or 0) >= want,
    "frequency_any": lambda want, a, k: a.frequency in want,
    "medicines_any": lambda want, a, k: k.names("medicine", _ids_matched(want, a.medicines)),
    "medicine_kinds_any": _medicines_of_kind,
    "unsure_any": lambda want, a, k: any(q in a.unsure for q in want),
}


def _rule_matches(rule: Rule, answers: Answers, knowledge: Knowledge) -> list[str] | None:
    """The names of what matched (for the spoken reason), or None when the rule does not apply."""
    matched: list[str] = []
    for key, wanted in rule.conditions.items():
        result = _CHECKS[key](wanted, answers, knowledge)
        if not result:
            return None
        if isinstance(result, list) and not matched:
            matched = result
    return matched


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def level_of(answers: Answers, knowledge: Knowledge) -> Level:
    """The highest level any rule reaches for these answers (self-care when none does)."""
    return max(
        (r.level for r in knowledge.rules if _rule_matches(r, answers, knowledge) is not None),
        key=lambda lv: lv.rank,
        default=Level.SELF_CARE,
    )


def triage(answers: Answers, knowledge: Knowledge) -> Outcome:
    reasons = [
        Reason(rule.id, rule.level, rule.reason.replace("{matched}", _join(matched)))
        for rule in knowledge.rules
        if (matched := _rule_matches(rule, answers, knowledge)) is not None
    ]
    level = max((r.level for r in reasons), key=lambda lv: lv.rank, default=Level.SELF_CARE)
    causes = likely_causes(answers, knowledge)
    medicine_named = any(knowledge.terms["medicine"][m].extra["kind"] == "medicine" for m in answers.medicines or ())
    tailored = [t for cause in causes for t in cause.tips if medicine_named or t != "switch_medication"]
    # At least two things to try: the tailored ones first, then general ones.
    tip_ids = list(dict.fromkeys(tailored))
    tip_ids += [t for t in GENERAL_TIPS if t not in tip_ids][: max(0, MIN_TIPS - len(tip_ids))]
    return Outcome(
        level=level,
        reasons=tuple(r for r in reasons if r.level == level),
        likely_causes=causes,
        tips=tuple(knowledge.tips[t] for t in tip_ids),
        advice=tuple(c.advice for c in causes),
        medicine_named=medicine_named,
        tests=knowledge.tests if level.at_least(Level.BOOK_APPOINTMENT) else (),
        summary=doctor_summary(answers, knowledge),
    )


def likely_causes(answers: Answers, knowledge: Knowledge) -> tuple[Cause, ...]:
    """Everyday causes that fit what the person said: named triggers, medicines and symptoms
    count most; a body area the cause is known for breaks ties and stands in when nothing else fits."""
    triggers, medicines = set(answers.triggers or ()), set(answers.medicines or ())
    symptoms, areas = set(answers.symptoms or ()), answers.areas or ()
    scored: list[tuple[int, int, Cause]] = []
    for cause in knowledge.causes.values():
        if cause.kind != "common":
            continue
        evidence = (
            3 * len(triggers.intersection(cause.triggers))
            + 3 * len(medicines.intersection(cause.medicines))
            + 2 * len(symptoms.intersection(cause.symptoms))
        )
        area_fit = sum(1 for a in areas if a in cause.areas)
        scored.append((evidence, area_fit, cause))
    with_evidence = [s for s in scored if s[0] > 0]
    chosen = with_evidence or [s for s in scored if s[1] > 0]
    chosen.sort(key=lambda s: (-s[0], -s[1]))
    return tuple(s[2] for s in chosen[:MAX_LIKELY_CAUSES])


def describe_onset(days: int) -> str:
    if days == 0:
        return "since today"
    if days == 1:
        return "since yesterday"
    if days < 7:
        return f"about {days} days"
    if days < 30:
        weeks = round(days / 7)
        return "about a week" if weeks == 1 else f"about {weeks} weeks"
    if days < 365:
        months = round(days / 30)
        return "about a month" if months == 1 else f"about {months} months"
    return "a year or more"


def doctor_summary(answers: Answers, knowledge: Knowledge) -> DoctorSummary:
    def listed(question: str, kind: str) -> str | None:
        if question in answers.unsure:
            return "not sure"
        ids = answers.value(question)
        if ids is None:
            return None
        return _join(knowledge.names(kind, ids)) or "none"

    def single(question: str, kind: str) -> str | None:
        if question in answers.unsure:
            return "not sure"
        value = answers.value(question)
        return knowledge.terms[kind][value].name if value else None

    since = "not sure" if "onset" in answers.unsure else None
    if answers.onset_days is not None:
        since = describe_onset(answers.onset_days)
    return DoctorSummary(
        where=listed("areas", "body_area"),
        since=since,
        how_often=single("frequency", "frequency"),
        how_long=single("twitch_length", "twitch_length"),
        other_symptoms=listed("symptoms", "symptom"),
        triggers=listed("triggers", "trigger"),
        medicines=listed("medicines", "medicine"),
    )
