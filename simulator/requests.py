"""The request envelopes Alexa sends a custom skill (LaunchRequest, IntentRequest,
SessionEndedRequest, and from a screen Alexa.Presentation.APL.UserEvent), built as plain
JSON-ready dicts.

The device is a voice-only Echo (no display, no audio player interface) unless a `Device` with
a screen is given: then the envelope lists the APL interface and carries the viewport, and,
while a document is on screen, its token.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from simulator.devices import Device
from simulator.matcher import CapturedSlot, CapturedValue, IntentMatch
from simulator.model import IntentDef

DEFAULT_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
# The person at this keyboard: the same user on every run, as an Alexa account is.
LOCAL_USER_ID = "amzn1.ask.account.SIMULATOR-LOCAL-USER"
_API_ENDPOINT = "https://api.amazonalexa.com"


def new_id(kind: str) -> str:
    return f"amzn1.echo-api.{kind}.{uuid.uuid4()}"


@dataclass(frozen=True)
class Identity:
    """Who is talking and to which skill: the same for every request of a run."""

    skill_id: str
    user_id: str
    device_id: str

    @classmethod
    def fresh(cls, skill_id: str, user_id: str | None = None) -> "Identity":
        """A new device; a new user too unless `user_id` names a returning one."""
        return cls(
            skill_id=skill_id,
            user_id=user_id or f"amzn1.ask.account.SIMULATOR{uuid.uuid4().hex.upper()}",
            device_id=f"amzn1.ask.device.SIMULATOR{uuid.uuid4().hex.upper()}",
        )


@dataclass(frozen=True)
class SessionInfo:
    session_id: str
    new: bool
    attributes: dict[str, Any] | None  # None on a new session: Alexa sends no attributes then


def envelope(
    identity: Identity,
    session: SessionInfo,
    request: dict[str, Any],
    locale: str,
    now: dt.datetime,
    device: Device | None = None,
    on_screen: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """`on_screen` is the APL visual context ({"token", "version"}) of the document shown."""
    application = {"applicationId": identity.skill_id}
    user = {"userId": identity.user_id}
    session_json: dict[str, Any] = {
        "new": session.new,
        "sessionId": session.session_id,
        "application": application,
        "user": user,
    }
    if session.attributes is not None:
        session_json["attributes"] = session.attributes
    context: dict[str, Any] = {
        "System": {
            "application": application,
            "user": user,
            "device": {
                "deviceId": identity.device_id,
                "supportedInterfaces": device.supported_interfaces if device else {},
            },
            "apiEndpoint": _API_ENDPOINT,
            "apiAccessToken": "simulator-access-token",
        }
    }
    if device is not None:
        if on_screen is not None:
            context["Alexa.Presentation.APL"] = on_screen
        context["Viewport"] = device.viewport()
        context["Viewports"] = device.viewports()
    return {
        "version": "1.0",
        "session": session_json,
        "context": context,
        "request": {
            **request,
            "requestId": new_id("request"),
            "timestamp": now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "locale": locale,
        },
    }


def launch_request() -> dict[str, Any]:
    return {"type": "LaunchRequest"}


def session_ended_request(reason: str) -> dict[str, Any]:
    return {"type": "SessionEndedRequest", "reason": reason}


def user_event_request(token: str, arguments: list[Any], source: dict[str, Any]) -> dict[str, Any]:
    """What a touch sends: the document's token, the SendEvent's arguments and what was touched."""
    return {"type": "Alexa.Presentation.APL.UserEvent", "token": token, "arguments": arguments, "source": source}


def intent_request(match: IntentMatch, intent: IntentDef | None, skill_id: str) -> dict[str, Any]:
    """Every slot the intent defines is present; unfilled ones carry no value, as on Alexa."""
    captured = {slot.name: slot for slot in match.slots}
    slots: dict[str, Any] = {}
    for slot_def in intent.slots if intent else ():
        filled = captured.get(slot_def.name)
        if filled is None:
            slots[slot_def.name] = {"name": slot_def.name, "confirmationStatus": "NONE"}
        else:
            slots[slot_def.name] = _slot_json(filled, slot_def.type, skill_id)
    intent_json: dict[str, Any] = {"name": match.intent, "confirmationStatus": "NONE"}
    if slots:
        intent_json["slots"] = slots
    return {"type": "IntentRequest", "intent": intent_json}


def _slot_json(slot: CapturedSlot, type_name: str, skill_id: str) -> dict[str, Any]:
    result: dict[str, Any] = {"name": slot.name, "confirmationStatus": "NONE", "source": "USER"}
    simple = [_simple_value(value, type_name, skill_id) for value in slot.values]
    if slot.multiple:
        # Multi-value slots carry their values only in slotValue, as a List.
        result["slotValue"] = {"type": "List", "values": simple}
        return result
    only = simple[0]
    result["value"] = only["value"]
    if "resolutions" in only:
        result["resolutions"] = only["resolutions"]
    result["slotValue"] = only
    return result


def _simple_value(value: CapturedValue, type_name: str, skill_id: str) -> dict[str, Any]:
    simple: dict[str, Any] = {"type": "Simple", "value": value.value}
    if value.matches is None:
        return simple
    authority = {
        "authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{type_name}",
        "status": {"code": "ER_SUCCESS_MATCH" if value.matches else "ER_SUCCESS_NO_MATCH"},
    }
    if value.matches:
        authority["values"] = [{"value": {"name": match.name, "id": match.id}} for match in value.matches]
    simple["resolutions"] = {"resolutionsPerAuthority": [authority]}
    return simple
