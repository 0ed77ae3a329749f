"""Conversations written as data (conversations/*.toml), run through the simulator against the
real skill: the same interaction model and the same `lambda_handler` the Lambda runs.

A file holds a `title` and `[[turns]]`, may name its `locale` (default "en-US"; that locale's
model is used), and may name a device with a screen to talk to the skill through, as
`make run ARGS=--screen=show8` does: `screen = "show8"` (any of simulator.devices.DEVICES).
Each turn has either `say` (the person's line; "" is silence) or, on a screen, `tap` (the
number of the answer to touch, as printed) and any of these expectations:

  intent            the intent the line must become ("AMAZON.HelpIntent", "BodyAreaIntent")
  slots             {slot = ["value", ...]}: values the simulator sent in those slots
  reply_contains    texts the spoken reply must contain (case-insensitive)
  reply_excludes    texts it must not contain
  reprompt_contains texts the reprompt must contain
  card_contains     texts the Alexa app card must contain
  card_excludes     texts the card must not contain (the person's answers before their yes)
  screen_contains   texts the screen must show after this turn (case-insensitive; needs `screen`)
  asks              the question the skill puts (known by its reprompt): "areas", "offer:reminder"
  level             the result level the person heard (known by its spoken next step)
  session           "open" (the default) or "ended"
  ended_by          "skill", "USER_INITIATED" or "EXCEEDED_MAX_REPROMPTS"

Every turn is also held to the voice budgets (DOMAIN.md section 5, issue 12): the first welcome
with its question at most 40 words, at most 30 words before any question, a result with its
offer at most 55 words, help at most 35 words ending with a question or example answers.
"""

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from muscle_twitch.core.levels import Level
from muscle_twitch.locales import supported_locales
from simulator.conversation import Conversation, Handler, Turn
from simulator.devices import DEVICES
from simulator.model import InteractionModel, load_model, model_path_for
from tests.alexa import level_of, question_of

FOLDER = Path(__file__).parent / "conversations"
# A fixed moment, so anything date-dependent is reproducible.
NOW = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)

_TEXT_LISTS = (
    "reply_contains",
    "reply_excludes",
    "reprompt_contains",
    "card_contains",
    "card_excludes",
    "screen_contains",
)
_KNOWN = {"say", "tap", "intent", "slots", "asks", "level", "session", "ended_by", *_TEXT_LISTS}
LOCALES = supported_locales()
# Voice budgets, in spoken words.
WELCOME_WORDS = 40
BEFORE_QUESTION_WORDS = 30
RESULT_WORDS = 55
HELP_WORDS = 35
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
    card_excludes: tuple[str, ...] = ()
    screen_contains: tuple[str, ...] = ()
    asks: str | None = None
    level: str | None = None
    session: str = "open"
    ended_by: str | None = None


@dataclass(frozen=True)
class ConversationSpec:
    path: Path
    title: str
    turns: tuple[TurnSpec, ...]
    screen: str | None = None  # a device with a screen, by its simulator name
    locale: str = "en-US"


class SpecError(ValueError):
    pass


def load_spec(path: Path) -> ConversationSpec:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    title = data.get("title")
    turns = data.get("turns")
    if not isinstance(title, str) or not isinstance(turns, list) or not turns:
        raise SpecError(f"{path.name}: needs a title and at least one [[turns]]")
    unknown = set(data) - {"title", "turns", "screen", "locale"}
    if unknown:
        raise SpecError(f"{path.name}: unknown keys {sorted(unknown)}")
    screen = data.get("screen")
    if screen is not None and screen not in DEVICES:
        raise SpecError(f"{path.name}: screen must be one of {sorted(DEVICES)}")
    locale = data.get("locale", "en-US")
    if locale not in LOCALES:
        raise SpecError(f"{path.name}: locale must be one of {LOCALES}")
    specs = tuple(_turn(path, i, t, screen is not None) for i, t in enumerate(turns, 1))
    return ConversationSpec(path, title, specs, screen, locale)


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
        asks=raw.get("asks"),
        level=raw.get("level"),
        session=raw.get("session", "open"),
        ended_by=raw.get("ended_by"),
        **texts,
    )


