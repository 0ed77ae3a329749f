"""The condition language shared by triage rules and by questions' `ask_when`.

A condition is a table of atoms that must all hold. Each atom reads one or more questions'
answers and is three-valued, because the interview is incomplete by nature:

  YES      it holds
  MAYBE    it depends on a question the person answered "not sure"
  UNASKED  it depends on a question not answered yet
  NO       it does not hold

The order NO < UNASKED < MAYBE < YES makes "all atoms hold" the minimum of the atoms. A rule
fires on YES; a rule left at MAYBE is "still uncertain" and the result says so; a question is
asked when its condition is YES or MAYBE (a "not sure" never rules a follow-up out).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from muscle_twitch.core.levels import Level

if TYPE_CHECKING:
    from muscle_twitch.core.answers import Answers
    from muscle_twitch.core.knowledge import Knowledge


# A table of atoms that must all hold, or a list of such tables of which any may hold.
Condition = Mapping[str, Any] | list[Mapping[str, Any]]


class Truth(IntEnum):
    NO = 0
    UNASKED = 1
    MAYBE = 2
    YES = 3


# Atom key -> what its value lists, for validation: "question" ids, ids of a term kind, a
# medicine kind, a whole number, or a level.
ATOMS: Mapping[str, str] = {
    "said_yes": "question",
    "unsure": "question",
    "flagged": "question",
    "symptoms_any": "symptom",
    "symptoms_all": "symptom",
    "symptoms_none": "symptom",
    "areas_any": "body_area",
    "areas_all": "body_area",
    "areas_other_than": "body_area",
    "frequency_any": "frequency",
    "medicines_any": "medicine",
    "triggers_any": "trigger",
    "medicine_kinds_any": "medicine_kind",
    "areas_at_least": "number",
    "onset_days_at_least": "number",
    "onset_days_at_most": "number",
    "level_at_least": "level",
}
# Atoms that only questions may use: a rule cannot depend on the level it decides, nor on what the
# reader only suspected.
QUESTION_ONLY_ATOMS = frozenset({"level_at_least", "flagged"})


def _unknown(answers: Answers, question: str) -> Truth:
    """What an atom is when the answer it needs is not there: MAYBE after "not sure"."""
    if question in answers.unsure:
        return Truth.MAYBE
    return Truth.NO if answers.answered(question) else Truth.UNASKED


def _ids(answers: Answers, knowledge: Knowledge, kind: str) -> tuple[str, tuple[str, ...]]:
    question = knowledge.question_for_kind[kind]
    value = answers.value(question)
    if isinstance(value, tuple):
        return question, value
    return question, (value,) if isinstance(value, str) else ()


def _any(kind: str) -> Callable[[Any, Answers, Knowledge], tuple[Truth, tuple[str, ...]]]:
    def atom(wanted: Any, answers: Answers, knowledge: Knowledge) -> tuple[Truth, tuple[str, ...]]:
        question, have = _ids(answers, knowledge, kind)
        matched = tuple(i for i in have if i in wanted)
        return (Truth.YES, matched) if matched else (_unknown(answers, question), ())

    return atom


def _all(kind: str) -> Callable[[Any, Answers, Knowledge], tuple[Truth, tuple[str, ...]]]:
    def atom(wanted: Any, answers: Answers, knowledge: Knowledge) -> tuple[Truth, tuple[str, ...]]:
        question, have = _ids(answers, knowledge, kind)
        if all(i in have for i in wanted):
            return Truth.YES, tuple(wanted)
        return _unknown(answers, question), ()

    return atom


def _said_yes(wanted: Any, answers: Answers, knowledge: Knowledge) -> tuple[Truth, tuple[str, ...]]:
    matched = tuple(q for q in wanted if answers.value(q) == "yes")
    if matched:
        return Truth.YES, matched
    return max((_unknown(answers, q) for q in wanted), default=Truth.NO), ()


def _unsure(wanted: Any, answers: Answers, knowledge: Knowledge) -> tuple[Truth, tuple[str, ...]]:
    matched = tuple(q for q in wanted if q in answers.unsure)
    if matched:
        return Truth.YES, matched
    unasked = any(not answers.answered(q) for q in wanted)
    return (Truth.UNASKED if unasked else Truth.NO), ()


def _none(kind: str) -> Callable[[Any, Answers, Knowledge], tuple[Truth, tuple[str, ...]]]:
    """None of these was said ("ask about dropping things unless weakness is already known")."""

    def atom(wanted: Any, answers: Answers, knowledge: Knowledge) -> tuple[Truth, tuple[str, ...]]:
        _, have = _ids(answers, knowledge, kind)
        return (Truth.NO if any(i in wanted for i in have) else Truth.YES), ()

    return atom


def _areas_other_than(wanted: Any, answers: Answers, knowledge: Knowledge) -> tuple[Truth, tuple[str, ...]]:
    """It twitches somewhere outside `wanted`; a place not known counts as somewhere else."""
    question, have = _ids(answers, knowledge, "body_area")
    if any(i not in wanted for i in have) or question in answers.unsure:
        return Truth.YES, ()
    return (Truth.NO if have else _unknown(answers, question)), ()


def _flagged(wanted: Any, answers: Answers, knowledge: Knowledge) -> tuple[Truth, tuple[str, ...]]:
    matched = tuple(q for q in wanted if q in answers.flagged)
    return (Truth.YES, matched) if matched else (Truth.NO, ())


def _medicine_kinds(wanted: Any, answers: Answers, knowledge: Knowledge) -> tuple[Truth, tuple[str, ...]]:
    question, have = _ids(answers, knowledge, "medicine")
    terms = knowledge.terms["medicine"]
    matched = tuple(m for m in have if terms[m].extra["kind"] in wanted)
    return (Truth.YES, matched) if matched else (_unknown(answers, question), ())


def _areas_at_least(wanted: Any, answers: Answers, knowledge: Knowledge) -> tuple[Truth, tuple[str, ...]]:
    question, have = _ids(answers, knowledge, "body_area")
    if area_count(have, knowledge) >= wanted:
        return Truth.YES, ()
    return _unknown(answers, question), ()


def _onset(compare: Callable[[int, int], bool]) -> Callable[[Any, Answers, Knowledge], tuple[Truth, tuple[str, ...]]]:
    def atom(wanted: Any, answers: Answers, knowledge: Knowledge) -> tuple[Truth, tuple[str, ...]]:
        question = knowledge.question_for_kind["onset"]
        days = answers.value(question)
        if isinstance(days, int):
            return (Truth.YES if compare(days, wanted) else Truth.NO), ()
        return _unknown(answers, question), ()

    return atom


_ATOM_CHECKS: Mapping[str, Callable[[Any, Answers, Knowledge], tuple[Truth, tuple[str, ...]]]] = {
    "said_yes": _said_yes,
    "unsure": _unsure,
    "flagged": _flagged,
    "symptoms_any": _any("symptom"),
    "symptoms_all": _all("symptom"),
    "symptoms_none": _none("symptom"),
    "areas_any": _any("body_area"),
    "areas_all": _all("body_area"),
    "areas_other_than": _areas_other_than,
    "frequency_any": _any("frequency"),
    "medicines_any": _any("medicine"),
    "triggers_any": _any("trigger"),
    "medicine_kinds_any": _medicine_kinds,
    "areas_at_least": _areas_at_least,
    "onset_days_at_least": _onset(lambda days, limit: days >= limit),
    "onset_days_at_most": _onset(lambda days, limit: days <= limit),
}


def reads(condition: Condition, knowledge: Knowledge) -> frozenset[str]:
    """The questions whose answers `condition` depends on (`level_at_least` depends on every
    question a rule reads)."""
    if isinstance(condition, list):
        return frozenset(q for part in condition for q in reads(part, knowledge))
    read: set[str] = set()
    for key, wanted in condition.items():
        if key == "flagged":
            continue
        if key in ("said_yes", "unsure"):
            read.update(wanted)
        elif key == "level_at_least":
            read.update(q for rule in knowledge.rules for q in reads(rule.conditions, knowledge))
        else:
            kind = "onset" if key.startswith("onset") else ATOMS[key] if ATOMS[key] != "medicine_kind" else "medicine"
            kind = "body_area" if key == "areas_at_least" else kind
            read.add(knowledge.question_for_kind[kind])
    return frozenset(read)


def area_count(areas: tuple[str, ...], knowledge: Knowledge) -> int:
    """How many places the named areas stand for ("all over" is several)."""
    terms = knowledge.terms["body_area"]
    return sum(int(terms[a].extra.get("counts_as_areas", 1)) for a in areas if a in terms)


def evaluate(
    condition: Condition,
    answers: Answers,
    knowledge: Knowledge,
    level: Level | None = None,
    names_from: str | None = None,
) -> tuple[Truth, tuple[str, ...]]:
    """How far `condition` holds, and the ids matched by the atom `names_from` (for reasons).
    `level`: the assessment's level, needed only by `level_at_least`. A list of conditions holds
    as far as the one of them that holds best. Kept on the answers (they never change): the
    conditions are the knowledge's own, which lives as long as the process."""
    key = (id(condition), level.value if level is not None else None, names_from)
    kept = answers.memo.get(key)
    if kept is not None and kept[0] is condition:
        return kept[1]
    result = _evaluate(condition, answers, knowledge, level, names_from)
    # The condition is kept with its result, so its id cannot be reused while the answers live.
    answers.memo[key] = (condition, result)
    return result


def _evaluate(
    condition: Condition,
    answers: Answers,
    knowledge: Knowledge,
    level: Level | None,
    names_from: str | None,
) -> tuple[Truth, tuple[str, ...]]:
    if isinstance(condition, list):
        best: tuple[Truth, tuple[str, ...]] = (Truth.NO, ())
        for part in condition:
            result = _evaluate(part, answers, knowledge, level, names_from)
            if result[0] > best[0]:
                best = result
        return best
    truth = Truth.YES
    names: tuple[str, ...] = ()
    for key, wanted in condition.items():
        if key == "level_at_least":
            atom = Truth.YES if level is not None and level.at_least(Level(wanted)) else Truth.NO
            matched: tuple[str, ...] = ()
        else:
            atom, matched = _ATOM_CHECKS[key](wanted, answers, knowledge)
        truth = min(truth, atom)
        if truth is Truth.NO:
            return Truth.NO, ()
        if key == names_from:
            names = matched
    return truth, names
