"""What an event must be before the ASK SDK parses it: checks that cost microseconds, on the
raw JSON, so that no request can make the SDK spend seconds.

The SDK parses every time field with dateutil, which slows down quadratically with the string
(a 130 KB ``request.timestamp`` of ``9.9.9...`` took seconds to refuse), and builds an object
per JSON node (a body of empty resolution values cost 0.6 s). So, without recursion and before
the SDK sees anything: a time field is a short ISO 8601 string or the event is refused; the
envelope is refused when it is deeper or has more nodes than any Alexa sends; and every string
and list is cut to a length no Alexa request comes near. Reasons name fields, never values.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

# The JSON names of every datetime field in ask-sdk-model (tests/robustness checks the list
# against the installed SDK); the SDK hands each of them to dateutil.
TIME_FIELDS = frozenset(
    {
        "createdTime",
        "creationTimestamp",
        "endDateTime",
        "eventCreationTime",
        "eventPublishingTime",
        "expirationTimestamp",
        "expiryTime",
        "lastModifiedTime",
        "lastUpdateTimestamp",
        "requestTime",
        "scheduledTime",
        "startDateTime",
        "timestamp",
        "triggerTime",
        "updatedTime",
    }
)
# What Alexa sends ("2026-11-26T12:00:00Z"), with fractions and offsets allowed.
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)", re.ASCII)
MAX_TIME_CHARS = 40
# A real envelope (an Echo Show's APL context included) has a few hundred nodes, a few levels
# deep, lists of a handful of items and strings of at most a few kilobytes (the API token).
MAX_NODES = 5_000
MAX_DEPTH = 40
MAX_ITEMS = 64
MAX_TEXT_CHARS = 8_192
MAX_KEY_CHARS = 256


class Unreadable(ValueError):
    """The event is refused before the SDK; the message names the field or the limit."""


def screened(event: dict[str, Any]) -> dict[str, Any]:
    """A bounded copy of ``event`` (strings and lists cut), or Unreadable. The caller's event is
    not changed. Session attributes are bounded before this (entry.bounded_session)."""
    request = event.get("request")
    stamp = request.get("timestamp") if isinstance(request, dict) else None
    if stamp is not None and not (isinstance(stamp, str) and _is_time(stamp)):
        raise Unreadable("'request.timestamp' is not a short ISO 8601 time")
    copy: dict[str, Any] = {}
    nodes = 0
    # (source container, target container, depth); keys are visited in order.
    pending: list[tuple[Any, Any, int]] = [(event, copy, 1)]
    while pending:
        source, target, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise Unreadable(f"the envelope is nested more than {MAX_DEPTH} levels deep")
        if isinstance(source, dict):
            items = [(k, v) for k, v in islice(source.items(), MAX_ITEMS) if _short_key(k)]
        else:
            items = list(enumerate(source[:MAX_ITEMS]))
        nodes += len(items)
        if nodes > MAX_NODES:
            raise Unreadable(f"the envelope has more than {MAX_NODES} values")
        for key, value in items:
            if key in TIME_FIELDS and isinstance(value, str) and not _is_time(value):
                raise Unreadable(f"'{key}' is not a short ISO 8601 time")
            kept = _bounded(value)
            if isinstance(target, dict):
                target[key] = kept
            else:
                target.append(kept)
            if isinstance(value, dict | list):
                pending.append((value, kept, depth + 1))
    return copy


def _bounded(value: Any) -> Any:
    """An empty container to fill, a cut string, or the scalar itself."""
    if isinstance(value, dict):
        return {}
    if isinstance(value, list):
        return []
    if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
        return value[:MAX_TEXT_CHARS]
    return value


def _short_key(key: object) -> bool:
    return isinstance(key, str) and len(key) <= MAX_KEY_CHARS


def _is_time(text: str) -> bool:
    return len(text) <= MAX_TIME_CHARS and ISO_TIME.fullmatch(text) is not None
