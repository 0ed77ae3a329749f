"""ISO-8601 durations as Alexa's AMAZON.DURATION sends them ("P2W", "P3D", "PT10S")."""

from __future__ import annotations

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


def duration_seconds(value: str | None) -> float | None:
    """Seconds in an ISO-8601 duration, or None if it is not one."""
    if not value:
        return None
    match = _DURATION.match(value.strip().upper())
    if not match or value.strip().upper() in ("P", "PT"):
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
    return total
