"""What the skill's reader needs to know about the conversation (language/reader.py).

Apart from the reader so that the skill can build it without importing the reader, which a
LaunchRequest never needs (a cold start imports only what its first answer uses)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from muscle_twitch.core.knowledge import Question


class Context(NamedTuple):
    """What the reader needs to know about the conversation."""

    asking: Question | None = None  # the question on the table, if any
    subject: str | None = None  # who the interview is about so far: "self", "other" or None
    today: dt.date = dt.date(2024, 1, 1)
    # Ids the person gave earlier in the conversation ("serotonergic"): "I started it last week"
    # said later is about them.
    known: frozenset[str] = frozenset()
