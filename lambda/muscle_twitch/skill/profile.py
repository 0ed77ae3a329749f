"""What the skill remembers about a returning user: nothing about their health.

Reads and writes the ASK persistent attributes; with no persistence adapter configured, or
when the store fails, every user is treated as new and nothing is lost from the conversation.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from ask_sdk_core.handler_input import HandlerInput

log = logging.getLogger(__name__)
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Profile:
    heard_intro: bool = False
    last_visit: str | None = None  # ISO date, day granularity


def load_profile(handler_input: HandlerInput) -> Profile:
    manager = handler_input.attributes_manager
    if getattr(manager, "_persistence_adapter", None) is None:
        return Profile()
    try:
        stored = manager.persistent_attributes
    except Exception as exc:  # noqa: BLE001 - the store must never break the conversation
        log.warning("persistent attributes unavailable (%s); treating user as new", type(exc).__name__)
        return Profile()
    if not isinstance(stored, dict):
        return Profile()
    last = stored.get("last_visit")
    return Profile(heard_intro=stored.get("heard_intro") is True, last_visit=last if isinstance(last, str) else None)


def remember_visit(handler_input: HandlerInput, seen: Profile) -> None:
    """Records that the full introduction was heard and today's visit (no health data)."""
    manager = handler_input.attributes_manager
    today = dt.date.today().isoformat()
    if getattr(manager, "_persistence_adapter", None) is None or (seen.heard_intro and seen.last_visit == today):
        return  # nothing to store, or nothing new to store
    try:
        manager.persistent_attributes = {"schema_version": SCHEMA_VERSION, "heard_intro": True, "last_visit": today}
        manager.save_persistent_attributes()
    except Exception as exc:  # noqa: BLE001 - the store must never break the conversation
        log.warning("could not save persistent attributes (%s)", type(exc).__name__)
