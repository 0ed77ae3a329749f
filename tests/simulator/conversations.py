"""Conversations written as data (conversations/*.toml), run through the simulator against the
real skill: the same interaction model and the same `lambda_handler` the Lambda runs.

A conversation is a specification: it checks what must hold (the level, that a red flag is asked
first, that an emergency ends the interview with the locale's number, that a miss is retried at
most `retries` times, the budgets), derived from the tables (questions.toml, knowledge.toml, the
prompt tables), and not the path or the wording that happened to be taken. A conversation that is
not about a question must not pin it, so adding a question or a locale breaks only the
conversations that are about it.

A file holds a `title` and `[[turns]]`, may name its `locale` (default "en-US"; that locale's
model is used), and may name a device with a screen to talk to the skill through, as
`make run ARGS=--screen=show8` does: `screen = "show8"` (any of simulator.devices.DEVICES).

Each turn is one of:
  say       the person's line ("" is silence)
  tap       on a screen, the number of the answer to touch, as printed
  until     the person answers whatever the skill asks until this holds: "result" (a result level
            is heard), a question id of questions.toml (that question is put), or "offer:<offer>".
            Each question gets its line from `answers` ({question id = "line"}), or else a plain
            answer: "no" to a yes/no question or to a list that may be empty, the plain place
            (tests/alexa.py PLAIN_AREA) to "where", the first touch answer otherwise; "no" to an
            offer. Every line in `answers` must be used (the skill must ask for it). When `until`
            holds already, nothing is said. The checks below apply to the last response.

and any of these expectations:

  intent            the intent the line must become ("AMAZON.HelpIntent", "WhyIntent"); not on
                    `until` turns
  slots             {slot = ["value", ...]}: values the simulator sent in those slots
  reply_contains    texts the spoken reply must contain (case-insensitive)
  reply_excludes    texts it must not contain
  says              prompt keys (data/language/<locale>/prompts.toml: "retry.first",
                    "ack.moved_on", "progress.last"): the reply says that prompt in the locale's
                    words, one of its variants, as said to the person themselves; a
                    {placeholder} stands for any words
  says_not          prompt keys the reply must not say
  emergency_number  true: the reply says the locale's emergency number (locales.toml)
  reprompt_contains texts the reprompt must contain
  card_contains     texts the Alexa app card must contain
  card_excludes     texts the card must not contain (the person's answers before their yes)
  screen_contains   texts the screen must show after this turn (case-insensitive; needs `screen`)
  asks              the question the skill puts (known by its reprompt): "areas", "offer:reminder"
  asks_part_of      a question id: the question put is one of its signs asked one at a time
                    (questions.toml `part_of`), e.g. "emergency" for the safety check's signs
  same_question     true: the question put is the one that was on the table before this turn
                    (asked again); false: another question, an offer or a result follows
  never_asks        question ids (or "offer:<offer>"): no response of this turn puts any of them
  answers_each_part_of  a question id: during this turn the person answered each of its signs
                    (questions.toml `part_of`), each put on its own
  questions_at_most a number, or "max_questions" (questions.toml): at most this many different
                    questions have been put since the session began
  level             the result level the person heard (known by its spoken next step)
  session           "open" (the default) or "ended"
  ended_by          "skill", "USER_INITIATED" or "EXCEEDED_MAX_REPROMPTS"

Every response, whatever the turn says, is also held to:
- the voice budgets (DOMAIN.md section 5, issue 12): the first welcome with its question at most
  40 words, at most 30 words before any question, a result with its offer at most 55 words, help
  at most 35 words ending with a question or example answers;
- no response Alexa would refuse;
- red flags first: the first question a session puts is the safety check (questions.toml's first);
- an emergency result ends the session, by the skill, with the locale's emergency number;
- Stop and Cancel end the session at any point;
- never loop: a question is said to be missed (retry.first, retry.second) at most its `retries`
  times in a row (questions.toml, default 2);
- a progress cue is kept: after "last question" no other question is put, after "two more
  questions" at most one other.
"""

