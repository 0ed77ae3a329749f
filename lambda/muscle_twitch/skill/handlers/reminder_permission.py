"""The reminders permission: asking for it by voice, and handling Alexa's answer.

After a yes to the reminder offer without the permission, the skill says one sentence and sends
Alexa's AskFor request (`ask_for_permission`); Alexa then asks its own consent question and sends
the answer as a Connections.Response named AskFor, possibly in a new session. That answer is
handled here on its own: it needs no interview state and never starts an interview.

- ACCEPTED: the reminder is created at once (its days come back in the token) and confirmed.
- DENIED: no reminder, and how to allow reminders in the Alexa app later.
- NOT_ANSWERED (Alexa has already asked twice): no reminder, politely.
- Voice permission not available (a non-200 status, or an answer this code does not know): the
  permissions consent card goes to the Alexa app, and the speech says what to do there.

Every one of these answers ends the session. The wording is data (PermissionWording) from the
prompt tables' [reminders] section, the only copy of it (skill/check_ins.py reads it per locale).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from muscle_twitch.skill.ssml import ssml_text

if TYPE_CHECKING:
    import requests

    from muscle_twitch.skill.reminders import ReminderResult, ReminderText

# muscle_twitch.skill.reminders (and requests, which it loads) is imported only when a reminder
# is asked for or answered: the builder imports this module at every cold start.

SKILL_NAME = "Muscle Twitch Guide"


def default_wording() -> PermissionWording:
    """The shared English wording of this flow, from the prompt table (language/en/prompts.toml,
    [reminders]): its one copy, for callers that pass no locale's wording."""
    from muscle_twitch.skill.check_ins import wording_for

    return wording_for(None)[0]


def check_in_text() -> ReminderText:
    """The reminder's own text in shared English: the skill's name and the check-in, nothing about
    the person (language/en/prompts.toml, [reminders] spoken and written)."""
    from muscle_twitch.skill.check_ins import wording_for

    return wording_for(None)[1]


class PermissionWording(NamedTuple):
    """Everything this flow says; "{days}" is replaced by the number of days."""

    asking: str  # said just before Alexa asks its own consent question
    created: str
    denied: str
    not_answered: str
    needs_app: str  # with the consent card, where voice permission is not available
    unavailable: str
    failed: str

    @classmethod
    def from_mapping(cls, wording: Mapping[str, str]) -> PermissionWording:
        """From a prompt table section; a missing or empty entry is an error, not a silence."""
        missing = [name for name in cls._fields if not isinstance(wording.get(name), str) or not wording[name]]
        if missing:
            raise ValueError(f"reminder wording is missing {', '.join(missing)}")
        return cls(**{name: wording[name] for name in cls._fields})


class PermissionAnswer(StrEnum):
    ACCEPTED = "ACCEPTED"
    DENIED = "DENIED"
    NOT_ANSWERED = "NOT_ANSWERED"
    VOICE_UNAVAILABLE = "VOICE_UNAVAILABLE"  # AskFor failed or is not supported here


def permission_answer(request: Any) -> PermissionAnswer:
    """Reads a Connections.Response to AskFor. Alexa documents the status both beside and inside
    `permissionScopes`, so both are read; anything unrecognised counts as voice unavailable."""
    from muscle_twitch.skill.reminders import REMINDERS_SCOPE

    code = getattr(getattr(request, "status", None), "code", None)
    if code is not None and str(code) != "200":
        return PermissionAnswer.VOICE_UNAVAILABLE
    payload = getattr(request, "payload", None)
    if not isinstance(payload, dict):
        return PermissionAnswer.VOICE_UNAVAILABLE
    statuses = [payload.get("status")]
    scopes = payload.get("permissionScopes")
    if isinstance(scopes, list):
        statuses += [
            s.get("status")
            for s in scopes
            if isinstance(s, dict) and s.get("permissionScope", REMINDERS_SCOPE) == REMINDERS_SCOPE
        ]
    known = {a.value for a in PermissionAnswer} - {PermissionAnswer.VOICE_UNAVAILABLE.value}
    answers = {s for s in statuses if isinstance(s, str) and s in known}
    if len(answers) != 1:  # none, or contradicting each other
        return PermissionAnswer.VOICE_UNAVAILABLE
    return PermissionAnswer(answers.pop())


