"""Built-in slot types converted the way Alexa converts them.

- AMAZON.NUMBER: "twenty three" -> "23".
- AMAZON.DURATION: ISO-8601 durations: "two weeks" -> "P2W", "an hour and a half" -> "PT1H30M".
  Alexa does not document vague amounts; the simulator reads "a couple" as 2 and "a few" or
  "several" as 3 ("a few days" -> "P3D").
- AMAZON.DATE: "today" -> "2024-05-06", "last week" -> "2024-W18", "this month" -> "2024-05",
  a weekday or a date without a year -> the next one on or after today (Alexa's default).
- Any other AMAZON.* type (SearchQuery, FirstName, ...) takes the words as said.

Hedges around an amount ("about two weeks", "for the last few days", "a week or so") are
left out of the value, as Alexa's recogniser leaves them out of the slot.
"""

import datetime as dt
from collections.abc import Callable

from simulator.numbers import parse_cardinal, parse_ordinal, parse_signed

Span = tuple[str, ...]
Converter = Callable[[Span, dt.date], str | None]

_LEADING_HEDGES: tuple[Span, ...] = tuple(
    tuple(phrase.split())
    for phrase in (
        "for about", "for around", "for roughly", "for almost", "for nearly", "for over",
        "for the last", "for the past", "for", "the last", "the past", "about", "around",
        "roughly", "approximately", "nearly", "almost", "maybe", "probably", "perhaps", "like",
        "over", "under", "more than", "less than", "at least", "at most", "just", "only",
    )
)  # fmt: skip
_TRAILING_HEDGES: tuple[Span, ...] = tuple(
    tuple(phrase.split()) for phrase in ("or so", "or more", "or longer", "or less", "now", "already", "ish")
)


def _strip_hedges(span: Span) -> Span:
    changed = True
    while changed and span:
        changed = False
        for hedge in _LEADING_HEDGES:
            if span[: len(hedge)] == hedge and len(span) > len(hedge):
                span = span[len(hedge) :]
                changed = True
                break
        for hedge in _TRAILING_HEDGES:
            if span[-len(hedge) :] == hedge and len(span) > len(hedge):
                span = span[: -len(hedge)]
                changed = True
                break
    return span


def convert_number(span: Span, today: dt.date) -> str | None:
    value = parse_signed(span)
    return str(value) if value is not None else None


# ---- AMAZON.DURATION ------------------------------------------------------------------------

# unit word -> (ISO designator, multiplier, is a time element after "T")
_DURATION_UNITS: dict[str, tuple[str, int, bool]] = {}
for _words, _unit in (
    (("second", "seconds", "sec", "secs"), ("S", 1, True)),
    (("minute", "minutes", "min", "mins"), ("M", 1, True)),
    (("hour", "hours", "hr", "hrs"), ("H", 1, True)),
    (("day", "days", "night", "nights"), ("D", 1, False)),
    (("week", "weeks"), ("W", 1, False)),
    (("fortnight", "fortnights"), ("W", 2, False)),
    (("month", "months"), ("M", 1, False)),
    (("year", "years"), ("Y", 1, False)),
    (("decade", "decades"), ("Y", 10, False)),
):
    for _word in _words:
        _DURATION_UNITS[_word] = _unit

# half of a unit, in the next smaller unit that makes it whole
_HALF_OF: dict[tuple[str, bool], tuple[str, int, bool]] = {
    ("Y", False): ("M", 6, False),
    ("M", False): ("W", 2, False),
    ("D", False): ("H", 12, True),
    ("H", True): ("M", 30, True),
    ("M", True): ("S", 30, True),
}
_VAGUE_AMOUNTS: dict[Span, int] = {
    ("a", "couple", "of"): 2, ("a", "couple"): 2, ("couple", "of"): 2, ("a", "few"): 3,
    ("few",): 3, ("several",): 3, ("a",): 1, ("an",): 1,
}  # fmt: skip
_DATE_ORDER = ("Y", "M", "W", "D")
_TIME_ORDER = ("H", "M", "S")

