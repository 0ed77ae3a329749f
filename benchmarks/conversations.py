"""The conversations the benchmarks replay, as Alexa request envelopes.

A conversation is a list of turns; the warm probe threads session attributes from each response
into the next request, so only the request bodies live here.
"""

import itertools
import json
from pathlib import Path
from typing import Any

SKILL_ID = "amzn1.ask.skill.benchmark"
USER_ID = "amzn1.ask.account.BENCHMARK"
_request_ids = itertools.count(1)


def _envelope(request: dict[str, Any], *, new_session: bool) -> dict[str, Any]:
    system = {
        "application": {"applicationId": SKILL_ID},
        "user": {"userId": USER_ID},
        "device": {"deviceId": "amzn1.ask.device.BENCHMARK", "supportedInterfaces": {}},
        "apiEndpoint": "https://api.amazonalexa.com",
    }
    return {
        "version": "1.0",
        "session": {
            "new": new_session,
            "sessionId": "amzn1.echo-api.session.BENCHMARK",
            "application": {"applicationId": SKILL_ID},
            "user": {"userId": USER_ID},
            "attributes": {},
        },
        "context": {"System": system},
        "request": {
            "requestId": f"amzn1.echo-api.request.{next(_request_ids)}",
            "timestamp": "2026-01-01T00:00:00Z",
            "locale": "en-US",
            **request,
        },
    }


def launch() -> dict[str, Any]:
    return _envelope({"type": "LaunchRequest"}, new_session=True)


def intent(name: str, slots: dict[str, str] | None = None) -> dict[str, Any]:
    slot_objects = {
        slot: {"name": slot, "value": value, "confirmationStatus": "NONE"}
        for slot, value in (slots or {}).items()
    }
    request = {
        "type": "IntentRequest",
        "dialogState": "STARTED",
        "intent": {"name": name, "confirmationStatus": "NONE", "slots": slot_objects},
    }
    return _envelope(request, new_session=False)


def hello_world_conversation() -> list[dict[str, Any]]:
    return [launch(), intent("HelloWorldIntent")]


def write_conversation(turns: list[dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"turns": turns}))
    return path
