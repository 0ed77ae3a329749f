"""The doctor's result screen before consent carries the level and what to do, never the
person's answers nor the reasons built from them: while the summary offer was unanswered it
showed "Prednisone can sometimes cause twitching" (PRIVACY.md: answers on screen only after yes).
Driven by talking, on a screen device, from launch to the offer and past it."""

import json
from typing import Any

import pytest

from tests.alexa import Heard, asking, play, request, send
from tests.skill.test_screens import render_documents, with_screen

# What the person says where it is asked; everything else gets its plain answer (tests.alexa.play).
SAID = {"areas": "my eyelid", "triggers": "coffee"}
# the medicine, as said -> the words of the person's answers that must wait for their yes
MEDICINES = {
    "prednisone": ("prednisone", "eyelid", "coffee"),
    "i just started sertraline": ("sertraline", "eyelid", "coffee"),
}
SUMMARY_OFFER = "offer:doctor_summary"


def at_the_summary_offer(medicine: str) -> Heard:
    heard, tables = play({**SAID, "medicines": medicine}, until=asking(SUMMARY_OFFER), screen=with_screen)
    assert heard.on_the_table == SUMMARY_OFFER, f"never reached the summary offer: {tables}"
    return heard


def screen_of(heard: Heard) -> dict[str, Any]:
    [directive] = render_documents(heard)
    return directive["datasources"]["screen"]


@pytest.mark.parametrize("medicine", MEDICINES)
def test_before_yes_the_doctor_screen_shows_no_answer_and_no_reason_built_from_one(medicine: str) -> None:
    offer = at_the_summary_offer(medicine)
    shown = screen_of(offer)
    text = json.dumps(shown).lower()
    assert [word for word in MEDICINES[medicine] if word in text] == []
    assert (shown["reason"], shown["summary"]) == ("", [])
    assert shown["headline"] and shown["timeFrame"]  # the level and the action


@pytest.mark.parametrize("medicine", MEDICINES)
def test_after_yes_the_screen_shows_the_reason_and_the_answers(medicine: str) -> None:
    offer = at_the_summary_offer(medicine)
    agreed = screen_of(send(with_screen(request("yes", attributes=offer.attributes, new=False))))
    assert agreed["reason"] and agreed["reason"].rstrip(".").lower() in offer.speech.lower()  # the spoken reason
    assert "eyelid" in json.dumps(agreed["summary"]).lower()


@pytest.mark.parametrize("medicine", MEDICINES)
@pytest.mark.parametrize(
    ("intent", "slots"),
    [("AskWhatToDoIntent", {}), ("AskMyCauseIntent", {}), ("AskSeriousIntent", {}), ("WhyIntent", {})],
)
def test_a_question_asked_before_yes_is_answered_on_screen_without_their_answers(
    medicine: str, intent: str, slots: dict[str, str]
) -> None:
    """ "What can I do?", "why is mine twitching?", "is it serious?", "why?" at the summary offer:
    the answer screen (its card's text) and Yes and No for the offer, and none of their answers
    nor the reasons built from them, though the spoken answer may use them."""
    from tests.alexa import intent_event

    offer = at_the_summary_offer(medicine)
    heard = send(with_screen(intent_event(intent, slots, attributes=offer.attributes, new=False)))
    assert heard.on_the_table == SUMMARY_OFFER
    [directive] = render_documents(heard)
    assert directive["token"].endswith(".answer")
    shown = directive["datasources"]["screen"]
    text = json.dumps(shown).lower()
    assert [word for word in MEDICINES[medicine] if word in text] == []
    assert "nothing you told me" not in text  # after a doctor result, never "nothing is urgent"
    assert [c["choiceId"] for c in shown["choices"]] == ["yes", "no"]
