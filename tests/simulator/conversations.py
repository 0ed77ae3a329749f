"""Conversations written as data (conversations/*.toml), run through the simulator against the
real skill: the same interaction model and the same `lambda_handler` the Lambda runs.

A file holds a `title` and `[[turns]]`. Each turn has `say` (the person's line; "" is silence)
and any of these expectations:

  intent            the intent the line must become ("AMAZON.HelpIntent", "BodyAreaIntent")
  slots             {slot = ["value", ...]}: values the simulator sent in those slots
  reply_contains    texts the spoken reply must contain (case-insensitive)
  reply_excludes    texts it must not contain
  reprompt_contains texts the reprompt must contain
  card_contains     texts the Alexa app card must contain
  level             the outcome level the skill reports after this turn
  session           "open" (the default) or "ended"
  ended_by          "skill", "USER_INITIATED" or "EXCEEDED_MAX_REPROMPTS"
"""

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from muscle_twitch.core.levels import Level
from muscle_twitch.skill.turn import OUTCOME_KEY
from simulator.conversation import Conversation, Handler, Turn
from simulator.model import InteractionModel

FOLDER = Path(__file__).parent / "conversations"
# A fixed moment, so anything date-dependent is reproducible.
NOW = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)

_TEXT_LISTS = ("reply_contains", "reply_excludes", "reprompt_contains", "card_contains")
_KNOWN = {"say", "intent", "slots", "level", "session", "ended_by", *_TEXT_LISTS}
_LEVELS = {level.value for level in Level}


@dataclass(frozen=True)
class TurnSpec:
    say: str
    intent: str | None = None
    slots: dict[str, list[str]] = field(default_factory=dict)
    reply_contains: tuple[str, ...] = ()
    reply_excludes: tuple[str, ...] = ()
    reprompt_contains: tuple[str, ...] = ()
    card_contains: tuple[str, ...] = ()
    level: str | None = None
    session: str = "open"
    ended_by: str | None = None


@dataclass(frozen=True)
class ConversationSpec:
    path: Path
    title: str
    turns: tuple[TurnSpec, ...]


class SpecError(ValueError):
    pass


def load_spec(path: Path) -> ConversationSpec:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    title = data.get("title")
    turns = data.get("turns")
    if not isinstance(title, str) or not isinstance(turns, list) or not turns:
        raise SpecError(f"{path.name}: needs a title and at least one [[turns]]")
    return ConversationSpec(path, title, tuple(_turn(path, i, t) for i, t in enumerate(turns, 1)))


def _turn(path: Path, number: int, raw: dict[str, Any]) -> TurnSpec:
    where = f"{path.name} turn {number}"
    unknown = set(raw) - _KNOWN
    if unknown:
        raise SpecError(f"{where}: unknown keys {sorted(unknown)}")
    if not isinstance(raw.get("say"), str):
        raise SpecError(f"{where}: 'say' is required")
    if raw.get("level") is not None and raw["level"] not in _LEVELS:
        raise SpecError(f"{where}: level must be one of {sorted(_LEVELS)}")
    if raw.get("session", "open") not in ("open", "ended"):
        raise SpecError(f"{where}: session must be 'open' or 'ended'")
    texts = {key: tuple(raw.get(key, ())) for key in _TEXT_LISTS}
    return TurnSpec(
        say=raw["say"],
        intent=raw.get("intent"),
        slots=dict(raw.get("slots", {})),
        level=raw.get("level"),
        session=raw.get("session", "open"),
        ended_by=raw.get("ended_by"),
        **texts,
    )


def all_specs() -> list[ConversationSpec]:
    return [load_spec(path) for path in sorted(FOLDER.glob("*.toml"))]


def run(spec: ConversationSpec, model: InteractionModel, handler: Handler) -> list[Turn]:
    """Plays the conversation and checks every expectation; returns the turns for more checks."""
    conversation = Conversation(model, handler, locale="en-US", clock=lambda: NOW)
    turns = []
    for number, expected in enumerate(spec.turns, 1):
        turn = conversation.say(expected.say)
        check_turn(f"{spec.path.name} turn {number} ({expected.say!r})", expected, turn)
        turns.append(turn)
    return turns


def check_turn(where: str, expected: TurnSpec, turn: Turn) -> None:
    heard = f"\n  Alexa said: {turn.speech!r}"
    assert turn.problems == [], f"{where}: Alexa would refuse the response: {turn.problems}"
    if expected.intent is not None:
        got = turn.intent.intent if turn.intent else None
        assert got == expected.intent, f"{where}: became {got}, expected {expected.intent}"
    sent = {s.name: [v.value for v in s.values] for s in (turn.intent.slots if turn.intent else ())}
    for name, values in expected.slots.items():
        assert sent.get(name) == values, f"{where}: slot {name} was {sent.get(name)}"
    for text in expected.reply_contains:
        assert text.lower() in turn.speech.lower(), f"{where}: reply lacks {text!r}{heard}"
    for text in expected.reply_excludes:
        assert text.lower() not in turn.speech.lower(), f"{where}: reply has {text!r}{heard}"
    for text in expected.reprompt_contains:
        reprompt = (turn.reprompt or "").lower()
        assert text.lower() in reprompt, f"{where}: reprompt lacks {text!r}: {turn.reprompt!r}"
    for text in expected.card_contains:
        card = turn.card.text.lower() if turn.card else ""
        assert text.lower() in card, f"{where}: card lacks {text!r}: {card!r}"
    if expected.level is not None:
        level = turn.attributes.get(OUTCOME_KEY)
        assert level == expected.level, f"{where}: level {level}, expected {expected.level}{heard}"
    open_now = expected.session == "open"
    assert turn.session_open == open_now, f"{where}: session should be {expected.session}{heard}"
    if expected.ended_by is not None:
        assert turn.session_ended_by == expected.ended_by, f"{where}: ended by {turn.session_ended_by}"
