"""Alexa's built-in time values: AMAZON.DURATION (ISO-8601, "P2W", "PT10S") and AMAZON.DATE
("2024-05-06", "2024-W19", "2024-05"), read defensively and clamped to sane ranges."""

from __future__ import annotations

import datetime as dt
import math
import re

_DURATION = re.compile(
    r"^P(?:(?P<years>[\dX.]+)Y)?(?:(?P<months>[\dX.]+)M)?(?:(?P<weeks>[\dX.]+)W)?(?:(?P<days>[\dX.]+)D)?"
    r"(?:T(?:(?P<hours>[\dX.]+)H)?(?:(?P<minutes>[\dX.]+)M)?(?:(?P<seconds>[\dX.]+)S)?)?$"
)
_SECONDS = {
    "years": 365 * 86400,
    "months": 30 * 86400,
    "weeks": 7 * 86400,
    "days": 86400,
    "hours": 3600,
    "minutes": 60,
    "seconds": 1,
}
# Alexa writes an unspecified count as "X" ("a few weeks" can arrive as "PXW"); read it as a few.
_A_FEW = 3.0
# Nothing a person says about twitching is longer than a lifetime; longer values are junk.
MAX_SECONDS = 120 * 365 * 86400
_MAX_TEXT = 40


def duration_seconds(value: str | None) -> float | None:
    """Seconds in an ISO-8601 duration, or None if it is not one (or absurdly long)."""
    if not value or len(value) > _MAX_TEXT:
        return None
    text = value.strip().upper()
    match = _DURATION.match(text)
    if not match or text in ("P", "PT"):
        return None
    total = 0.0
    for unit, amount in match.groupdict().items():
        if amount is None:
            continue
        try:
            number = _A_FEW if amount == "X" else float(amount)
        except ValueError:
            return None
        total += number * _SECONDS[unit]
    return total if math.isfinite(total) and total <= MAX_SECONDS else None


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(?:-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def days_since(value: str | None, today: dt.date) -> int | None:
    """Days from an AMAZON.DATE value to `today`, for "it started on Monday" / "since March".
    A date a few days ahead is last week's weekday (Alexa resolves a bare "Monday" forward)."""
    if not value or len(value) > _MAX_TEXT:
        return None
    text = value.strip().upper()
    try:
        if match := _DAY.match(text):
            start = dt.date(int(match[1]), int(match[2]), int(match[3]))
        elif match := _WEEK.match(text):
            start = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        elif match := _MONTH.match(text):
            start = dt.date(int(match[1]), int(match[2]), 1)
        elif match := _YEAR.match(text):
            start = dt.date(int(match[1]), 1, 1)
        else:
            return None
    except ValueError:
        return None
    days = (today - start).days
    if -7 < days < 0:
        days += 7
    return days if 0 <= days <= MAX_SECONDS // 86400 else None
