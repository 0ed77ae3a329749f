"""Every question of the person's own (each Ask<Topic>Intent of the model) in every locale: asked
as the skill opens, in the middle of a question and at the offer after a result, it is answered
within the word budget with its card and source line, and the conversation goes back to exactly
what was on the table (the same question, without counting a try; the same offer). The intents,
their slot values, the answers' sources and the locales all come from the tables and models."""

from __future__ import annotations

import re
from typing import Any

import pytest

from muscle_twitch.core.interview import CHECK_OFFER
from muscle_twitch.core.topics import load_answers
from muscle_twitch.locales import supported_locales
from muscle_twitch.skill.slots import QUESTION_INTENTS
from tests.alexa import (
    Heard,
    asking,
    intent_event,
    interaction_model,
    model_intents,
    play,
    send,
    slot_type,
    value_name,
)
from tests.simulator.conversations import BEFORE_QUESTION_AFTER_AN_ANSWER, words_before_question

LOCALES = supported_locales()
WHERE = ("opening", "mid-interview", "at an offer")
# The question asked in the middle of the interview: the first one after the safety check.
MID = "areas"


def _question(intent: str, locale: str) -> dict[str, Any]:
    """The intent as Alexa sends it in `locale`, for a sample without a slot where it has one (a
    place said in the question is a fact the interview takes), else each slot filled with the
    first value its type lists there."""
    samples = model_intents(locale)[intent].get("samples") or []
    sample = next((s for s in samples if "{" not in s), samples[0] if samples else "")
    slots = {}
    for name in re.findall(r"\{(\w+)\}", sample):
        type_name = slot_type(intent, name, locale) or ""
        types = {t["name"]: t for t in interaction_model(locale)["languageModel"]["types"]}
        first = types[type_name]["values"][0]["id"]
        slots[name] = value_name(type_name, first, locale)
    return intent_event(intent, slots, locale=locale)


def _in(where: str, locale: str) -> Heard:
    if where == "mid-interview":
        heard, _ = play(until=asking(MID), locale=locale)
    else:
        heard, _ = play(until=lambda h: (h.on_the_table or "").startswith("offer:"), locale=locale)
    assert not heard.ended
    return heard


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("intent", sorted(QUESTION_INTENTS))
@pytest.mark.parametrize("locale", LOCALES)
def test_a_question_of_their_own_is_answered_and_the_conversation_goes_back(
    locale: str, intent: str, where: str
) -> None:
    event = _question(intent, locale)
    if where == "opening":
        event["session"]["new"] = True
        event["session"]["attributes"] = {}
        before = None
    else:
        before = _in(where, locale)
        event["session"]["new"] = False
        event["session"]["attributes"] = before.attributes
    heard = send(event)
    source = load_answers()[QUESTION_INTENTS[intent]].card_source
    assert heard.card.rstrip().endswith(source), heard.card
    assert not heard.ended
    assert words_before_question(heard.speech) <= BEFORE_QUESTION_AFTER_AN_ANSWER + (
        30 if where == "opening" else 0  # the welcome and the spoken disclaimer come first
    ), heard.speech
    if before is None:
        assert heard.on_the_table == f"offer:{CHECK_OFFER}"
        return
    assert heard.on_the_table == before.on_the_table
    was, now = before.attributes["interview"], heard.attributes["interview"]
    assert now.get("tries", 0) == was.get("tries", 0), "a question of their own counted as a failed try"
    assert now.get("answers") == was.get("answers")