import contextlib
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from muscle_twitch.core.knowledge import Knowledge, load_knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.locales import supported_locales
from muscle_twitch.speech.prompts import Prompts
from simulator.conversation import Conversation, Handler, Turn
from simulator.devices import DEVICES
from simulator.model import InteractionModel, load_model, model_path_for
from tests.alexa import level_of, offers, plain_words, question_of

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
    "says",
    "says_not",
    "never_asks",
)
_FLAGS = ("emergency_number", "same_question")
_QUESTION_KEYS = ("asks_part_of", "answers_each_part_of")
_KNOWN = {
    "say",
    "tap",
    "until",
    "answers",
    "intent",
    "slots",
    "asks",
    "level",
    "session",
    "ended_by",
    "questions_at_most",
    *_TEXT_LISTS,
    *_FLAGS,
    *_QUESTION_KEYS,
}
LOCALES = supported_locales()
# Voice budgets, in spoken words.
WELCOME_WORDS = 40
BEFORE_QUESTION_WORDS = 30
# An answer to a question of the person's own (answers.toml: at most 35 words) before the question
# or offer it returns to.
BEFORE_QUESTION_AFTER_AN_ANSWER = 40
RESULT_WORDS = 55
HELP_WORDS = 35
_SCREEN_KEYS = ("tap", "screen_contains")
_LEVELS = {level.value for level in Level}
RESULT = "result"
# Intents that end the session politely whatever is on the table.
EXIT_INTENTS = ("AMAZON.StopIntent", "AMAZON.CancelIntent")
# The prompts that say a line was missed, and the progress cues with how many questions may follow.
MISSED = ("retry.first", "retry.second")
PROGRESS = {"progress.last": 1, "progress.two": 2}


@dataclass(frozen=True)
class TurnSpec:
    say: str  # what the person says, "tap N" for a touch, "" for silence or an `until` turn
    tap: int | None = None
    until: str | None = None
    answers: dict[str, str] = field(default_factory=dict)
    intent: str | None = None
    slots: dict[str, list[str]] = field(default_factory=dict)
    reply_contains: tuple[str, ...] = ()
    reply_excludes: tuple[str, ...] = ()
    reprompt_contains: tuple[str, ...] = ()
    card_contains: tuple[str, ...] = ()
    card_excludes: tuple[str, ...] = ()
    screen_contains: tuple[str, ...] = ()
    says: tuple[str, ...] = ()
    says_not: tuple[str, ...] = ()
    never_asks: tuple[str, ...] = ()
    emergency_number: bool | None = None
    same_question: bool | None = None
    asks: str | None = None
    asks_part_of: str | None = None
    answers_each_part_of: str | None = None
    questions_at_most: int | None = None
    level: str | None = None
    session: str = "open"
    ended_by: str | None = None

    @property
    def label(self) -> str:
        return f"answering until {self.until}" if self.until is not None else repr(self.say)


@dataclass(frozen=True)
class ConversationSpec:
    path: Path
    title: str
    turns: tuple[TurnSpec, ...]
    screen: str | None = None  # a device with a screen, by its simulator name
    locale: str = "en-US"


class SpecError(ValueError):
    pass


@cache
def knowledge() -> Knowledge:
    return load_knowledge()


def question_ids() -> tuple[str, ...]:
    return tuple(q.id for q in knowledge().questions)


def tables() -> set[str]:
    """What can be on the table: every question, and every offer."""
    return {*question_ids(), *(f"offer:{offer}" for offer in offers())}


def parts_of(question: str) -> tuple[str, ...]:
    """The signs a question asks one at a time when the answer is not sure (its `part_of`s)."""
    return tuple(q.id for q in knowledge().questions if q.part_of == question)


@cache
def prompts(locale: str) -> Prompts:
    return Prompts(locale)


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
    specs = tuple(_turn(path, i, t, screen is not None, locale) for i, t in enumerate(turns, 1))
    return ConversationSpec(path, title, specs, screen, locale)


