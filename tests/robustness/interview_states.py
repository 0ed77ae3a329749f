"""Every state the interview can be in, reached the way a person gets there: by talking.

The states come from the tables, never from a list of paths: each question of questions.toml,
each offer a result makes, the offer of a short check before an interview, and one question after
a failed try. A state is reached by playing an interview from launch (tests.alexa.play) that
answers whatever is asked with a plain answer of the question's type, said in the slot the skill
elicited, until the wanted question or offer is on the table (`interview.asking` or
`interview.offer` in the session attributes). A question only some answers lead to is reached by
saying what one alternative of its `ask_when` names (a rule of the level, for `level_at_least`);
an offer, by what a rule of a level that makes it names. The session attributes the response
carries are the state.

A question no alternative reaches fails by name when its state is used; the matrix, the fuzzing
and the log check share this one map of the interview.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from muscle_twitch.core.interview import CHECK_OFFER
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.levels import Level
from tests.alexa import (
    Heard,
    answer_slot,
    asking,
    dialog_intent,
    intent_event,
    model_intents,
    offers,
    plain_words,
    play,
    say,
    send,
    slot_type,
    value_name,
)

K = load_knowledge()
RETRY = "after a failed try"
# The question the retry state is taken at: the first that allows more than one failed try, so
# that one miss leaves it on the table.
RETRIED = next(q.id for q in K.questions if q.retries > 1)
# The person's own questions are intents named Ask...; the first one without slots opens a session
# with a question and nothing else, which the skill answers and follows with the offer of a check.
QUESTION_PREFIX = "Ask"


def state_name(table: str) -> str:
    return f"offering {table.removeprefix('offer:')}" if table.startswith("offer:") else f"asking {table}"


TABLES: tuple[str, ...] = (
    *(q.id for q in K.questions),
    *(f"offer:{o}" for o in offers()),
)
# State name -> what is on the table there.
STATES: dict[str, str] = {state_name(t): t for t in TABLES} | {f"asking {RETRIED} {RETRY}": RETRIED}


# ---------------------------------------------------------------- what to say for a condition


def _name(kind: str, term: str) -> str:
    """The model's words for a term of the cause table (a value of the slot its question uses)."""
    question = K.question_for_kind[kind]
    return value_name(slot_type(dialog_intent(), answer_slot(question)) or "", term)


def _reply(reply: str) -> str:
    return value_name(slot_type(dialog_intent(), answer_slot("")) or "", reply)


def _onset(days: int, at_most: bool) -> str:
    """The model's words for the onset nearest `days` on the right side of it."""
    onsets = sorted(K.terms["onset"].values(), key=lambda t: t.extra["days"])
    fits = [t for t in onsets if (t.extra["days"] <= days if at_most else t.extra["days"] >= days)]
    term = fits[-1] if at_most else fits[0]
    return _name("onset", term.id)


def _said(condition: Mapping[str, Any]) -> dict[str, str] | None:
    """Answers (question id -> words) under which `condition` holds, or None when one of its atoms
    cannot be said plainly (a red flag only the reader's cues raise)."""
    said: dict[str, str] = {}
    for key, wanted in condition.items():
        subject, _, how = key.partition("_")
        kind = {"areas": "body_area", "symptoms": "symptom", "medicines": "medicine", "triggers": "trigger"}.get(
            subject, subject
        )
        if how in ("any", "all") and kind in K.question_for_kind:
            terms = wanted[:1] if how == "any" else wanted
            question = K.question_for_kind[kind]
            said[question] = " and ".join(_name(kind, t) for t in terms)
        elif key == "areas_other_than":
            said["areas"] = _name("body_area", next(a for a in K.terms["body_area"] if a not in wanted))
        elif key == "medicine_kinds_any":
            medicine = next(m.id for m in K.terms["medicine"].values() if m.extra["kind"] in wanted)
            said[K.question_for_kind["medicine"]] = _name("medicine", medicine)
        elif key in ("onset_days_at_most", "onset_days_at_least"):
            said[K.question_for_kind["onset"]] = _onset(int(wanted), at_most=key.endswith("most"))
        elif key in ("said_yes", "said_no"):
            said[wanted[0]] = _reply(key.removeprefix("said_"))
        elif key == "unsure":
            said[wanted[0]] = _reply("unsure")
        elif how == "none":
            continue  # the plain answers name nothing
        else:
            return None
    return said


