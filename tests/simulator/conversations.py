"""Conversations written as data (conversations/*.toml), run through the simulator against the
real skill: the same interaction model and the same `lambda_handler` the Lambda runs.

A file holds a `title` and `[[turns]]`, and may name a device with a screen to talk to the
skill through, as `make run ARGS=--screen=show8` does: `screen = "show8"` (any of
simulator.devices.DEVICES). Each turn has either `say` (the person's line; "" is silence) or,
on a screen, `tap` (the number of the answer to touch, as printed) and any of these
expectations:

  intent            the intent the line must become ("AMAZON.HelpIntent", "BodyAreaIntent")
  slots             {slot = ["value", ...]}: values the simulator sent in those slots
  reply_contains    texts the spoken reply must contain (case-insensitive)
  reply_excludes    texts it must not contain
  reprompt_contains texts the reprompt must contain
  card_contains     texts the Alexa app card must contain
  screen_contains   texts the screen must show after this turn (case-insensitive; needs `screen`)
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
from simulator.devices import DEVICES
from simulator.model import InteractionModel

FOLDER = Path(__file__).parent / "conversations"
# A fixed moment, so anything date-dependent is reproducible.
NOW = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)

_TEXT_LISTS = ("reply_contains", "reply_excludes", "reprompt_contains", "card_contains", "screen_contains")
_KNOWN = {"say", "tap", "intent", "slots", "level", "session", "ended_by", *_TEXT_LISTS}
_SCREEN_KEYS = ("tap", "screen_contains")
_LEVELS = {level.value for level in Level}


@dataclass(frozen=True)
class TurnSpec:
    say: str  # what the person says, or "tap N" for a touch
    tap: int | None = None
    intent: str | None = None
    slots: dict[str, list[str]] = field(default_factory=dict)
    reply_contains: tuple[str, ...] = ()
    reply_excludes: tuple[str, ...] = ()
    reprompt_contains: tuple[str, ...] = ()
    card_contains: tuple[str, ...] = ()
    screen_contains: tuple[str, ...] = ()
    level: str | None = None
    session: str = "open"
    ended_by: str | None = None


@dataclass(frozen=True)
class ConversationSpec:
    path: Path
    title: str
    turns: tuple[TurnSpec, ...]
    screen: str | None = None  # a device with a screen, by its simulator name


class SpecError(ValueError):
    pass


def load_spec(path: Path) -> ConversationSpec:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    title = data.get("title")
    turns = data.get("turns")
    if not isinstance(title, str) or not isinstance(turns, list) or not turns:
        raise SpecError(f"{path.name}: needs a title and at least one [[turns]]")
    unknown = set(data) - {"title", "turns", "screen"}
    if unknown:
        raise SpecError(f"{path.name}: unknown keys {sorted(unknown)}")
    screen = data.get("screen")
    if screen is not None and screen not in DEVICES:
        raise SpecError(f"{path.name}: screen must be one of {sorted(DEVICES)}")
    specs = tuple(_turn(path, i, t, screen is not None) for i, t in enumerate(turns, 1))
    return ConversationSpec(path, title, specs, screen)


def _turn(path: Path, number: int, raw: dict[str, Any], has_screen: bool) -> TurnSpec:
    where = f"{path.name} turn {number}"
    unknown = set(raw) - _KNOWN
    if unknown:
        raise SpecError(f"{where}: unknown keys {sorted(unknown)}")
    if not has_screen and any(key in raw for key in _SCREEN_KEYS):
        raise SpecError(f"{where}: 'tap' and 'screen_contains' need a device with a screen (screen = \"show8\")")
    tap = raw.get("tap")
    if tap is not None:
        if "say" in raw:
            raise SpecError(f"{where}: a turn either says or taps, not both")
        if not isinstance(tap, int) or isinstance(tap, bool) or tap < 1:
            raise SpecError(f"{where}: 'tap' is the number of an answer on screen (1, 2, ...)")
        raw = {**raw, "say": f"tap {tap}"}
    if not isinstance(raw.get("say"), str):
        raise SpecError(f"{where}: 'say' or 'tap' is required")
    if raw.get("level") is not None and raw["level"] not in _LEVELS:
        raise SpecError(f"{where}: level must be one of {sorted(_LEVELS)}")
    if raw.get("session", "open") not in ("open", "ended"):
        raise SpecError(f"{where}: session must be 'open' or 'ended'")
    texts = {key: tuple(raw.get(key, ())) for key in _TEXT_LISTS}
    return TurnSpec(
        say=raw["say"],
        tap=tap,
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
    device = DEVICES[spec.screen] if spec.screen else None
    conversation = Conversation(model, handler, locale="en-US", clock=lambda: NOW, screen=device)
    turns = []
    for number, expected in enumerate(spec.turns, 1):
        turn = conversation.tap(expected.tap) if expected.tap is not None else conversation.say(expected.say)
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
    if expected.tap is not None:
        assert turn.tapped is not None and turn.exchanges, f"{where}: nothing was touched: {turn.notes}"
    for text in expected.screen_contains:
        shown = turn.screen.text if turn.screen else ""
        assert text.lower() in shown.lower(), f"{where}: the screen lacks {text!r}:\n{shown}"
    if expected.level is not None:
        level = turn.attributes.get(OUTCOME_KEY)
        assert level == expected.level, f"{where}: level {level}, expected {expected.level}{heard}"
    open_now = expected.session == "open"
    assert turn.session_open == open_now, f"{where}: session should be {expected.session}{heard}"
    if expected.ended_by is not None:
        assert turn.session_ended_by == expected.ended_by, f"{where}: ended by {turn.session_ended_by}"