def _turn(path: Path, number: int, raw: dict[str, Any], has_screen: bool, locale: str) -> TurnSpec:
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
    until = _until(where, raw)
    if until is not None:
        raw = {**raw, "say": ""}
    elif "answers" in raw:
        raise SpecError(f"{where}: 'answers' needs 'until' (what the answers go on to)")
    if not isinstance(raw.get("say"), str):
        raise SpecError(f"{where}: 'say', 'tap' or 'until' is required")
    if raw.get("level") is not None and raw["level"] not in _LEVELS:
        raise SpecError(f"{where}: level must be one of {sorted(_LEVELS)}")
    if raw.get("session", "open") not in ("open", "ended"):
        raise SpecError(f"{where}: session must be 'open' or 'ended'")
    for key in _FLAGS:
        if key in raw and not isinstance(raw[key], bool):
            raise SpecError(f"{where}: {key} must be true or false")
    for key in ("asks", *_QUESTION_KEYS):
        _known_table(where, key, raw.get(key))
    for key in _QUESTION_KEYS:
        if key in raw and not parts_of(raw[key]):
            raise SpecError(f"{where}: {key}: no question is part_of {raw[key]!r}")
    for asked in raw.get("never_asks", ()):
        _known_table(where, "never_asks", asked)
    for key in ("says", "says_not"):
        for prompt in raw.get(key, ()):
            if not _is_prompt(locale, prompt):
                raise SpecError(f"{where}: {key}: {prompt!r} is no prompt (text or variants) of {locale}")
    texts = {key: tuple(raw.get(key, ())) for key in _TEXT_LISTS}
    return TurnSpec(
        say=raw["say"],
        tap=tap,
        until=until,
        answers=dict(raw.get("answers", {})),
        intent=raw.get("intent"),
        slots=dict(raw.get("slots", {})),
        emergency_number=raw.get("emergency_number"),
        same_question=raw.get("same_question"),
        asks=raw.get("asks"),
        asks_part_of=raw.get("asks_part_of"),
        answers_each_part_of=raw.get("answers_each_part_of"),
        questions_at_most=_at_most(where, raw.get("questions_at_most")),
        level=raw.get("level"),
        session=raw.get("session", "open"),
        ended_by=raw.get("ended_by"),
        **texts,
    )


def _until(where: str, raw: dict[str, Any]) -> str | None:
    until = raw.get("until")
    if until is None:
        return None
    if "say" in raw or "tap" in raw:
        raise SpecError(f"{where}: a turn says, taps or answers 'until', only one of them")
    if any(key in raw for key in ("intent", "slots")):
        raise SpecError(f"{where}: 'intent' and 'slots' belong to one line, not to 'until'")
    if until != RESULT:
        _known_table(where, "until", until)
    answers = raw.get("answers", {})
    if not isinstance(answers, dict) or not all(isinstance(line, str) for line in answers.values()):
        raise SpecError(f"{where}: 'answers' is a table of question id = \"line\"")
    for asked in answers:
        _known_table(where, "answers", asked)
    return str(until)


def _known_table(where: str, key: str, value: Any) -> None:
    if value is not None and value not in tables():
        raise SpecError(f"{where}: {key}: {value!r} is no question of questions.toml nor an offer")


def _at_most(where: str, value: Any) -> int | None:
    if value is None:
        return None
    if value == "max_questions":
        return knowledge().max_questions
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise SpecError(f'{where}: questions_at_most is a number or "max_questions"')
    return value


def _is_prompt(locale: str, key: str) -> bool:
    table = prompts(locale)
    if not table.has(key):
        return False
    entry = table.raw(key)
    return isinstance(entry, str) or (isinstance(entry, list) and all(isinstance(v, str) for v in entry))


def said_prompt(speech: str, key: str, locale: str) -> bool:
    """The speech says the prompt at `key` (one of its variants; placeholders match any words)."""
    table = prompts(locale)
    entry = table.raw(key)
    for variant in [entry] if isinstance(entry, str) else entry:
        parts = re.split(r"\{\w+\}", table.fill(variant))
        if re.search(".+?".join(re.escape(p) for p in parts), speech, re.IGNORECASE):
            return True
    return False


def emergency_number(locale: str) -> str:
    return prompts(locale).care["emergency"]


def all_specs() -> list[ConversationSpec]:
    return [load_spec(path) for path in sorted(FOLDER.glob("*.toml"))]


_MODELS: dict[str, InteractionModel] = {}


def model_for(locale: str) -> InteractionModel:
    if locale not in _MODELS:
        _MODELS[locale] = load_model(model_path_for(locale))
    return _MODELS[locale]


def run(spec: ConversationSpec, handler: Handler, model: InteractionModel | None = None) -> list[Turn]:
    """Plays the conversation and checks every expectation; returns every response, in order,
    for more checks (an `until` turn gives one per line said)."""
    return _player(spec, handler, model).play()


def heard(spec: ConversationSpec, handler: Handler) -> list[Turn]:
    """Every response the conversation got, up to the first expectation that failed, if any (that
    failure is the conversation's own test's to report)."""
    player = _player(spec, handler, None)
    with contextlib.suppress(AssertionError):
        player.play()
    return player.responses


