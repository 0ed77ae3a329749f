"""English words for numbers, durations and lists; speech says numbers as words."""

from __future__ import annotations

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """0 to 9999 in words ("twenty-one"); larger numbers as digits."""
    if n < 0 or n > 9999:
        return str(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    joiner = " and " if 0 < rest < 100 else " "
    return f"{number_words(thousands)} thousand" + (joiner + number_words(rest) if rest else "")


def join(items: list[str], word: str = "and") -> str:
    """ "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def span_of_days(days: int, units: dict[str, str], *, spoken: bool) -> str:
    """A span of `days` in the largest whole unit that does not overstate it: 13 days stay
    thirteen days (never "about two weeks"), 20 days are "two weeks" and a bit. Floors, so a
    span is never rounded up across a threshold such as two weeks."""
    for unit, size in (("year", 365), ("month", 30), ("week", 7), ("day", 1)):
        if unit == "week" and days < 14 and days != 7:
            continue
        count, rest = divmod(days, size)
        if count >= 1:
            amount = _amount(count, unit, units, spoken=spoken)
            return amount if rest == 0 or unit == "day" else f"{units['over']} {amount}"
    return _amount(days, "day", units, spoken=spoken)


def _amount(count: int, unit: str, units: dict[str, str], *, spoken: bool) -> str:
    name = units[unit] if count == 1 else units[f"{unit}s"]
    if count == 1:
        return f"{units['a']} {name}"
    return f"{number_words(count) if spoken else count} {name}"


_LEADING = ("my ", "the ", "your ", "in my ", "in the ")


def own_words(words: str) -> str:
    """The person's words without a leading "my"/"the" ("my left eyelid" -> "left eyelid")."""
    text = words.strip()
    for prefix in _LEADING:
        if text.lower().startswith(prefix):
            return text[len(prefix) :]
    return text


# "couple of weeks" is heard without its article; said back it needs one: "for a couple of weeks".
_NEEDS_AN_ARTICLE = frozenset(["couple", "few"])
_KEPT_AS_SAID = ("since ", "for ", "from ", "about ", "over ", "nearly ", "almost ", "just ", "going on ")
# First words that name a moment, not a span: "yesterday" is since yesterday, "two weeks" is for two weeks.
_MOMENTS = frozenset(
    [
        "today",
        "tonight",
        "yesterday",
        "this",
        "last",
        "the",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "christmas",
        "easter",
        "diwali",
        "morning",
    ]
)


def onset_echo(words: str) -> str:
    """When it started, in the person's words with the right little word before them:
    "since the weekend", "for two weeks", "a few days ago"."""
    text = words.strip()
    lower = text.lower()
    if lower.startswith(_KEPT_AS_SAID) or lower.endswith((" ago", " back", " before")):
        return text
    first = lower.split()[0]
    if first in _MOMENTS:
        return "since " + text
    return ("for a " if first in _NEEDS_AN_ARTICLE else "for ") + text
