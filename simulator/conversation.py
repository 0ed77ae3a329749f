"""One person talking to the skill: typed lines in, what Alexa would say out.

It keeps the session exactly as Alexa does: a new session starts with a fresh id and no
attributes; each response's `sessionAttributes` become the next request's
`session.attributes`; the session ends when the skill says so (Alexa sends no
SessionEndedRequest then), when the person says "exit"/"quit" (SessionEndedRequest
USER_INITIATED), or when they stay silent after the reprompt (EXCEEDED_MAX_REPROMPTS).

When a response carries Dialog.ElicitSlot, the next line is heard as Alexa hears it with the
dialog model: a clear request of another intent goes there, anything else fills the elicited slot
(Matcher.match_elicited). A response without the directive ends the elicitation.

With a `Device` that has a screen, requests carry its APL interface and viewport, each
RenderDocument in a response becomes the `Screen` on display, and "tap N" touches its answer
number N: the UserEvent its SendEvent defines goes to the skill, in the session.
"""

import copy
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from simulator import apl, requests
from simulator.devices import Device
from simulator.matcher import IntentMatch, Matcher
from simulator.model import InteractionModel
from simulator.ssml import Speech, speech_text
from simulator.text import Words, words

Handler = Callable[[dict[str, Any], Any], Any]

_WAKE_WORD = "alexa"
_EXIT_WORDS = frozenset({("exit",), ("quit",), ("exit", "skill")})
_LAUNCH_VERBS: tuple[tuple[str, ...], ...] = tuple(
    tuple(verb.split())
    for verb in ("open", "start", "launch", "begin", "load", "run", "use", "play", "resume",
                 "talk to", "ask", "tell")
)  # fmt: skip
# "ask <invocation> to <rest>", "ask <invocation> if <rest>": the connecting word is not part of
# the utterance (Alexa's "Understand How Users Invoke Custom Skills").
_CONNECTING_WORDS = frozenset({"to", "about", "for", "that", "and", "if", "whether"})
_TRAILING_INVOCATION = frozenset({"using", "with", "from", "on"})
_TAP = re.compile(r"tap\s+(\d+)")
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
ELICIT_SLOT = "Dialog.ElicitSlot"
_APL_DIRECTIVES = "Alexa.Presentation.APL."


def invoked_request(said: Words, invocation: tuple[str, ...]) -> Words | None:
    """The rest of the line after "open/ask/tell <invocation>" (or before "using <invocation>"),
    or None if the line does not invoke the skill. An empty rest means a plain launch."""
    size = len(invocation)
    for verb in _LAUNCH_VERBS:
        start = len(verb)
        if said.keys[:start] == verb and said.keys[start : start + size] == invocation:
            rest = said.slice(start + size, len(said))
            if rest and rest.keys[0] in _CONNECTING_WORDS:
                rest = rest.slice(1, len(rest))
            return rest
    if said.keys[-size:] == invocation and len(said) > size + 1 and said.keys[-size - 1] in _TRAILING_INVOCATION:
        return said.slice(0, len(said) - size - 1)
    return None


def without_wake_word(said: Words) -> tuple[Words, bool]:
    """The line without a leading "Alexa", and whether it had one."""
    woke = said.keys[:1] == (_WAKE_WORD,)
    return (said.slice(1, len(said)) if woke else said), woke


@dataclass(frozen=True)
class Card:
    kind: str
    title: str
    text: str


@dataclass(frozen=True)
class Elicitation:
    """The slot a Dialog.ElicitSlot asks for: Alexa hears the next line as its answer."""

    intent: str
    slot: str


@dataclass(frozen=True)
class Exchange:
    """One request sent to the skill and what it answered (None for a SessionEndedRequest
    whose response is empty)."""

    request: dict[str, Any]
    response: dict[str, Any] | None