def _player(spec: ConversationSpec, handler: Handler, model: InteractionModel | None) -> "_Player":
    device = DEVICES[spec.screen] if spec.screen else None
    model = model or model_for(spec.locale)
    conversation = Conversation(model, handler, locale=spec.locale, clock=lambda: NOW, screen=device)
    return _Player(spec, conversation)


class _Player:
    """Plays one conversation, keeping what the checks across turns need."""

    def __init__(self, spec: ConversationSpec, conversation: Conversation) -> None:
        self.spec = spec
        self.locale = spec.locale
        self.conversation = conversation
        self.responses: list[Turn] = []
        self.last: Turn | None = None
        self.table: str | None = None  # the question (or "offer:...") on the table, by its reprompt
        self.opened = False  # a session is open, so the next welcome is not the first
        self._new_session()

    def _new_session(self) -> None:
        self.put: list[str] = []  # the questions put in this session, in order, without repeats
        self._new_table()

    def _new_table(self) -> None:
        self.misses = 0  # times the question on the table was said to be missed, in a row
        self.promise: tuple[str, set[str]] | None = None  # a progress cue said, and the questions since

    def play(self) -> list[Turn]:
        for number, expected in enumerate(self.spec.turns, 1):
            where = f"{self.spec.path.name} turn {number} ({expected.label})"
            before = self.table
            if expected.until is not None:
                steps, answered = self._answer_until(where, expected)
            else:
                if expected.tap is not None:
                    turn = self.conversation.tap(expected.tap)
                else:
                    turn = self.conversation.say(expected.say)
                self._heard(where, turn)
                steps, answered = [turn], [before] if before else []
            final = self.last
            assert final is not None, f"{where}: nothing has been said yet"
            check_turn(where, expected, final, self.locale)
            self._check_across(where, expected, before, steps, answered)
        return self.responses

    # ---- the person answering until something holds ----------------------------------------------

    def _answer_until(self, where: str, expected: TurnSpec) -> tuple[list[Turn], list[str]]:
        steps: list[Turn] = []
        answered: list[str] = []
        used: set[str] = set()
        limit = 4 * len(question_ids())
        while not self._reached(expected.until):
            path = " -> ".join(answered) or "nothing"
            heard = f"\n  answered: {path}\n  Alexa said: {self.last.speech if self.last else ''!r}"
            assert self.conversation.session_open, f"{where}: the session ended first{heard}"
            assert self.table is not None, f"{where}: nothing is asked{heard}"
            assert len(steps) < limit, f"{where}: not reached after {limit} answers{heard}"
            table = self.table
            if table in expected.answers:
                line = expected.answers[table]
                used.add(table)
            else:
                line = "no" if table.startswith("offer:") else plain_words(table, self.locale)
            turn = self.conversation.say(line)
            self._heard(f"{where}, {line!r} to {table}", turn)
            steps.append(turn)
            answered.append(table)
        unused = sorted(set(expected.answers) - used)
        assert not unused, f"{where}: never asked {unused}; answered: {' -> '.join(answered) or 'nothing'}"
        return steps, answered

    def _reached(self, until: str | None) -> bool:
        if until == RESULT:
            return self.last is not None and level_of(self.last.speech, self.locale) is not None
        return self.table == until

    # ---- every response ---------------------------------------------------------------------------

    def _heard(self, where: str, turn: Turn) -> None:
        """Follows one response: what is on the table, and the checks every response is held to."""
        heard = f"\n  Alexa said: {turn.speech!r}"
        before = self.table
        if turn.exchanges and turn.exchanges[0].request.get("session", {}).get("new"):
            self._new_session()
        if not turn.session_open:
            self.table = None
        elif not turn.reprompted:  # after silence, the question stays; else the reprompt says it
            self.table = question_of(turn.reprompt or "", self.locale)
        assert turn.problems == [], f"{where}: Alexa would refuse the response: {turn.problems}"
        check_budget(where, turn, self.locale, opening=not self.opened)
        self.opened = turn.session_open
        intent = turn.intent.intent if turn.intent else None
        if intent == "AMAZON.StartOverIntent":
            self._new_session()
        level = level_of(turn.speech, self.locale)
        if level == Level.EMERGENCY.value:
            number = emergency_number(self.locale)
            assert not turn.session_open and turn.session_ended_by == "skill", (
                f"{where}: an emergency result leaves the session open{heard}"
            )
            assert number.lower() in turn.speech.lower(), f"{where}: an emergency without {number}{heard}"
        if intent in EXIT_INTENTS:
            assert not turn.session_open, f"{where}: {intent} did not end the session{heard}"
        self._check_misses(where, turn, before, heard)
        self._check_progress(where, turn, heard)
        question = self.table if self.table in question_ids() else None
        if question is not None and question not in self.put:
            first = question_ids()[0]
            assert self.put or question == first, f"{where}: the first question is {question}, not {first}{heard}"
            self.put.append(question)
        if not turn.session_open:
            self._new_table()
        self.last = turn
        self.responses.append(turn)

    def _check_misses(self, where: str, turn: Turn, before: str | None, heard: str) -> None:
        """Never loop: a question is said to be missed at most its `retries` times in a row."""
        if self.table != before:
            self.misses = 0
        if self.table in question_ids() and any(said_prompt(turn.speech, key, self.locale) for key in MISSED):
            self.misses += 1
            retries = knowledge().question(self.table).retries
            assert self.misses <= retries, (
                f"{where}: {self.table} missed {self.misses} times (retries {retries}){heard}"
            )

    def _check_progress(self, where: str, turn: Turn, heard: str) -> None:
        """A progress cue is kept: no more questions come than it said."""
        for key in PROGRESS:
            if said_prompt(turn.speech, key, self.locale):
                self.promise = (key, set())
        if self.promise is not None and self.table in question_ids():
            key, came = self.promise
            came.add(str(self.table))
            assert len(came) <= PROGRESS[key], f"{where}: {key} was said, then {sorted(came)} were asked{heard}"

    # ---- checks across the responses of one turn --------------------------------------------------

    def _check_across(
        self, where: str, expected: TurnSpec, before: str | None, steps: list[Turn], answered: list[str]
    ) -> None:
        heard = f"\n  Alexa said: {self.last.speech if self.last else ''!r}"
        if expected.same_question is not None:
            same = before is not None and self.table == before
            assert same == expected.same_question, (
                f"{where}: {before} was on the table, now {self.table} (same_question = "
                f"{str(expected.same_question).lower()}){heard}"
            )
        if expected.asks_part_of is not None:
            signs = parts_of(expected.asks_part_of)
            assert self.table in signs, f"{where}: asks {self.table}, not one of the signs {signs}{heard}"
        put = [question_of(s.reprompt or "", self.locale) for s in steps if s.session_open and not s.reprompted]
        for question in expected.never_asks:
            assert question not in put, f"{where}: {question} was asked; asked: {put}{heard}"
        if expected.answers_each_part_of is not None:
            signs = parts_of(expected.answers_each_part_of)
            missing = [s for s in signs if answered.count(s) != 1]
            assert not missing, f"{where}: not each answered once: {missing}; answered: {answered}{heard}"
        if expected.questions_at_most is not None:
            count = len(self.put)
            assert count <= expected.questions_at_most, (
                f"{where}: {count} questions put, more than {expected.questions_at_most}: {self.put}{heard}"
            )


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
        limit = BEFORE_QUESTION_AFTER_AN_ANSWER if answers_a_question(turn.speech, locale) else BEFORE_QUESTION_WORDS
        assert before <= limit, f"{where}: {before} words before the question{heard}"


