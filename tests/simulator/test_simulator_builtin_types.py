"""Built-in slot types become the strings Alexa sends: digits, ISO-8601 durations and dates."""

import pytest

from simulator.builtin_types import convert_date, convert_duration, convert_number
from simulator.text import keys
from tests.simulator.conftest import TODAY  # Wednesday 2024-05-08

NUMBERS = [
    ("seven", "7"),
    ("twenty three", "23"),
    ("a hundred and five", "105"),
    ("three thousand two hundred", "3200"),
    ("42", "42"),
    ("minus five", "-5"),
    ("one two", None),
    ("twenty thirty", None),
    ("hundred", None),
    ("some", None),
]

DURATIONS = [
    ("two weeks", "P2W"),
    ("a week", "P1W"),
    ("3 days", "P3D"),
    ("a few days", "P3D"),
    ("a couple of months", "P2M"),
    ("ten minutes", "PT10M"),
    ("half an hour", "PT30M"),
    ("an hour and a half", "PT1H30M"),
    ("two and a half years", "P2Y6M"),
    ("a fortnight", "P2W"),
    ("two weeks and three days", "P2W3D"),
    ("two years three hours ten minutes", "P2YT3H10M"),
    ("about two weeks", "P2W"),
    ("for the last few days", "P3D"),
    ("a month or so", "P1M"),
    ("twenty-one days", "P21D"),
    ("weeks", None),
    ("two", None),
    ("since monday", None),
]

DATES = [
    ("today", "2024-05-08"),
    ("yesterday", "2024-05-07"),
    ("the day before yesterday", "2024-05-06"),
    ("tomorrow", "2024-05-09"),
    ("monday", "2024-05-13"),  # a bare weekday is the next one
    ("on wednesday", "2024-05-08"),
    ("last monday", "2024-05-06"),
    ("this week", "2024-W19"),
    ("last week", "2024-W18"),
    ("this weekend", "2024-W19-WE"),
    ("last month", "2024-04"),
    ("this year", "2024"),
    ("three days ago", "2024-05-05"),
    ("two weeks ago", "2024-W17"),
    ("march third", "2025-03-03"),  # a date without a year is the next one
    ("the 1st of june", "2024-06-01"),
    ("may 1st 2023", "2023-05-01"),
    ("february thirtieth", None),
    ("someday", None),
]


@pytest.mark.parametrize(("said", "sent"), NUMBERS)
def test_number(said: str, sent: str | None) -> None:
    assert convert_number(keys(said), TODAY) == sent


@pytest.mark.parametrize(("said", "sent"), DURATIONS)
def test_duration(said: str, sent: str | None) -> None:
    assert convert_duration(keys(said), TODAY) == sent


@pytest.mark.parametrize(("said", "sent"), DATES)
def test_date(said: str, sent: str | None) -> None:
    assert convert_date(keys(said), TODAY) == sent