@dataclass
class Turn:
    """Everything that followed one typed line."""

    said: str
    exchanges: list[Exchange] = field(default_factory=list)
    speech: str = ""
    reprompt: str | None = None
    card: Card | None = None
    directives: list[str] = field(default_factory=list)  # directives the simulator does not act on
    listening_for: Elicitation | None = None  # the slot the response elicits
    intent: IntentMatch | None = None
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what Alexa would refuse
    reprompted: bool = False  # the person stayed silent and Alexa spoke the reprompt
    session_open: bool = False
    session_ended_by: str | None = None  # "skill", or a SessionEndedRequest reason
    attributes: dict[str, Any] = field(default_factory=dict)
    screen: apl.Screen | None = None  # what the screen shows after this turn (devices with one)
    screen_changed: bool = False  # a RenderDocument in this turn put it there
    tapped: apl.Touchable | None = None


class SkillCrashed(Exception):
    """The handler raised or returned something that is not a response."""


@dataclass
class _Session:
    session_id: str
    attributes: dict[str, Any] | None = None
    requests_sent: int = 0
    reprompt: str | None = None
    reprompted: bool = False
    eliciting: Elicitation | None = None  # from the last response; silence keeps it


class _LambdaContext:
    """The parts of the AWS Lambda context object that code commonly reads."""

    function_name = "muscle-twitch-guide-simulator"
    memory_limit_in_mb = 256

    def __init__(self) -> None:
        self.aws_request_id = str(uuid.uuid4())

    def get_remaining_time_in_millis(self) -> int:
        return 8000


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Conversation:
    def __init__(
        self,
        model: InteractionModel,
        handler: Handler,
        *,
        locale: str = "en-US",
        skill_id: str = requests.DEFAULT_SKILL_ID,
        clock: Callable[[], dt.datetime] = _now,
        user_id: str | None = None,
        screen: Device | None = None,
    ) -> None:
        self.model = model
        self.matcher = Matcher(model)
        self.handler = handler
        self.locale = locale
        self.identity = requests.Identity.fresh(skill_id, user_id)
        self.clock = clock
        self._invocation = words(model.invocation_name).keys
        self._session: _Session | None = None
        self.device = screen
        self.screen: apl.Screen | None = None  # the document on display, if any

    @property
    def session_open(self) -> bool:
        return self._session is not None

    def say(self, line: str) -> Turn:
        """One typed line; on a device with a screen, "tap N" touches answer N."""
        tap = _TAP.fullmatch(line.strip().lower()) if self.device is not None else None
        if tap:
            return self.tap(int(tap.group(1)))
        turn = Turn(said=line)
        self._say(turn, line)
        turn.screen = self.screen
        return turn

    def tap(self, number: int) -> Turn:
        """Touch what the screen numbers `number`: its SendEvents go to the skill as UserEvents."""
        turn = Turn(said=f"tap {number}")
        self._tap(turn, number)
        turn.screen = self.screen
        return turn

    def _say(self, turn: Turn, line: str) -> None:
        said, woke = without_wake_word(words(line))
        if not said:
            if self._session is None:
                self._launch(turn)
            elif woke:
                turn.notes.append("Alexa is listening; say something.")
                self._keep_state(turn)
            else:
                self._silence(turn)
            return
        if said.keys in _EXIT_WORDS:
            if self._session is None:
                turn.notes.append("No session is open.")
            else:
                self._end(turn, "USER_INITIATED")
            return
        invoked = invoked_request(said, self._invocation) if (self._session is None or woke) else None
        if invoked is not None:
            self._session = None
            if invoked.keys:
                self._one_shot(turn, invoked)
            else:
                self._launch(turn)
            return
        if self._session is None:
            turn.notes.append(f'No session was open: sent as "ask {self.model.invocation_name} {said.text()}".')
            self._one_shot(turn, said)
            return
        self._route(turn, said)

    def quit(self) -> Turn | None:
        """The person leaves (end of input, Ctrl-D): close an open session like "exit" does."""
        if self._session is None:
            return None
        turn = Turn(said="")
        self._end(turn, "USER_INITIATED")
        return turn

    def _tap(self, turn: Turn, number: int) -> None:
        screen = self.screen
        if screen is None:
            turn.notes.append("Nothing is on screen to tap.")
            self._keep_state(turn)
            return
        touchable = screen.touchable(number)
        if touchable is None:
            count = len(screen.touchables)
            turn.notes.append(
                f"Nothing numbered {number} on screen: choose 1 to {count}."
                if count
                else "Nothing on this screen can be touched."
            )
            self._keep_state(turn)
            return
        turn.tapped = touchable
        if not touchable.events:
            turn.notes.append(f"Touching [{number}] sends nothing to the skill.")
            self._keep_state(turn)
            return
        if self._session is None:  # a screen left up after the session ended starts a new one
            self._session = _Session(requests.new_id("session"))
        for arguments in touchable.events:
            self._send(turn, requests.user_event_request(screen.token, list(arguments), touchable.source()))
            if self._session is None:
                break

    # ---- what a line means ----------------------------------------------------------------------

    # ---- requests ------------------------------------------------------------------------------

    def _launch(self, turn: Turn) -> None:
        self._session = _Session(requests.new_id("session"))
        self.screen = None  # a new session starts from the device's home screen
        self._send(turn, requests.launch_request())

    def _one_shot(self, turn: Turn, said: Words) -> None:
        self._session = _Session(requests.new_id("session"))
        self.screen = None
        self._route(turn, said)
        if not turn.exchanges:  # nothing was sent, so no session began
            self._session = None
            turn.session_open = False

    def _route(self, turn: Turn, said: Words) -> None:
        today = self.clock().astimezone().date()
        eliciting = self._session.eliciting if self._session is not None else None
        if eliciting is not None:
            match = self.matcher.match_elicited(said.text(), today, intent=eliciting.intent, slot=eliciting.slot)
        else:
            match = self.matcher.match(said.text(), today)
        if match is None:
            turn.notes.append(
                "Nothing in the model matches, and it has no AMAZON.FallbackIntent: "
                "this line was not sent to the skill."
            )
            self._keep_state(turn)
            return
        turn.intent = match
        request = requests.intent_request(match, self.model.intent(match.intent), self.identity.skill_id)
        self._send(turn, request)

    def _silence(self, turn: Turn) -> None:
        session = self._session
        assert session is not None
        if session.reprompt and not session.reprompted:
            session.reprompted = True
            turn.reprompted = True
            turn.speech = session.reprompt
            self._keep_state(turn)
            return
        self._end(turn, "EXCEEDED_MAX_REPROMPTS")

    def _end(self, turn: Turn, reason: str) -> None:
        self._send(turn, requests.session_ended_request(reason))
        self._session = None
        self.screen = None  # the skill is closed: the device goes back to its home screen
        turn.session_open = False
        turn.session_ended_by = reason

    def _keep_state(self, turn: Turn) -> None:
        turn.session_open = self._session is not None
        if self._session is not None:
            turn.attributes = copy.deepcopy(self._session.attributes or {})

    def _send(self, turn: Turn, request: dict[str, Any]) -> None:
        session = self._session
        assert session is not None
        info = requests.SessionInfo(
            session.session_id,
            new=session.requests_sent == 0,
            attributes=None if session.requests_sent == 0 else (session.attributes or {}),
        )
        on_screen = None
        if self.device is not None and self.screen is not None:
            on_screen = {"token": self.screen.token, "version": self.screen.version}
        event = requests.envelope(self.identity, info, request, self.locale, self.clock(), self.device, on_screen)
        # Alexa sends JSON: the skill gets fresh objects, never ones the simulator keeps.
        event = json.loads(json.dumps(event))
        session.requests_sent += 1
        try:
            raw = self.handler(event, _LambdaContext())
        except Exception as error:
            raise SkillCrashed(f"the skill raised {type(error).__name__}: {error}") from error
        if request["type"] == "SessionEndedRequest":
            turn.exchanges.append(Exchange(event, _as_json(raw) if raw else None))
            return
        response = _as_json(raw)
        turn.exchanges.append(Exchange(event, response))
        self._read_response(turn, response)

    def _read_response(self, turn: Turn, response: dict[str, Any]) -> None:
        session = self._session
        assert session is not None
        body = response.get("response")
        if not isinstance(body, dict):
            raise SkillCrashed("the skill's answer has no 'response' object")
        speech = speech_text(body.get("outputSpeech"))
        reprompt_body = body.get("reprompt")
        reprompt = speech_text(reprompt_body.get("outputSpeech") if isinstance(reprompt_body, dict) else None)
        for label, spoken in (("speech", speech), ("reprompt", reprompt)):
            if spoken is not None and spoken.problem:
                turn.problems.append(f"{label}: {spoken.problem}")
        turn.speech = _text(speech)
        turn.reprompt = _text(reprompt) or None
        turn.card = _card(body.get("card"))
        self._read_directives(turn, body.get("directives") or [])
        attributes = response.get("sessionAttributes")
        session.attributes = copy.deepcopy(attributes) if isinstance(attributes, dict) else {}
        session.reprompt = turn.reprompt
        session.reprompted = False
        session.eliciting = turn.listening_for
        turn.attributes = copy.deepcopy(session.attributes)
        should_end = body.get("shouldEndSession")
        if should_end is False:
            turn.session_open = True
            return
        if should_end is None and self.device is not None:
            turn.notes.append(
                f"shouldEndSession is not set: on a device with a screen ({self.device.label}) the session "
                "stays open without listening, waiting for a touch."
            )
            turn.session_open = True
            return
        if should_end is None:
            turn.notes.append("shouldEndSession is not set: on a voice-only Echo the session ends.")
        self._session = None
        turn.session_open = False
        turn.session_ended_by = "skill"

    def _read_directives(self, turn: Turn, directives: Any) -> None:
        for directive in directives if isinstance(directives, list) else []:
            if not isinstance(directive, dict):
                continue
            kind = str(directive.get("type"))
            if self.device is None and kind.startswith(_APL_DIRECTIVES):
                turn.problems.append(f"{kind} sent to a device without a screen (it does not support APL)")
            if kind == RENDER_DOCUMENT and self.device is not None:
                self.screen = apl.inflate(directive, self.device)
                turn.screen_changed = True
                turn.notes.extend(f"screen: {problem}" for problem in self.screen.problems)
            elif kind == ELICIT_SLOT:
                self._read_elicitation(turn, directive)
            else:
                turn.directives.append(kind)

    def _read_elicitation(self, turn: Turn, directive: dict[str, Any]) -> None:
        updated = directive.get("updatedIntent")
        intent = str(updated.get("name")) if isinstance(updated, dict) else ""
        slot = str(directive.get("slotToElicit", ""))
        intent_def = self.model.intent(intent)
        if intent_def is None or intent_def.slot(slot) is None:
            turn.notes.append(
                f"{ELICIT_SLOT} asks for slot {slot!r} of intent {intent!r}, which the model does not define: "
                "the next line is matched as usual."
            )
            return
        turn.listening_for = Elicitation(intent, slot)


def _as_json(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise SkillCrashed(f"the skill returned {type(raw).__name__}, not a JSON object")
    try:
        return json.loads(json.dumps(raw))
    except (TypeError, ValueError) as error:
        raise SkillCrashed(f"the skill's answer is not JSON: {error}") from error


def _text(speech: Speech | None) -> str:
    return speech.text if speech is not None else ""


def _card(card: Any) -> Card | None:
    if not isinstance(card, dict):
        return None
    kind = str(card.get("type", ""))
    text = card.get("content") if kind == "Simple" else card.get("text")
    if kind == "AskForPermissionsConsent":
        text = "Asks for: " + ", ".join(map(str, card.get("permissions", [])))
    return Card(kind, str(card.get("title", "")), str(text or ""))
