"""What the skill remembers about a returning user: nothing about their health.

Reads and writes the ASK persistent attributes, whose only allowed keys are defined in
`muscle_twitch.persistence.record` (the adapter drops anything else before it reaches storage).
With no persistence adapter configured, or when the store fails, every user is treated as new
and nothing is lost from the conversation: the interview lives in session attributes only.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import NamedTuple

from ask_sdk_core.handler_input import HandlerInput

from muscle_twitch.persistence.record import HEARD_INTRODUCTION_KEY, LAST_VISIT_KEY

log = logging.getLogger(__name__)


class Profile(NamedTuple):
    heard_intro: bool = False
    last_visit: str | None = None  # ISO date, day granularity


def has_persistence(handler_input: HandlerInput) -> bool:
    """Whether the skill was built with a persistence adapter (the SDK has no public way to ask)."""
    return getattr(handler_input.attributes_manager, "_persistence_adapter", None) is not None


def load_profile(handler_input: HandlerInput) -> Profile:
    manager = handler_input.attributes_manager
    if not has_persistence(handler_input):
        return Profile()
    try:
        stored = manager.persistent_attributes
    except Exception as exc:  # the store must never break the conversation
        log.warning("persistent attributes unavailable (%s); treating user as new", type(exc).__name__)
        return Profile()
    if not isinstance(stored, dict):
        return Profile()
    last = stored.get(LAST_VISIT_KEY)
    return Profile(
        heard_intro=stored.get(HEARD_INTRODUCTION_KEY) is True,
        last_visit=last if isinstance(last, str) else None,
    )


def remember_visit(handler_input: HandlerInput, seen: Profile) -> None:
    """Records that the full introduction was heard and today's visit (no health data)."""
    manager = handler_input.attributes_manager
    today = request_day(handler_input).isoformat()
    if not has_persistence(handler_input) or (seen.heard_intro and seen.last_visit == today):
        return  # nothing to store, or nothing new to store
    try:
        manager.persistent_attributes = {HEARD_INTRODUCTION_KEY: True, LAST_VISIT_KEY: today}
        manager.save_persistent_attributes()
    except Exception as exc:  # the store must never break the conversation
        log.warning("could not save persistent attributes (%s)", type(exc).__name__)


def request_day(handler_input: HandlerInput) -> dt.date:
    """The day of the request as Alexa stamped it (UTC), or today's UTC date without one or when
    the stamp cannot be a real request's (year 1 with an offset overflows the conversion)."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, dt.datetime):
        try:
            day = stamp.astimezone(dt.UTC).date() if stamp.tzinfo else stamp.date()
        except (OverflowError, ValueError):
            return dt.datetime.now(dt.UTC).date()
        return day
    return dt.datetime.now(dt.UTC).date()