def all_specs() -> list[ConversationSpec]:
    return [load_spec(path) for path in sorted(FOLDER.glob("*.toml"))]


_MODELS: dict[str, InteractionModel] = {}


def model_for(locale: str) -> InteractionModel:
    if locale not in _MODELS:
        _MODELS[locale] = load_model(model_path_for(locale))
    return _MODELS[locale]


def run(spec: ConversationSpec, handler: Handler, model: InteractionModel | None = None) -> list[Turn]:
    """Plays the conversation and checks every expectation; returns the turns for more checks."""
    device = DEVICES[spec.screen] if spec.screen else None
    model = model or model_for(spec.locale)
    conversation = Conversation(model, handler, locale=spec.locale, clock=lambda: NOW, screen=device)
    turns = []
    opened = False
    for number, expected in enumerate(spec.turns, 1):
        turn = conversation.tap(expected.tap) if expected.tap is not None else conversation.say(expected.say)
        where = f"{spec.path.name} turn {number} ({expected.say!r})"
        check_turn(where, expected, turn, spec.locale)
        check_budget(where, turn, spec.locale, opening=not opened)
        opened = opened or turn.session_open
        if not turn.session_open:
            opened = False
        turns.append(turn)
    return turns


def words_before_question(speech: str) -> int:
    """Spoken words before the sentence that asks the question (the last one ending in "?")."""
    sentences = re.split(r"(?<=[.?!])\s+", speech.strip())
    asking = max((i for i, s in enumerate(sentences) if s.endswith("?")), default=len(sentences))
    return sum(len(s.split()) for s in sentences[:asking])


def check_budget(where: str, turn: Turn, locale: str, *, opening: bool) -> None:
    """About two breaths: the budgets of the module docstring, on every turn."""
    heard = f"\n  Alexa said ({len(turn.speech.split())} words): {turn.speech!r}"
    words = len(turn.speech.split())
    intent = turn.intent.intent if turn.intent else None
    if level_of(turn.speech, locale):
        assert words <= RESULT_WORDS, f"{where}: a result over {RESULT_WORDS} words{heard}"
    elif opening and turn.session_open and intent in (None, "AMAZON.FallbackIntent") and words:
        assert words <= WELCOME_WORDS, f"{where}: a welcome over {WELCOME_WORDS} words{heard}"
    elif intent == "AMAZON.HelpIntent" and not opening:
        assert words <= HELP_WORDS, f"{where}: help over {HELP_WORDS} words{heard}"
    elif turn.session_open and turn.reprompt and not opening:
        before = words_before_question(turn.speech)
        assert before <= BEFORE_QUESTION_WORDS, f"{where}: {before} words before the question{heard}"


def check_turn(where: str, expected: TurnSpec, turn: Turn, locale: str = "en-US") -> None:
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
    for text in expected.card_excludes:
        card = turn.card.text.lower() if turn.card else ""
        assert text.lower() not in card, f"{where}: card has {text!r}: {card!r}"
    if expected.tap is not None:
        assert turn.tapped is not None and turn.exchanges, f"{where}: nothing was touched: {turn.notes}"
    for text in expected.screen_contains:
        shown = turn.screen.text if turn.screen else ""
        assert text.lower() in shown.lower(), f"{where}: the screen lacks {text!r}:\n{shown}"
    if expected.asks is not None:
        asked = question_of(turn.reprompt or "", locale)
        assert asked == expected.asks, f"{where}: asks {asked}, expected {expected.asks}{heard}"
    if expected.level is not None:
        level = level_of(turn.speech, locale)
        assert level == expected.level, f"{where}: level {level}, expected {expected.level}{heard}"
    open_now = expected.session == "open"
    assert turn.session_open == open_now, f"{where}: session should be {expected.session}{heard}"
    if expected.ended_by is not None:
        assert turn.session_ended_by == expected.ended_by, f"{where}: ended by {turn.session_ended_by}"
