"""The person's own words are kept, and echoed, with printable characters only: a value of
NUL, a lone surrogate or U+FFFF resolved to an area was echoed as "Got it: your ." and kept in
the session. Words with something printable keep that; words with nothing printable are not
kept, and the echo names the area in the skill's own word."""

import pytest

from muscle_twitch.core.answers import MAX_SAID_CHARS, Answers
from tests.alexa import request, send, state

ASKING_AREAS = state("areas", asked=2, emergency="no")


def heard_as(words: str) -> dict:
    event = request("body_area_eyelid", attributes=ASKING_AREAS)
    slot = event["request"]["intent"]["slots"]["areas"]
    slot["value"] = slot["slotValue"]["value"] = words
    return send(event)


@pytest.mark.parametrize("words", ["\x00", "\ud800", "\uffff", "\x00\ud800\uffff \u200b"])
def test_words_with_nothing_printable_are_not_echoed_or_kept(words: str) -> None:
    heard = heard_as(words)
    assert heard.speech.startswith("Got it: eyelid."), heard.speech  # the skill's own word
    assert "said" not in heard.attributes["interview"]["answers"]


def test_printable_words_keep_only_their_printable_characters() -> None:
    heard = heard_as("my left\x00 eye\ufffflid\ud800")
    assert heard.speech.startswith("Got it: your left eyelid."), heard.speech
    assert heard.attributes["interview"]["answers"]["said"] == {"areas": {"eyelid": "my left eyelid"}}


def test_kept_words_are_printable_and_bounded() -> None:
    answers = Answers().with_terms("areas", [("calf", "\x00" + "calf " * 40)], single=False)
    kept = answers.said["areas"]["calf"]
    assert kept.isprintable() and len(kept) <= MAX_SAID_CHARS
