"""People, played against the real skill: a persona answers whatever the skill asks, in its own
words, and the test checks what must hold, never which path was taken.

A persona file (personas/*.toml) holds:

  title, case, why       what it is about, in words (why: the clinical reasoning for `level`)
  locale                 default "en-US"
  opening                "open muscle twitch guide", or a one-shot ("ask muscle twitch guide ...")
  otherwise              what they say to a question `answers` does not list (default "no")
  level                  the level a careful clinician expects; `at_least = true` accepts higher
  result_includes/excludes   words the spoken result must (not) contain
  [answers]              question id -> what they say when asked it (also "offer", "check")
  [[asks]]               something of their own, said just before answering question `before`
                         (or "result": right after the result): `say`, `topic` (the answer they
                         should get), `includes`/`excludes` (words of the reply), `then`:
                         "same" (default: the same question or offer follows), "ended", "restart"

Checked on every persona: the first question is the safety check (red flags first, unless the
opening already reported an emergency), at most seven questions, every question has a reprompt,
the voice budgets, the level (read from the interview the skill keeps, and from its words), and
each `asks` line gets its answer and the interview resumes where it was.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from muscle_twitch.core.assessment import assess
from muscle_twitch.core.interview import CHECK_OFFER, Interview
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.language.build import locales as supported_locales
from simulator.conversation import Conversation, Handler, Turn
from tests.simulator.conversations import check_budget, model_for

FOLDER = Path(__file__).parent / "personas"
NOW = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)
# The interview's budget; the safety check's signs, asked one at a time after a "not sure", are
# the safety check itself and do not count.
MAX_QUESTIONS = load_knowledge().max_questions
SIGNS = frozenset(q.id for q in load_knowledge().questions if q.part_of)
# Questions the budget may always drop (one optional under a condition is the interview's to judge).
OPTIONAL = {q.id: q.optional is True for q in load_knowledge().questions}
MAX_TURNS = 40
# An answer to a question of their own, with the question or offer that follows it.
ANSWER_WORDS = 60
_KEYS = {
    "title", "case", "why", "locale", "opening", "otherwise", "level", "at_least", "result_includes",
    "result_excludes", "answers", "asks",
}  # fmt: skip
_ASK_KEYS = {"before", "say", "topic", "includes", "excludes", "then"}


@dataclass(frozen=True)
class Interjection:
    before: str
    say: str
    topic: str = ""
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    then: str = "same"


@dataclass(frozen=True)
class Persona:
    path: Path
    title: str
    opening: str
    level: str
    locale: str = "en-US"
    otherwise: str = "no"
    at_least: bool = False
    answers: dict[str, str] = field(default_factory=dict)
    asks: tuple[Interjection, ...] = ()
    result_includes: tuple[str, ...] = ()
    result_excludes: tuple[str, ...] = ()


class PersonaError(ValueError):
    pass


def load_persona(path: Path) -> Persona:
    raw = tomllib.loads(path.read_text("utf-8"))
    where = path.name
    unknown = set(raw) - _KEYS
    if unknown:
        raise PersonaError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("title", "opening", "level"):
        if not isinstance(raw.get(key), str):
            raise PersonaError(f"{where}: '{key}' is required")
    if raw["level"] not in {lv.value for lv in Level}:
        raise PersonaError(f"{where}: level must be one of {[lv.value for lv in Level]}")
    locale = raw.get("locale", "en-US")
    if locale not in supported_locales():
        raise PersonaError(f"{where}: locale must be one of {supported_locales()}")
    knowledge = load_knowledge()
    answers = dict(raw.get("answers", {}))
    for question in answers:
        if not knowledge.has_question(question) and question not in ("offer", CHECK_OFFER):
            raise PersonaError(f"{where}: answers.{question} is not a question of questions.toml")
    asks = []
    for entry in raw.get("asks", []):
        if set(entry) - _ASK_KEYS or "say" not in entry or "before" not in entry:
            raise PersonaError(f"{where}: [[asks]] needs `before` and `say` (and only {sorted(_ASK_KEYS)})")
        asks.append(
            Interjection(
                entry["before"],
                entry["say"],
                entry.get("topic", ""),
                tuple(entry.get("includes", ())),
                tuple(entry.get("excludes", ())),
                entry.get("then", "same"),
            )
        )
    return Persona(
        path,
        raw["title"],
        raw["opening"],
        raw["level"],
        locale,
        raw.get("otherwise", "no"),
        bool(raw.get("at_least", False)),
        answers,
        tuple(asks),
        tuple(raw.get("result_includes", ())),
        tuple(raw.get("result_excludes", ())),
    )


def all_personas() -> list[Persona]:
    return [load_persona(path) for path in sorted(FOLDER.glob("*.toml"))]


def on_the_table(turn: Turn) -> str | None:
    """The question id, "offer:<offer>" or "check" the skill is waiting on (from the interview it
    keeps in the session), or None when the session ended."""
    if not turn.session_open:
        return None
    data = turn.attributes.get("interview") or {}
    if data.get("offer"):
        return CHECK_OFFER if data["offer"] == CHECK_OFFER else f"offer:{data['offer']}"
    return data.get("asking")


def level_reached(turn: Turn) -> Level | None:
    """The level of the interview the skill kept, as the core assesses it."""
    knowledge = load_knowledge()
    data = turn.attributes.get("interview")
    if not data:
        return None
    return assess(Interview.from_dict(data, knowledge).answers, knowledge).level


@dataclass
class Played:
    turns: list[Turn] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)  # each question as first asked, in order
    level: Level | None = None
    result: Turn | None = None
    problems: list[str] = field(default_factory=list)


def play(persona: Persona, handler: Handler) -> Played:
    """Talks as the persona until the session ends, and notes what must hold along the way."""
    conversation = Conversation(model_for(persona.locale), handler, locale=persona.locale, clock=lambda: NOW)
    played = Played()
    pending = list(persona.asks)
    turn = conversation.say(persona.opening)
    played.turns.append(turn)
    _note(played, turn, persona, opening=True)
    for _ in range(MAX_TURNS):
        waiting = on_the_table(turn)
        if waiting is None:
            break
        key = "result" if waiting.startswith("offer:") else waiting
        interjection = next((a for a in pending if a.before == key), None)
        if interjection is not None:
            pending.remove(interjection)
            turn = conversation.say(interjection.say)
            played.turns.append(turn)
            _check_interjection(played, persona, interjection, waiting, turn)
            continue
        if waiting == CHECK_OFFER:
            line = persona.answers.get(CHECK_OFFER, "yes")
        elif waiting.startswith("offer:"):
            line = persona.answers.get("offer", "no")
        else:
            line = persona.answers.get(waiting, persona.otherwise)
        turn = conversation.say(line)
        played.turns.append(turn)
        _note(played, turn, persona, opening=False)
    else:
        played.problems.append(f"still talking after {MAX_TURNS} turns: the interview loops")
    for left in pending:
        played.problems.append(f"never got to say {left.say!r} (before {left.before})")
    return played


def _note(played: Played, turn: Turn, persona: Persona, *, opening: bool) -> None:
    if turn.problems:
        played.problems.append(f"Alexa would refuse a response: {turn.problems}")
    waiting = on_the_table(turn)
    if waiting and not waiting.startswith("offer:") and waiting != CHECK_OFFER:
        if not turn.reprompt:
            played.problems.append(f"{waiting} asked without a reprompt")
        if waiting not in played.questions:
            played.questions.append(waiting)
    level = level_reached(turn)
    if level is not None and played.result is None and (waiting is None or waiting.startswith("offer:")):
        played.level, played.result = level, turn
    try:
        check_budget(persona.path.name, turn, persona.locale, opening=opening)
    except AssertionError as error:
        played.problems.append(str(error))


def _check_interjection(played: Played, persona: Persona, said: Interjection, before: str, turn: Turn) -> None:
    where = f"{said.say!r} before {said.before}"
    speech = turn.speech.lower()
    for text in said.includes:
        if text.lower() not in speech:
            played.problems.append(f"{where}: the answer lacks {text!r}: {turn.speech!r}")
    for text in said.excludes:
        if f" {text.lower()} " in f" {speech} ":
            played.problems.append(f"{where}: the answer says {text!r}: {turn.speech!r}")
    after = on_the_table(turn)
    if said.then == "same" and after != before:
        played.problems.append(f"{where}: {before} was on the table, then {after}: {turn.speech!r}")
    if said.then == "ended" and after is not None:
        played.problems.append(f"{where}: the session did not end")
    if said.then == "restart" and after != "emergency":
        played.problems.append(f"{where}: did not start again at the safety check")
    if said.then == "same" and len(turn.speech.split()) > ANSWER_WORDS:
        played.problems.append(f"{where}: an answer over {ANSWER_WORDS} words: {turn.speech!r}")
    _note(played, turn, persona, opening=False)


def verdict(persona: Persona, played: Played) -> list[str]:
    """What must hold for this persona, as a list of problems (empty: all holds)."""
    problems = list(played.problems)
    wanted = Level(persona.level)
    got = played.level
    if got is None:
        problems.append("no result was reached")
    elif (persona.at_least and got.rank < wanted.rank) or (not persona.at_least and got is not wanted):
        problems.append(f"level {got.value}, expected {'at least ' if persona.at_least else ''}{wanted.value}")
    if played.questions and played.questions[0] != "emergency" and got is not Level.EMERGENCY:
        problems.append(f"the first question was {played.questions[0]}, not the safety check")
    # Past the budget only questions an answer made necessary (follow-ups), never optional ones.
    counted = [q for q in played.questions if q not in SIGNS]
    optional_past = [q for q in counted[MAX_QUESTIONS:] if OPTIONAL.get(q)]
    if optional_past:
        problems.append(f"{len(counted)} questions, optional ones past the budget {optional_past}: {played.questions}")
    result = played.result.speech.lower() if played.result else ""
    for text in persona.result_includes:
        if text.lower() not in result:
            problems.append(f"the result lacks {text!r}: {result!r}")
    for text in persona.result_excludes:
        if f" {text.lower()} " in f" {result} ":
            problems.append(f"the result says {text!r}: {result!r}")
    return problems


def describe(played: Played) -> str:
    return "\n".join(f"  You: {t.said}\n  Alexa: {t.speech}" for t in played.turns)


def persona_data(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8"))