Amounts = dict[tuple[str, bool], int]


def _amount(span: Span) -> int | None:
    if span in _VAGUE_AMOUNTS:
        return _VAGUE_AMOUNTS[span]
    return parse_cardinal(span)


def _add(amounts: Amounts, unit: tuple[str, int, bool], count: int) -> None:
    designator, multiplier, is_time = unit
    key = (designator, is_time)
    amounts[key] = amounts.get(key, 0) + count * multiplier


def _add_half(amounts: Amounts, unit: tuple[str, int, bool]) -> bool:
    designator, multiplier, is_time = unit
    if multiplier != 1 or (designator, is_time) not in _HALF_OF:
        return False
    _add(amounts, _HALF_OF[(designator, is_time)], 1)
    return True


def _duration_component(span: Span, amounts: Amounts) -> bool:
    """One "<amount> <unit>" piece, possibly with "and a half"; adds it to amounts."""
    if len(span) >= 3 and span[0] == "half" and span[1] in ("a", "an"):
        # "half an hour", "half a day"
        unit = _DURATION_UNITS.get(span[2]) if len(span) == 3 else None
        return unit is not None and _add_half(amounts, unit)
    if len(span) >= 2 and span[-3:] == ("and", "a", "half"):
        # "an hour and a half"
        unit = _DURATION_UNITS.get(span[-4]) if len(span) >= 4 else None
        count = _amount(span[:-4]) if len(span) > 4 else None
        if unit is None or count is None:
            return False
        _add(amounts, unit, count)
        return _add_half(amounts, unit)
    if len(span) >= 4 and span[-4:-1] == ("and", "a", "half"):
        # "two and a half weeks"
        unit = _DURATION_UNITS.get(span[-1])
        count = _amount(span[:-4])
        if unit is None or count is None:
            return False
        _add(amounts, unit, count)
        return _add_half(amounts, unit)
    unit = _DURATION_UNITS.get(span[-1]) if span else None
    if unit is None:
        return False
    count = _amount(span[:-1]) if len(span) > 1 else None
    if count is None:
        return False
    _add(amounts, unit, count)
    return True


def _duration_amounts(span: Span) -> Amounts | None:
    """Split "two weeks and three days" into components at unit words."""
    amounts: Amounts = {}
    start = 0
    index = 0
    while index < len(span):
        word = span[index]
        if word in _DURATION_UNITS:
            end = index + 1
            if span[end : end + 3] == ("and", "a", "half"):
                end += 3
            if not _duration_component(span[start:end], amounts):
                return None
            start = end
            if span[start : start + 1] == ("and",) and start + 1 < len(span):
                start += 1
            index = start
            continue
        index += 1
    return amounts if start == len(span) and amounts else None


def convert_duration(span: Span, today: dt.date) -> str | None:
    amounts = _duration_amounts(_strip_hedges(span))
    if amounts is None:
        return None
    date_part = "".join(f"{amounts[(d, False)]}{d}" for d in _DATE_ORDER if amounts.get((d, False)))
    time_part = "".join(f"{amounts[(d, True)]}{d}" for d in _TIME_ORDER if amounts.get((d, True)))
    if not date_part and not time_part:
        return None
    return "P" + date_part + (f"T{time_part}" if time_part else "")


# ---- AMAZON.DATE ----------------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_RELATIVE_DAYS: dict[Span, int] = {
    ("today",): 0, ("now",): 0, ("tonight",): 0, ("this", "morning"): 0,
    ("this", "evening"): 0, ("yesterday",): -1, ("last", "night"): -1, ("tomorrow",): 1,
    ("the", "day", "before", "yesterday"): -2, ("the", "day", "after", "tomorrow"): 2,
}  # fmt: skip
_SHIFT = {"last": -1, "this": 0, "next": 1}


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_shift(today: dt.date, months: int) -> str:
    index = today.year * 12 + today.month - 1 + months
    return f"{index // 12}-{index % 12 + 1:02d}"


