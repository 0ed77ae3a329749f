"""Reads slots defensively and turns one IntentRequest into core Evidence.

A slot may be missing, empty, unresolved (ER_SUCCESS_NO_MATCH), resolved to several ids, or
carry several values (multi-value slots arrive in slotValue.values). Older clients send only
`value` with no resolutions: those values are looked up in the cause table's synonyms.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from muscle_twitch.core.durations import duration_seconds
from muscle_twitch.core.interview import Evidence
from muscle_twitch.core.knowledge import Knowledge

# Slot name -> (Evidence field, cause-table term kind). Slot names are the same in every intent.
TERM_SLOTS = {
    "areas": ("areas", "body_area"),
    "symptoms": ("symptoms", "symptom"),
    "triggers": ("triggers", "trigger"),
    "medicines": ("medicines", "medicine"),
    "frequency": ("frequency", "frequency"),
    "twitch_length": ("twitch_length", "twitch_length"),
    "onset": ("onset", "onset"),
}
# AMAZON.DURATION slots: "duration" is routed by the question asked; "length" is one twitch.
DURATION_SLOTS = {"duration": "duration_seconds", "length": "twitch_seconds"}
LIST_EVIDENCE = ("areas", "symptoms", "triggers", "medicines")
REPLY_INTENTS = {
    "AMAZON.YesIntent": "yes",
    "AMAZON.NoIntent": "no",
    "NothingIntent": "no",
    "DontKnowIntent": "unsure",
}


def _get(obj: Any, name: str) -> Any:
    return getattr(obj, name, None)


def _ids_from_resolutions(resolutions: Any) -> list[str]:
    ids: list[str] = []
    for authority in _get(resolutions, "resolutions_per_authority") or []:
        status = _get(_get(authority, "status"), "code")
        if _get(status, "value") != "ER_SUCCESS_MATCH" and status != "ER_SUCCESS_MATCH":
            continue
        for wrapper in _get(authority, "values") or []:
            value_id = _get(_get(wrapper, "value"), "id")
            if isinstance(value_id, str):
                ids.append(value_id)
    return ids


def _simple_values(slot: Any) -> list[tuple[Any, Any]]:
    """(value, resolutions) pairs from a slot, reading slotValue when present."""
    slot_value = _get(slot, "slot_value")
    if slot_value is not None and _get(slot_value, "values"):
        return [(_get(v, "value"), _get(v, "resolutions")) for v in _get(slot_value, "values")]
    if slot_value is not None and _get(slot_value, "value") is not None:
        return [(_get(slot_value, "value"), _get(slot_value, "resolutions"))]
    return [(_get(slot, "value"), _get(slot, "resolutions"))]


def read_slot(slot: Any, kind: str, knowledge: Knowledge) -> tuple[str, ...]:
    """The cause-table ids a slot resolved to; values that matched nothing are left out."""
    ids: list[str] = []
    for value, resolutions in _simple_values(slot):
        if not isinstance(value, str) or not value.strip():
            continue
        # Only the first match counts: Alexa lists the best one first.
        found = next((i for i in _ids_from_resolutions(resolutions) if i in knowledge.terms[kind]), None)
        found = found or knowledge.resolve(kind, value)
        if found:
            ids.append(found)
    return tuple(dict.fromkeys(ids))


def evidence_from(intent_name: str, slots: Any, knowledge: Knowledge) -> Evidence:
    """The evidence an intent carries. Values heard but not understood (ER_SUCCESS_NO_MATCH, a
    malformed duration) are left out, so the core treats the turn as not answered and retries."""
    fields: dict[str, Any] = {}
    for name, slot in _slot_items(slots):
        if name in TERM_SLOTS:
            field, kind = TERM_SLOTS[name]
            ids = read_slot(slot, kind, knowledge)
            if ids:
                fields[field] = ids if field in LIST_EVIDENCE else ids[0]
        elif name in DURATION_SLOTS:
            value = _get(slot, "value")
            seconds = duration_seconds(value) if isinstance(value, str) else None
            if seconds is not None:
                fields[DURATION_SLOTS[name]] = seconds
    reply = REPLY_INTENTS.get(intent_name)
    if reply:
        fields["reply"] = reply
    return Evidence(**fields)


def _slot_items(slots: Any) -> Iterable[tuple[str, Any]]:
    if not isinstance(slots, dict):
        return []
    return [(k, v) for k, v in slots.items() if isinstance(k, str) and v is not None]