class Statement(NamedTuple):
    """A closing reply: what to say, and whether the consent card goes with it."""

    speech: str
    consent_card: bool = False


def statement_for_result(result: ReminderResult, days: int, wording: PermissionWording | None = None) -> Statement:
    """What to say once schedule_check_in has answered (NEEDS_PERMISSION here means the voice
    route is spent: the card is the way left)."""
    from muscle_twitch.skill.reminders import ReminderResult

    wording = wording or default_wording()
    if result is ReminderResult.CREATED:
        return Statement(wording.created.replace("{days}", str(days)))
    if result is ReminderResult.NEEDS_PERMISSION:
        return Statement(wording.needs_app, consent_card=True)
    if result is ReminderResult.UNAVAILABLE:
        return Statement(wording.unavailable)
    return Statement(wording.failed)


def _forget_the_conversation(handler_input: HandlerInput) -> None:
    """The session ends here: whatever it held goes no further, not even back to Alexa."""
    with contextlib.suppress(Exception):  # a request without a session has nothing to forget
        handler_input.attributes_manager.session_attributes = {}


def respond(handler_input: HandlerInput, statement: Statement) -> Response:
    """Speaks and ends the session: no reprompt, so nothing is left waiting for an answer."""
    from muscle_twitch.skill.reminders import consent_card

    _forget_the_conversation(handler_input)
    builder = handler_input.response_builder
    builder.speak(ssml_text(statement.speech))
    if statement.consent_card:
        builder.set_card(consent_card())
    builder.set_should_end_session(True)
    return builder.response


def ask_for_permission(handler_input: HandlerInput, *, days: int, wording: PermissionWording | None = None) -> Response:
    """The reply to a yes without the permission: one sentence, then Alexa's own consent question.
    No reprompt and shouldEndSession true: Alexa runs the consent dialog itself and sends the
    answer as a new request, so the skill must not hold the microphone open for one."""
    from muscle_twitch.skill.reminders import permission_request_directive

    _forget_the_conversation(handler_input)  # the answer is handled on its own, in any session
    builder = handler_input.response_builder
    builder.speak(ssml_text((wording or default_wording()).asking))
    builder.add_directive(permission_request_directive(days))
    builder.set_should_end_session(True)
    return builder.response


class ReminderPermissionHandler(AbstractRequestHandler):
    """Connections.Response to AskFor: Alexa's answer to the reminders permission question."""

    def __init__(
        self,
        *,
        wording: PermissionWording | None = None,
        text: ReminderText | None = None,  # default: check_in_text()
        skill_name: str = SKILL_NAME,
        forbidden_phrases: Iterable[str] = (),
        http: requests.Session | None = None,
        localised: Callable[[HandlerInput], tuple[PermissionWording, ReminderText]] | None = None,
    ) -> None:
        # `localised`: the wording and reminder text in the request's locale (the skill's prompt
        # tables); without it, `wording` and `text` serve every request.
        self.localised = localised
        self.wording = wording
        self.text = text
        self.skill_name = skill_name
        self.forbidden_phrases = tuple(forbidden_phrases)
        self.http = http

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request = handler_input.request_envelope.request
        is_response = getattr(request, "object_type", None) == "Connections.Response"
        return is_response and getattr(request, "name", None) == "AskFor"

    def handle(self, handler_input: HandlerInput) -> Response:
        from muscle_twitch.skill.reminders import DEFAULT_CHECK_IN_DAYS, days_from_token, schedule_check_in

        request = handler_input.request_envelope.request
        if self.localised:
            wording, text = self.localised(handler_input)
        else:
            wording, text = self.wording or default_wording(), self.text or check_in_text()
        answer = permission_answer(request)
        if answer is PermissionAnswer.DENIED:
            return respond(handler_input, Statement(wording.denied))
        if answer is PermissionAnswer.NOT_ANSWERED:
            return respond(handler_input, Statement(wording.not_answered))
        if answer is PermissionAnswer.VOICE_UNAVAILABLE:
            return respond(handler_input, Statement(wording.needs_app, consent_card=True))
        days = days_from_token(getattr(request, "token", None)) or DEFAULT_CHECK_IN_DAYS
        result = schedule_check_in(
            handler_input,
            days=days,
            skill_name=self.skill_name,
            text=text,
            forbidden_phrases=self.forbidden_phrases,
            http=self.http,
        )
        return respond(handler_input, statement_for_result(result, days, wording))
