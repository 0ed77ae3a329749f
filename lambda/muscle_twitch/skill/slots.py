"""Reads slots defensively and turns one IntentRequest into core Evidence.

A slot may be missing, empty, unresolved (ER_SUCCESS_NO_MATCH), resolved to several ids, or
carry several values (multi-value slots arrive in slotValue.values). A value Alexa could not
resolve is tried against the table inside the skill (resolver.py) before the turn counts as
not understood. Older clients send only `value` with no resolutions: those values are looked
up the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from muscle_twitch.core.interview import Evidence, Heard
from muscle_twitch.core.knowledge import Knowledge
from muscle_twitch.skill.durations import days_since, duration_seconds
from muscle_twitch.skill.resolver import resolve_words

# Slot name -> cause-table term kind. Slot names are the same in every intent of the model.
TERM_SLOTS = {
    "areas": "body_area",
    "symptoms": "symptom",
    "triggers": "trigger",
    "more_triggers": "trigger",
    "medicines": "medicine",
    "change": "medicine_change",
    "frequency": "frequency",
    "twitch_length": "twitch_length",
    "onset": "onset",
}
# AMAZON.DURATION slots: "duration" is read by the question asked; "length" is one twitch.
DURATION_SLOTS = {"duration": "duration_seconds", "length": "twitch_seconds"}
# AMAZON.DATE: when it started ("since Monday").
DATE_SLOT = "since"
# Where a symptom is felt ("my lips went numb"): not a twitching area, read only to combine with
# the symptom felt there.
PLACE_SLOT = "place"
REPLY_INTENTS = {
    "AMAZON.YesIntent": "yes",
    "AMAZON.NoIntent": "no",
    "NothingIntent": "no",
    "DontKnowIntent": "unsure",
    "YesDetailIntent": "yes",
    "NoDetailIntent": "no",
    "UnsureDetailIntent": "unsure",
}
# AMAZON.SearchQuery: the words after a yes, no or "not sure" ("no, my smile's the same on both
# sides"). Only the reply counts: free words around a denial or an explanation are too often
# about something else to be read as answers (measured with `make nlu`).
DETAIL_SLOT = "detail"
# An unresolved medicine name said as one ("I take lisinopril") is still a regular medicine.
UNNAMED_MEDICINE = "regular_medicine"
_MEDICINE_INTENT = "MedicineIntent"
_MAX_UNNAMED_WORDS = 3
_MAX_VALUE_CHARS = 120


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


def read_slot(
    slot: Any, kind: str, knowledge: Knowledge, *, intent: str = "", resolve_unmatched: bool = True
) -> tuple[Heard, ...]:
    """The cause-table values a slot names, with the words they were said as. Without
    `resolve_unmatched`, only values Alexa's entity resolution matched count."""
    heard: dict[str, Heard] = {}
    for value, resolutions in _simple_values(slot):
        if not isinstance(value, str) or not value.strip() or len(value) > _MAX_VALUE_CHARS:
            continue
        # Only the first match counts: Alexa lists the best one first.
        found = next((i for i in _ids_from_resolutions(resolutions) if i in knowledge.terms[kind]), None)
        if not found and resolve_unmatched:
            found = knowledge.resolve(kind, value) or resolve_words(value, kind, knowledge)
            if not found and kind == "medicine" and intent == _MEDICINE_INTENT:
                found = UNNAMED_MEDICINE if len(value.split()) <= _MAX_UNNAMED_WORDS else None
        if found and found not in heard:
            heard[found] = Heard(kind, found, value.strip())
    return tuple(heard.values())


def evidence_from(
    intent_name: str, slots: Any, knowledge: Knowledge, today: dt.date, *, resolve_unmatched: bool = True
) -> Evidence:
    """The evidence an intent carries. Values heard but not understood are left out, so the core
    treats the turn as not answered and tries again. `resolve_unmatched`: try words Alexa could
    not resolve against the table (off only to measure the model alone)."""
    terms: list[Heard] = []
    places: list[Heard] = []
    fields: dict[str, Any] = {}
    for name, slot in _slot_items(slots):
        if name == PLACE_SLOT:
            places.extend(read_slot(slot, "body_area", knowledge, resolve_unmatched=resolve_unmatched))
        elif name in TERM_SLOTS:
            terms.extend(
                read_slot(slot, TERM_SLOTS[name], knowledge, intent=intent_name, resolve_unmatched=resolve_unmatched)
            )
        elif name in DURATION_SLOTS:
            value = _get(slot, "value")
            seconds = duration_seconds(value) if isinstance(value, str) else None
            if seconds is not None:
                fields[DURATION_SLOTS[name]] = seconds
        elif name == DATE_SLOT:
            value = _get(slot, "value")
            days = days_since(value, today) if isinstance(value, str) else None
            if days is not None:
                fields["onset_days"] = days
    terms += _symptoms_of_a_place(terms, knowledge, places)
    reply = REPLY_INTENTS.get(intent_name)
    if reply:
        fields["reply"] = reply
    return Evidence(terms=tuple(terms), **fields)


# How a symptom and the place it is felt combine into one phrase ("my lips are tingling" is
# heard as the place "lips" and the symptom "tingling", and means tingling lips).
_PLACE_PATTERNS = ("{symptom} {place}", "{place} {symptom}", "{symptom} around {place}", "{symptom} in {place}")


def _symptoms_of_a_place(terms: list[Heard], knowledge: Knowledge, felt_at: list[Heard]) -> list[Heard]:
    """Symptoms the table names only together with a place, found by combining the words.
    `felt_at`: where the symptom was said to be felt (not a twitching area)."""
    places = [h for h in [*terms, *felt_at] if h.kind == "body_area" and h.words]
    found: list[Heard] = []
    have = {h.id for h in terms if h.kind == "symptom"}
    for symptom in [h for h in terms if h.kind == "symptom" and h.words]:
        for place in places:
            for pattern in _PLACE_PATTERNS:
                phrase = pattern.format(symptom=symptom.words, place=place.words)
                combined = knowledge.resolve("symptom", phrase)
                if combined and combined not in have:
                    have.add(combined)
                    found.append(Heard("symptom", combined, phrase))
                    break
    return found


def _slot_items(slots: Any) -> Iterable[tuple[str, Any]]:
    if not isinstance(slots, dict):
        return []
    return [(k, v) for k, v in slots.items() if isinstance(k, str) and v is not None]
