"""Time words: how long ago something started, how long a twitch lasts, how often it comes.

Read from a sentence's stems with the locale's time table (data/language/<locale>/time.toml):
numbers said as words or digits, units, "ago", "since", weekdays, months, named days of the year
("since diwali") and rates ("three times a day", "every few minutes"). Every finding names the
span of words it used, so the reader does not read those words again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from muscle_twitch.language.tokens import stem

DAY = 86400
_MAX_NUMBER_WORDS = 4


class TimeWords(NamedTuple):
    start: int
    end: int  # exclusive
    kind: str  # "onset_days" (started this many days ago), "duration" (a span, read by the question), "per_day",
    # or "schedule" (a routine or the future: "five days a week", "in two weeks"; read as nothing)
    value: float


def _phrase_at(table: Mapping[str, Any], stems: Sequence[str], start: int, longest: int = 5) -> tuple[int, Any]:
    """The longest key of `table` (stems joined by spaces) at `start`: (length, value), or (0, None)."""
    for size in range(min(longest, len(stems) - start), 0, -1):
        key = " ".join(stems[start : start + size])
        if key in table:
            return size, table[key]
    return 0, None


def _in(words: Sequence[str], stems: Sequence[str], start: int, end: int) -> int:
    """The length of the longest of `words` (joined stems) ending at `end` and starting at or after `start`."""
    for size in range(min(4, end - start), 0, -1):
        if " ".join(stems[end - size : end]) in words:
            return size
    return 0


def _starts(words: Sequence[str], stems: Sequence[str], at: int) -> int:
    for size in range(min(4, len(stems) - at), 0, -1):
        if " ".join(stems[at : at + size]) in words:
            return size
    return 0


def number_at(stems: Sequence[str], start: int, numbers: Mapping[str, float]) -> tuple[int, float | None]:
    """A number said at `start` ("twenty one", "a couple of", "3", "two and a half"): (words, value)."""
    if start >= len(stems):
        return 0, None
    word = stems[start]
    if word.replace(".", "", 1).isdigit():
        used, value = 1, float(word)
    else:
        used, value = _phrase_at(numbers, stems, start, _MAX_NUMBER_WORDS)
        if not used:
            return 0, None
        value = float(value)
        # "twenty one": tens then units.
        if value >= 20 and value % 10 == 0 and value < 100 and start + used < len(stems):
            more, unit = _phrase_at(numbers, stems, start + used, 1)
            if more and unit is not None and 0 < float(unit) < 10 and stems[start + used] not in ("a", "an"):
                used, value = used + more, value + float(unit)
    # "two and a half", "a week and a half" are handled by the caller for units; "two or three": the larger
    if start + used + 1 < len(stems) and stems[start + used] in ("or", "to"):
        more, other = number_at(stems, start + used + 1, numbers)
        if more and other is not None and other > value:
            used, value = used + 1 + more, other
    return used, value


def _unit_at(stems: Sequence[str], at: int, units: Mapping[str, float]) -> tuple[int, float]:
    if at < len(stems) and stems[at] in units:
        return 1, float(units[stems[at]])
    return 0, 0.0


def _last(day: dt.date, month: int, dom: int) -> dt.date | None:
    """The last `month`-`dom` on or before `day`."""
    for year in (day.year, day.year - 1):
        try:
            candidate = dt.date(year, month, dom)
        except ValueError:
            return None
        if candidate <= day:
            return candidate
    return None


def _holiday(value: Any, today: dt.date) -> int | None:
    dates: list[dt.date] = []
    if isinstance(value, str):
        month, dom = (int(x) for x in value.split("-"))
        last = _last(today, month, dom)
        return (today - last).days if last else None
    if isinstance(value, Mapping):
        for year, mmdd in value.items():
            month, dom = (int(x) for x in mmdd.split("-"))
            day = dt.date(int(year), month, dom)
            if day <= today:
                dates.append(day)
    return (today - max(dates)).days if dates else None


def find_times(stems: Sequence[str], table: Mapping[str, Any], today: dt.date) -> list[TimeWords]:
    """Every time expression in `stems`, left to right, not overlapping."""
    numbers: Mapping[str, float] = table.get("numbers", {})
    units: Mapping[str, float] = table.get("units", {})
    since_words = table.get("since", [])
    ago_words = table.get("ago", [])
    found: list[TimeWords] = []
    i = 0
    while i < len(stems):
        hit = _time_at(stems, i, table, numbers, units, since_words, ago_words, today)
        if hit is None:
            i += 1
            continue
        found.append(hit)
        i = hit.end
    return found


def _time_at(
    stems: Sequence[str],
    i: int,
    table: Mapping[str, Any],
    numbers: Mapping[str, float],
    units: Mapping[str, float],
    since_words: Sequence[str],
    ago_words: Sequence[str],
    today: dt.date,
) -> TimeWords | None:
    before = _in(since_words, stems, max(0, i - 4), i)
    # A rate: "three times a day", "once a week", "twice an hour", "every few minutes".
    rate = _rate_at(stems, i, numbers, units)
    if rate is not None:
        return rate
    # A count of units: "two weeks", "a fortnight", "a week and a half", "3 days".
    used, count = number_at(stems, i, numbers)
    unit_used, seconds = _unit_at(stems, i + used, units)
    if not used and unit_used and stems[i] in units and stems[i] == _FORTNIGHT:
        count = 1.0
    if unit_used and count is not None:
        end = i + used + unit_used
        # "a week and a half"
        if list(stems[end : end + 3]) == _AND_A_HALF or list(stems[end : end + 2]) == [_AND_A_HALF[0], _AND_A_HALF[2]]:
            count += 0.5
            end += 3 if stems[end + 1] == _AND_A_HALF[1] else 2
        span = count * seconds
        after = _starts(ago_words, stems, end)
        start = i - before
        # "in an hour" may be how fast it came; "in two weeks" is ahead.
        ahead = not before and i > 0 and stems[i - 1] == _IN and span >= DAY
        if _habit_at(stems, end, units) or ahead:
            # "five days a week", "twelve hour shifts", "in two weeks": a routine or the future,
            # never when the twitching began.
            return TimeWords(start, end + _habit_at(stems, end, units), "schedule", span)
        if after:
            return TimeWords(start, end + after, "onset_days", span / DAY)
        if before and stems[i - before] in ("since", "from") and span >= DAY:
            return TimeWords(start, end, "onset_days", span / DAY)
        return TimeWords(start, end, "duration", span)
    # Named days: "yesterday", "last week", "since monday", "since diwali", "since march".
    size, days = _phrase_at(table.get("days_ago", {}), stems, i)
    if size:
        return TimeWords(i - before, i + size, "onset_days", float(days))
    weekday = _index(table.get("weekdays", []), stems[i])
    if weekday is not None:
        back = (today.weekday() - weekday) % 7 or 7
        return TimeWords(i - before, i + 1, "onset_days", float(back))
    size = _starts(table.get("weekend", []), stems, i)
    if size:
        return TimeWords(i - before, i + size, "onset_days", float((today.weekday() - 5) % 7 or 7))
    month = _index(table.get("months", []), stems[i])
    if month is not None and before:
        last = _last(today, month + 1, 1)
        return TimeWords(i - before, i + 1, "onset_days", float((today - last).days)) if last else None
    size, value = _phrase_at(table.get("holidays", {}), stems, i)
    if size and (before or (i > 0 and stems[i - 1] in _AROUND)):
        days = _holiday(value, today)
        if days is not None:
            start = i - (before or 1)
            return TimeWords(start, i + size, "onset_days", float(days + (7 if stems[i - 1] == _BEFORE else 0)))
    return None


def _habit_at(stems: Sequence[str], at: int, units: Mapping[str, float]) -> int:
    """How many words after a span make it a routine: "a week" in "five days a week", "shifts"."""
    if at < len(stems) and stems[at] in _SHIFTS:
        return 1
    if at < len(stems) and stems[at] in _PER:
        unit_used, _ = _unit_at(stems, at + 1, units)
        return 1 + unit_used if unit_used else 0
    return 0


def _index(words: Sequence[str], stem: str) -> int | None:
    try:
        return list(words).index(stem)
    except ValueError:
        return None


# The few words the patterns need, compared as stems like everything else.
_ONCE = {stem("once"): 1.0, stem("twice"): 2.0, stem("thrice"): 3.0}
_PER = tuple(stem(w) for w in ("a", "an", "per", "each", "every", "the", "in", "one"))
_TIMES = (stem("time"), stem("times"))
_EVERY = stem("every")
_BEFORE = stem("before")
_AROUND = tuple(stem(w) for w in ("before", "after", "around"))
_AND_A_HALF = [stem(w) for w in ("and", "a", "half")]
_FORTNIGHT = stem("fortnight")
_IN = stem("in")
_SHIFTS = (stem("shift"), stem("shifts"))


def _rate_at(
    stems: Sequence[str], i: int, numbers: Mapping[str, float], units: Mapping[str, float]
) -> TimeWords | None:
    """ "three times a day" (per day: 3), "once a week" (1/7), "every few minutes" (480)."""
    if stems[i] == _EVERY:
        used, count = number_at(stems, i + 1, numbers)
        if not used:
            used, count = 0, 1.0
        unit_used, seconds = _unit_at(stems, i + 1 + used, units)
        if unit_used and count:
            return TimeWords(i, i + 1 + used + unit_used, "per_day", DAY / (count * seconds))
        return None
    if stems[i] in _ONCE:
        count, used = _ONCE[stems[i]], 1
    else:
        used, count = number_at(stems, i, numbers)
        if not used or count is None or i + used >= len(stems) or stems[i + used] not in _TIMES:
            return None
        used += 1
    at = i + used
    if at < len(stems) and stems[at] in _PER:
        at += 1
    unit_used, seconds = _unit_at(stems, at, units)
    if not unit_used:
        return None
    return TimeWords(i, at + unit_used, "per_day", count * DAY / seconds)
