"""Triage levels, lowest to highest; the highest level any rule reaches wins."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    SELF_CARE = "self_care"
    BOOK_APPOINTMENT = "book_appointment"
    DOCTOR_SOON = "doctor_soon"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return list(Level).index(self)

    def at_least(self, other: Level) -> bool:
        return self.rank >= other.rank
