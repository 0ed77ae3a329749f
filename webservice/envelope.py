"""Turning a request body into the JSON object of an Alexa request envelope, saying exactly
what is wrong when it is not one. Reasons name fields and kinds, never values: a body can hold
health answers. Nothing here runs the ASK SDK's parser: what it would choke on, or spend
seconds on, is refused first (``intake.screened``); the SDK parses once, in ``handle_event``."""

import json
from typing import Any

from ask_sdk_model import Request

from muscle_twitch.skill import intake

# Every request type the pinned ask-sdk-model can read (LaunchRequest, IntentRequest, events...).
KNOWN_REQUEST_TYPES = frozenset(Request.discriminator_value_class_map)


class NotAnEnvelope(ValueError):
    """The body is no Alexa request envelope; the message says why, e.g. "missing 'request'"."""


def decode_text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise NotAnEnvelope("the body is not UTF-8 text") from None


def parse_event(text: str) -> dict[str, Any]:
    """The body as the JSON object Lambda would hand the skill."""
    if not text.strip():
        raise NotAnEnvelope("the body is empty")
    try:
        event = json.loads(text)
    except RecursionError:
        raise NotAnEnvelope("the body's JSON is nested too deeply") from None
    except ValueError as error:
        raise NotAnEnvelope(f"the body is not JSON ({_where(error)})") from None
    problem = shape_problem(event)
    if problem:
        raise NotAnEnvelope(problem)
    try:
        intake.screened(event)
    except intake.Unreadable as unreadable:
        raise NotAnEnvelope(str(unreadable)) from None
    return event


def shape_problem(event: object) -> str | None:
    """What keeps ``event`` from being an envelope's outline, or None."""
    if not isinstance(event, dict):
        return f"the body is a JSON {_kind(event)}, not an object"
    if "request" not in event:
        return "missing 'request'"
    request = event["request"]
    if not isinstance(request, dict):
        return f"'request' is a JSON {_kind(request)}, not an object"
    if "type" not in request:
        return "missing 'request.type'"
    if not isinstance(request["type"], str) or not request["type"]:
        return f"'request.type' is a JSON {_kind(request['type'])}, not a request type"
    if request["type"] not in KNOWN_REQUEST_TYPES:
        return "'request.type' is not a request type the ASK SDK knows"
    return None


def _kind(value: object) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


def _where(error: ValueError) -> str:
    position = getattr(error, "pos", None)
    return f"at character {position}" if isinstance(position, int) else type(error).__name__