@cache
def _answer_patterns(locale: str) -> tuple[re.Pattern[str], ...]:
    """Every spoken answer to a person's own question, its placeholders matching any words."""
    table = prompts(locale)
    found = []
    for variants in table.raw("answers").values():
        for entry in variants.values() if isinstance(variants, dict) else []:
            spoken = entry.get("spoken") if isinstance(entry, dict) else None
            if isinstance(spoken, str):
                parts = re.split(r"\{\w+\}", spoken)  # "your" or "their", and the care words: any words
                found.append(re.compile(".+?".join(re.escape(p) for p in parts), re.IGNORECASE))
    return tuple(found)


def answers_a_question(speech: str, locale: str) -> bool:
    """The reply answers a question of the person's own ("is it serious?")."""
    return any(pattern.search(speech) for pattern in _answer_patterns(locale))


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
    for key in expected.says:
        assert said_prompt(turn.speech, key, locale), f"{where}: reply does not say {key}{heard}"
    for key in expected.says_not:
        assert not said_prompt(turn.speech, key, locale), f"{where}: reply says {key}{heard}"
    if expected.emergency_number is not None:
        number = emergency_number(locale)
        said = number.lower() in turn.speech.lower()
        assert said == expected.emergency_number, f"{where}: the emergency number {number} said: {said}{heard}"
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
