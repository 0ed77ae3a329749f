"""How an answer about time is said back: the person's words, with the little word that makes
them a sentence ("since the weekend", "for a couple of weeks"), never reworded or rounded."""

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.speech.acknowledgements import Acknowledger
from muscle_twitch.speech.names import Names
from muscle_twitch.speech.prompts import Prompts
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


AREA_ECHOES = [
    # (said, subject, said back)
    ("my left eyelid", "self", "your left eyelid"),
    ("the back of my knee", "self", "back of your knee"),
    ("both my calves", "self", "both your calves"),
    ("the back of my knee", "other", "back of their knee"),
    ("her left eyelid", "other", "her left eyelid"),
]


@pytest.mark.parametrize(("said", "subject", "echo"), AREA_ECHOES)
def test_a_place_is_said_back_from_the_skills_side(said: str, subject: str, echo: str) -> None:
    # "Got it: your back of my knee" was heard once: the person's "my" is the skill's "your".
    knowledge = load_knowledge()
    prompts = Prompts("en-US")
    prompts.about(subject)
    acknowledger = Acknowledger(prompts, knowledge, Names(prompts, knowledge))
    answers = Answers().with_terms("areas", [("leg", said)], single=False)
    assert acknowledger.said_back(acknowledger.fragment(answers, "areas")) == echo
