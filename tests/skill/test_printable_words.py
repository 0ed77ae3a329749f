"""The person's own words are kept, and echoed, with printable characters only: a value of
NUL, a lone surrogate or U+FFFF resolved to an area was echoed as "Got it: your ." and kept in
the session. Words with something printable keep only that; words with nothing printable are
not an answer (the skill reads words, and there are none), so nothing is echoed or kept."""

import pytest

from muscle_twitch.core.answers import MAX_SAID_CHARS, Answers
from tests.alexa import Heard, answer_event, send, state

ASKING_AREAS = state("areas", emergency="no")


def heard_as(words: str) -> Heard:
    """`words` in the areas slot, resolved to the eyelid as if Alexa had matched them."""
    event = answer_event("eyelid", attributes=ASKING_AREAS)
    slot = event["request"]["intent"]["slots"]["areas"]
    slot["value"] = slot["slotValue"]["value"] = words
    return send(event)


def printable(text: str) -> bool:
    return text.isprintable()


@pytest.mark.parametrize("words", ["\x00", "\ud800", "\uffff", "\x00\ud800\uffff \u200b"])
def test_words_with_nothing_printable_are_not_echoed_or_kept(words: str) -> None:
    heard = heard_as(words)
    assert heard.speech.startswith("Sorry, I didn't catch that."), heard.speech
    assert printable(heard.speech)
    answers = heard.attributes["interview"]["answers"]
    assert "said" not in answers and "areas" not in answers["values"]


@pytest.mark.parametrize(
    ("words", "kept"),
    [("my left\x00 eyelid\ud800", "left eyelid"), ("my left\x00 eye\ufffflid\ud800", None), ("eye\ufffflid", None)],
)
def test_printable_words_keep_only_their_printable_characters(words: str, kept: str | None) -> None:
    heard = heard_as(words)
    said = heard.attributes["interview"]["answers"]["said"]["areas"]["eyelid"]
    assert printable(said) and said.strip()
    assert kept is None or said == kept
    assert heard.speech.startswith(f"Got it: your {said}."), heard.speech
    assert printable(heard.speech)


def test_kept_words_are_printable_and_bounded() -> None:
    answers = Answers().with_terms("areas", [("calf", "\x00" + "calf " * 40)], single=False)
    kept = answers.said["areas"]["calf"]
    assert kept.isprintable() and len(kept) <= MAX_SAID_CHARS
