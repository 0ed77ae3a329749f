"""How an answer about time is said back: the person's words, with the little word that makes
them a sentence ("since the weekend", "for a couple of weeks"), never reworded or rounded."""

import pytest

from muscle_twitch.speech.words import onset_echo, own_words

ONSET_ECHOES = [
    ("yesterday", "since yesterday"),
    ("the weekend", "since the weekend"),
    ("last tuesday", "since last tuesday"),
    ("two weeks", "for two weeks"),
    ("twelve days", "for twelve days"),
    ("couple of weeks", "for a couple of weeks"),
    ("few days", "for a few days"),
    ("a few days", "for a few days"),
    ("a fortnight", "for a fortnight"),
    ("two weeks ago", "two weeks ago"),
    ("a month back", "a month back"),
    ("since christmas", "since christmas"),
    ("for about ten days", "for about ten days"),
    ("going on a month", "going on a month"),
]


@pytest.mark.parametrize(("said", "echo"), ONSET_ECHOES)
def test_when_it_started_is_said_back_in_the_persons_words(said: str, echo: str) -> None:
    assert onset_echo(said) == echo


@pytest.mark.parametrize(
    ("said", "echo"),
    [("my left eyelid", "left eyelid"), ("the bottom lid", "bottom lid"), ("both calves", "both calves")],
)
def test_a_place_is_said_back_without_its_leading_my_or_the(said: str, echo: str) -> None:
    assert own_words(said) == echo