def _alternatives(when: Any) -> list[Mapping[str, Any]]:
    return [c for c in (when if isinstance(when, list) else [when]) if c]


def _for_level(level: str) -> Iterator[dict[str, str]]:
    """Answers for each rule of `level` (then of the levels above it), fewest conditions first."""
    wanted = Level(level)
    rules = sorted(
        (r for r in K.rules if r.level.at_least(wanted) and r.level is not Level.EMERGENCY),
        key=lambda r: (r.level.rank, len(r.conditions)),
    )
    for rule in rules:
        said = _said(rule.conditions)
        if said is not None:
            yield said


def _ahead(said: Mapping[str, Any]) -> dict[str, Any]:
    """`said` with the place answered together with when it began, in one turn: a question the
    person answered ahead is never asked, which leaves room in the budget for an optional one."""
    place, onset = K.question_for_kind["body_area"], K.question_for_kind["onset"]
    both = {
        answer_slot(place): said.get(place) or plain_words(place),
        answer_slot(onset): said.get(onset) or plain_words(onset),
    }
    return {**said, place: both}


def _ways(table: str) -> Iterator[dict[str, Any]]:
    """Answers to try, in turn, to put `table` on the table: plain ones first; for an optional
    question, then the same with a question answered ahead (the room the budget leaves)."""
    yield from _plain_ways(table)
    if not table.startswith("offer:") and K.question(table).optional:
        for said in _plain_ways(table):
            yield _ahead(said)


def _plain_ways(table: str) -> Iterator[dict[str, str]]:
    yield {}
    if table.startswith("offer:"):
        offer = table.removeprefix("offer:")
        for level, made in K.offers.items():
            if made == offer:
                yield from _for_level(level)
        return
    question = K.question(table)
    if question.part_of:
        yield {question.part_of: _reply("unsure")}
    for condition in _alternatives(question.ask_when):
        levels = condition.get("level_at_least")
        rest = {k: v for k, v in condition.items() if k != "level_at_least"}
        said = _said(rest)
        if said is None:
            continue
        if levels is None:
            yield said
        else:
            for for_level in _for_level(levels):
                yield {**for_level, **said}


# ---------------------------------------------------------------- reaching a state


def _check_offer() -> Heard:
    """A session opened with a question of the person's own: answered, then a check offered."""
    name = next(n for n, i in model_intents().items() if n.startswith(QUESTION_PREFIX) and not i.get("slots"))
    return send(intent_event(name, new=True))


@cache
def _reached(state: str) -> Heard:
    table = STATES[state]
    if state.endswith(RETRY):
        heard = _reached(state_name(table))
        missed = say("fallback", heard)
        assert missed.on_the_table == table and not missed.ended, f"{state}: one miss moved on"
        return missed
    if table == f"offer:{CHECK_OFFER}":
        heard = _check_offer()
        assert heard.on_the_table == table, f"{state}: a question alone was not followed by the offer"
        return heard
    tried = []
    for said in _ways(table):
        heard, tables = play(said, until=asking(table))
        if heard.on_the_table == table and not heard.ended:
            return heard
        tried.append((said, tables))
    raise AssertionError(f"{state}: no plain interview nor any of its conditions leads there: {tried}")


def reach(state: str) -> Heard:
    """The response that put the interview in `state` (its attributes are the state)."""
    return _reached(state)


def attributes_of(state: str) -> dict[str, Any]:
    return copy.deepcopy(_reached(state).attributes)
