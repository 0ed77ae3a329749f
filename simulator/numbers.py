"""Spoken English numbers to integers: "twenty three" -> 23, "a hundred and five" -> 105.

Alexa hands a skill digits for numbers spoken as words; the simulator accepts both words and
typed digits. Every function here parses a whole span of word keys or returns None.
"""

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")


def parse_cardinal(span: tuple[str, ...]) -> int | None:
    """The whole span as a non-negative integer, or None if any word is not part of a number."""
    if not span:
        return None
    if len(span) == 1 and span[0].isdigit():
        return int(span[0])
    if span[0] in ("a", "an"):
        # "a hundred", "a thousand": the article only counts before a scale word.
        if len(span) < 2 or span[1] not in _SCALES:
            return None
        span = ("one", *span[1:])
    total = 0
    current = 0
    seen_any = False
    previous = ""
    for word in span:
        if word in _UNITS:
            if previous in _UNITS or (previous in _TENS and current % 10):
                return None
            current += _UNITS[word]
        elif word in _TENS:
            if previous in _UNITS or previous in _TENS:
                return None
            current += _TENS[word]
        elif word.isdigit() and not seen_any:
            current = int(word)
        elif word == "hundred":
            if current == 0 or current >= 100:
                return None
            current *= 100
        elif word in ("thousand", "million"):
            if current == 0:
                return None
            total += current * _SCALES[word]
            current = 0
        elif word == "and" and seen_any and previous in _SCALES:
            # "one hundred and five": "and" is only part of a number right after a scale word.
            previous = word
            continue
        else:
            return None
        seen_any = True
        previous = word
    if previous == "and":
        return None
    return total + current


def parse_ordinal(span: tuple[str, ...]) -> int | None:
    """ "third" -> 3, "twenty first" -> 21, "3rd" -> 3; None when the span is not an ordinal."""
    if len(span) == 1:
        word = span[0]
        if word in _ORDINAL_UNITS:
            return _ORDINAL_UNITS[word]
        for suffix in _ORDINAL_SUFFIXES:
            digits = word.removesuffix(suffix)
            if digits != word and digits.isdigit():
                return int(digits)
        return None
    if len(span) == 2 and span[0] in _TENS and span[1] in _ORDINAL_UNITS:
        unit = _ORDINAL_UNITS[span[1]]
        return _TENS[span[0]] + unit if unit < 10 else None
    return None


def parse_signed(span: tuple[str, ...]) -> int | None:
    """Like parse_cardinal, but "minus five" / "negative five" -> -5 (AMAZON.NUMBER allows it)."""
    if span and span[0] in ("minus", "negative"):
        value = parse_cardinal(span[1:])
        return -value if value is not None else None
    return parse_cardinal(span)