def _future_month_day(today: dt.date, month: int, day: int, year: int | None) -> str | None:
    try:
        if year is not None:
            return dt.date(year, month, day).isoformat()
        candidate = dt.date(today.year, month, day)
        if candidate < today:
            candidate = dt.date(today.year + 1, month, day)
        return candidate.isoformat()
    except ValueError:
        return None


def _month_and_day(span: Span, today: dt.date) -> str | None:
    """ "march third", "march 3rd 2024", "the third of march"."""
    year = None
    if len(span) >= 3 and span[-1].isdigit() and len(span[-1]) == 4:
        year = int(span[-1])
        span = span[:-1]
    if span and span[0] in _MONTHS:
        rest = span[1:]
        day = parse_ordinal(rest) or (parse_cardinal(rest) if len(rest) == 1 else None)
        month = _MONTHS.index(span[0]) + 1
    elif len(span) >= 3 and span[-2] == "of" and span[-1] in _MONTHS:
        rest = span[1:-2] if span[0] == "the" else span[:-2]
        day = parse_ordinal(rest)
        month = _MONTHS.index(span[-1]) + 1
    else:
        return None
    if day is None or not 1 <= day <= 31:
        return None
    return _future_month_day(today, month, day, year)


def _ago(span: Span, today: dt.date) -> str | None:
    """ "three days ago" -> a date, "two weeks ago" -> that week, and so on."""
    if len(span) < 2 or span[-1] != "ago":
        return None
    amounts = _duration_amounts(span[:-1])
    if amounts is None or len(amounts) != 1:
        return None
    ((designator, is_time), count) = next(iter(amounts.items()))
    if is_time:
        return today.isoformat()
    if designator == "D":
        return (today - dt.timedelta(days=count)).isoformat()
    if designator == "W":
        return _iso_week(today - dt.timedelta(weeks=count))
    if designator == "M":
        return _month_shift(today, -count)
    return str(today.year - count)


def convert_date(span: Span, today: dt.date) -> str | None:
    span = span[1:] if span[:1] in (("on",), ("since",)) else span
    if span in _RELATIVE_DAYS:
        return (today + dt.timedelta(days=_RELATIVE_DAYS[span])).isoformat()
    if len(span) == 1 and span[0] in _WEEKDAYS:
        ahead = (_WEEKDAYS.index(span[0]) - today.weekday()) % 7
        return (today + dt.timedelta(days=ahead)).isoformat()
    if len(span) == 2 and span[0] in _SHIFT:
        shift, unit = _SHIFT[span[0]], span[1]
        if unit in _WEEKDAYS:
            target = _WEEKDAYS.index(unit)
            if shift < 0:
                back = (today.weekday() - target) % 7 or 7
                return (today - dt.timedelta(days=back)).isoformat()
            ahead = (target - today.weekday()) % 7
            return (today + dt.timedelta(days=ahead + 7 * shift)).isoformat()
        if unit == "week":
            return _iso_week(today + dt.timedelta(weeks=shift))
        if unit == "weekend":
            return _iso_week(today + dt.timedelta(weeks=shift)) + "-WE"
        if unit == "month":
            return _month_shift(today, shift)
        if unit == "year":
            return str(today.year + shift)
    return _ago(span, today) or _month_and_day(span, today)


def convert_free_text(span: Span, today: dt.date) -> str | None:
    return " ".join(span) if span else None


CONVERTERS: dict[str, Converter] = {
    "AMAZON.NUMBER": convert_number,
    "AMAZON.DURATION": convert_duration,
    "AMAZON.DATE": convert_date,
}


def converter_for(type_name: str) -> Converter | None:
    """The converter for a built-in type; None for a custom type defined in the model."""
    if type_name in CONVERTERS:
        return CONVERTERS[type_name]
    if type_name.startswith("AMAZON."):
        return convert_free_text
    return None
