"""Request JSON in, response JSON out: the one function every door calls.

Never raises for bad input: an envelope the SDK cannot read still gets a spoken answer, and
any session attributes it carried go back unchanged so the interview is not lost. What is cheap
comes first, on the raw JSON: the skill ID (an envelope for another skill is refused, readable
or not), then ``intake.screened`` (time fields, size, depth), and only then the SDK's parse.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope

from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.skill import intake
from muscle_twitch.skill.handlers.errors import APOLOGY, APOLOGY_REPROMPT
from muscle_twitch.skill.handlers.skill_events import SkillEventNotHandled
from muscle_twitch.skill.turn import INTERVIEW_KEY, clean_session_attributes

log = logging.getLogger(__name__)


class SkillIdMismatch(PermissionError):
    """A request for another skill: refused, never answered."""


class UnreadableEnvelope(ValueError):
    """Raised instead of answering with the apology, for a door that refuses such requests
    itself (the web door's 400); the message names the reason, never a value."""


# Our own session state is a few hundred bytes, three levels deep; anything far bigger or deeper
# did not come from us, and is dropped before the SDK deep-copies it.
MAX_ATTRIBUTE_DEPTH = 8
MAX_ATTRIBUTE_NODES = 600
MAX_ATTRIBUTE_TEXT = 12_000


def handle_event(
    skill: CustomSkill, event: Any, context: Any = None, *, refuse_unreadable: bool = False
) -> dict[str, Any]:
    """The response to ``event``. An envelope the SDK cannot read gets the apology, or with
    ``refuse_unreadable`` raises UnreadableEnvelope."""
    # Another skill's ID is refused before anything; an envelope naming none cannot be read as a
    # request at all and gets the apology below (the SDK's own check refuses a readable one).
    named = raw_application_id(event) if isinstance(event, dict) else None
    if skill.skill_id and named is not None and named != skill.skill_id:
        raise SkillIdMismatch("request is for another skill")
    event = bounded_session(event)
    envelope, problem = _parse(skill, event)
    if envelope is None:
        if refuse_unreadable:
            raise UnreadableEnvelope(problem)
        return apology_response(event)
    try:
        response = skill.invoke(request_envelope=envelope, context=context)
        return skill.serializer.serialize(response)
    except SkillEventNotHandled:
        raise  # the invocation must fail, so Alexa delivers the event again
    except Exception as exc:
        log.error("request could not be handled (%s)", type(exc).__name__)
        return apology_response(event)


def bounded_session(event: Any) -> Any:
    """The event with only this skill's session attribute, and only when it is of a size and
    depth our own state could have (checked without recursion). The caller's dict is not changed."""
    if not isinstance(event, dict) or not isinstance(event.get("session"), dict):
        return event
    session = event["session"]
    attributes = session.get("attributes")
    if attributes is None:
        return event
    kept: dict[str, Any] = {}
    if isinstance(attributes, dict) and INTERVIEW_KEY in attributes and _small(attributes[INTERVIEW_KEY]):
        kept[INTERVIEW_KEY] = attributes[INTERVIEW_KEY]
    return {**event, "session": {**session, "attributes": kept}}


def _small(value: Any) -> bool:
    nodes, text = 0, 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        nodes += 1
        if depth > MAX_ATTRIBUTE_DEPTH or nodes > MAX_ATTRIBUTE_NODES:
            return False
        if isinstance(item, dict):
            text += sum(len(k) for k in item if isinstance(k, str))
            pending.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            pending.extend((v, depth + 1) for v in item)
        elif isinstance(item, str):
            text += len(item)
        if text > MAX_ATTRIBUTE_TEXT:
            return False
    return True


def _parse(skill: CustomSkill, event: Any) -> tuple[RequestEnvelope | None, str]:
    """The SDK's envelope for ``event``, or None and why."""
    if not isinstance(event, dict) or not isinstance(event.get("request"), dict):
        return None, "no request object"
    try:
        screened = intake.screened(event)
    except intake.Unreadable as problem:
        log.warning("unreadable request envelope (%s)", problem)
        return None, str(problem)
    try:
        envelope = skill.serializer.deserialize(payload=json.dumps(screened), obj_type=RequestEnvelope)
    except Exception as error:
        log.warning("unreadable request envelope (%s)", type(error).__name__)
        return None, f"the ASK SDK cannot read it ({type(error).__name__})"
    if envelope is None or envelope.request is None:
        return None, "the ASK SDK read no request from it"
    return envelope, ""


def raw_application_id(event: dict[str, Any]) -> Any:
    """context.System.application.applicationId as sent (None when missing), before any parsing."""
    node: Any = event
    for name in ("context", "System", "application", "applicationId"):
        node = node.get(name) if isinstance(node, dict) else None
    return node


def application_id(envelope: RequestEnvelope) -> str | None:
    """The skill a request is addressed to (context.System.application), None when it names none."""
    try:
        return envelope.context.system.application.application_id
    except AttributeError:
        return None


def apology_response(event: Any) -> dict[str, Any]:
    """A valid Alexa response that asks the person to say it again, keeping the session."""
    body: dict[str, Any] = {
        "version": "1.0",
        "response": {
            "outputSpeech": {"type": "PlainText", "text": APOLOGY},
            "reprompt": {"outputSpeech": {"type": "PlainText", "text": APOLOGY_REPROMPT}},
            "shouldEndSession": False,
        },
    }
    try:
        session = bounded_session(event).get("session") if isinstance(event, dict) else None
        attributes = session.get("attributes") if isinstance(session, dict) else None
        if isinstance(attributes, dict):
            body["sessionAttributes"] = clean_session_attributes(attributes, load_knowledge())
    except Exception:  # the apology itself must never fail; the interview is then not kept
        log.warning("session attributes could not be kept in the apology")
    return body
