"""The only things the skill may remember about a person, and how older items are read.

A stored record holds exactly three facts, none of them about health:

- `schema_version`: which layout wrote it (this file's `SCHEMA_VERSION`);
- `heard_introduction`: whether the person has heard the full introduction and disclaimer;
- `last_visit`: the day (ISO date, no time of day) of their last visit.

Everything else is dropped at this boundary, so an interview answer that reached the persistent
attributes by mistake would still never be written.
"""

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from muscle_twitch.persistence.errors import CorruptedItem

SCHEMA_VERSION = 1
SCHEMA_VERSION_KEY = "schema_version"
HEARD_INTRODUCTION_KEY = "heard_introduction"
LAST_VISIT_KEY = "last_visit"

ALLOWED_KEYS = frozenset({SCHEMA_VERSION_KEY, HEARD_INTRODUCTION_KEY, LAST_VISIT_KEY})


def from_storage(raw: object) -> dict[str, Any]:
    """A stored item's attributes, upgraded to the current layout.

    Items without a version (written before versioning) and items with keys this version does
    not know load fine: known facts are kept, unknown keys are dropped. A known key holding a
    value of the wrong kind makes the whole item unreadable (CorruptedItem), because half a
    record could greet someone as a returning user who never heard the disclaimer.
    """
    if not isinstance(raw, Mapping):
        raise CorruptedItem("stored attributes are not a map")
    if not raw:
        return {}
    _read_version(raw.get(SCHEMA_VERSION_KEY, 0))
    record: dict[str, Any] = {SCHEMA_VERSION_KEY: SCHEMA_VERSION}
    heard = raw.get(HEARD_INTRODUCTION_KEY, False)
    if not isinstance(heard, bool):
        raise CorruptedItem(f"{HEARD_INTRODUCTION_KEY} is not a boolean")
    record[HEARD_INTRODUCTION_KEY] = heard
    if raw.get(LAST_VISIT_KEY) is not None:
        record[LAST_VISIT_KEY] = _read_day(raw[LAST_VISIT_KEY]).isoformat()
    return record


def for_storage(attributes: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The record to write, and the names of the keys refused (never their values)."""
    record: dict[str, Any] = {SCHEMA_VERSION_KEY: SCHEMA_VERSION}
    refused = sorted(str(key) for key in attributes if key not in ALLOWED_KEYS)
    heard = attributes.get(HEARD_INTRODUCTION_KEY, False)
    if isinstance(heard, bool):
        record[HEARD_INTRODUCTION_KEY] = heard
    else:
        record[HEARD_INTRODUCTION_KEY] = False
        refused.append(HEARD_INTRODUCTION_KEY)
    last_visit = attributes.get(LAST_VISIT_KEY)
    if last_visit is not None:
        try:
            record[LAST_VISIT_KEY] = _read_day(last_visit).isoformat()
        except CorruptedItem:
            refused.append(LAST_VISIT_KEY)
    return record, refused


def _read_version(value: object) -> int:
    # DynamoDB numbers come back as Decimal; bool is an int subclass and is not a version.
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise CorruptedItem(f"{SCHEMA_VERSION_KEY} is not a number")
    if isinstance(value, Decimal) and not value.is_finite():  # NaN, sNaN, Infinity
        raise CorruptedItem(f"{SCHEMA_VERSION_KEY} is not a finite number")
    if value != int(value) or value < 0:
        raise CorruptedItem(f"{SCHEMA_VERSION_KEY} is not a whole number")
    return int(value)


def _read_day(value: object) -> date:
    """A day from a date, a datetime, or an ISO date or timestamp string (older items)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            pass
    raise CorruptedItem(f"{LAST_VISIT_KEY} is not a day")
