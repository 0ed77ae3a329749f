"""Whole conversations from launch to result, written as data in conversations.toml."""

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.alexa import Heard, intent_event, request, send

CONVERSATIONS = tomllib.loads((Path(__file__).parent / "conversations.toml").read_text("utf-8"))["conversation"]
# About two breaths: a question turn stays short; a result may take a little longer; the
# first launch carries the welcome and the spoken disclaimer as well.
MAX_WORDS_QUESTION = 50
MAX_WORDS_RESULT = 90
MAX_WORDS_WELCOME = 75


def play(turn: dict[str, Any], before: Heard | None) -> Heard:
    attributes = before.attributes if before else None
    if turn.get("launch"):
        return send(request("launch", attributes=attributes, new=True))
    return send(intent_event(turn["intent"], turn.get("slots"), attributes=attributes, new=before is None))


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c["name"] for c in CONVERSATIONS])
def test_conversation(conversation: dict[str, Any]) -> None:
    heard: Heard | None = None
    for number, turn in enumerate(conversation["turns"], 1):
        heard = play(turn, heard)
        where = f"turn {number} ({turn.get('intent', 'launch')}): {heard.speech!r}"
        if "says" in turn:
            assert turn["says"] in heard.speech, where
        if "asking" in turn:
            assert heard.asking == turn["asking"], where
        last = number == len(conversation["turns"])
        assert heard.ended == last, where
        limit = MAX_WORDS_RESULT if last else MAX_WORDS_WELCOME if number == 1 else MAX_WORDS_QUESTION
        assert len(heard.speech.split()) <= limit, where
        if not last:
            assert heard.reprompt, where
    assert heard is not None
    assert heard.outcome == conversation["outcome"]
    for line in conversation.get("card", []):
        assert line in heard.card
