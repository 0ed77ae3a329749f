"""Screens: only a device that renders APL gets them, every question and result is shown, a
touch is the same evidence as the spoken answer, and a device without a screen hears exactly
what it heard before screens existed."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from muscle_twitch import screens
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.skill import turn
from simulator.devices import DEVICES
from tests.alexa import (
    FIXTURES,
    Heard,
    answer,
    answer_slot,
    dialog_intent,
    play,
    request,
    send,
    slot_type,
    state,
    value_name,
)

FIXTURE_NAMES = sorted(path.stem for path in Path(FIXTURES).glob("*.json"))
ASKING_AREAS = state("areas", emergency="no")


def with_screen(event: dict[str, Any], device: str = "show8") -> dict[str, Any]:
    screened = copy.deepcopy(event)
    viewport = DEVICES[device].viewport()
    screened["context"]["System"]["device"]["supportedInterfaces"] = {
        "Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}
    }
    screened["context"]["Viewport"] = viewport
    return screened


def render_documents(heard: Heard) -> list[dict[str, Any]]:
    return [d for d in heard.directives if d.get("type") == screens.RENDER_DOCUMENT]


def touch(arguments: list[str], attributes: dict[str, Any]) -> dict[str, Any]:
    event = with_screen(request("launch", attributes=attributes, new=False))
    event["request"] = {
        "type": screens.USER_EVENT,
        "requestId": "amzn1.echo-api.request.touch",
        "timestamp": "2026-11-26T12:00:00Z",
        "locale": "en-US",
        "token": "muscle-twitch-guide.question",
        "arguments": arguments,
        "source": {"type": "TouchWrapper", "handler": "Press", "id": "answer"},
    }
    return event


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_a_device_without_a_screen_gets_no_screen_and_the_same_answer(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = request(name)
    heard = send(copy.deepcopy(event))
    assert not render_documents(heard)
    monkeypatch.setattr(turn, "has_screen", lambda _: False)  # as if screens did not exist
    assert send(copy.deepcopy(event)).body == heard.body


def test_every_question_on_a_screen_device_comes_with_its_screen() -> None:
    heard = send(with_screen(request("launch")))
    [directive] = render_documents(heard)
    data = directive["datasources"]["screen"]
    assert "trouble breathing" in data["title"]
    assert [(c["questionId"], c["choiceId"]) for c in data["choices"]] == [
        ("emergency", "yes"),
        ("emergency", "no"),
        ("emergency", "unsure"),
    ]


def spoken_choice(question: str, choice: str) -> str:
    """The words the model lists for a choice: a value of the question's slot type, or a reply."""
    slot = answer_slot(question)
    kind = load_knowledge().question(question).kind
    if kind and choice in load_knowledge().terms[kind]:
        return value_name(slot_type(dialog_intent(), slot) or "", choice)
    return value_name(slot_type(dialog_intent(), answer_slot("")) or "", choice)


@pytest.mark.parametrize("choice", load_knowledge().question("areas").choices)
def test_a_touched_answer_is_the_same_evidence_as_the_spoken_one(choice: str) -> None:
    heard = send(touch(["answer", "areas", choice], ASKING_AREAS))
    spoken = answer(spoken_choice("areas", choice), attributes=ASKING_AREAS)
    assert heard.on_the_table == spoken.on_the_table and heard.on_the_table not in (None, "areas")
    touched, said = heard.attributes["interview"]["answers"], spoken.attributes["interview"]["answers"]
    assert (touched["values"], touched.get("unsure")) == (said["values"], said.get("unsure"))
    assert render_documents(heard)


@pytest.mark.parametrize(
    "arguments",
    [["answer", "symptoms", "weakness"], ["answer", "areas", "spleen"], ["offer", "yes"], ["nonsense"], []],
    ids=["another question", "unknown choice", "offer without one", "junk", "empty"],
)
def test_a_stale_or_foreign_touch_shows_and_asks_the_current_question(arguments: list[str]) -> None:
    heard = send(touch(arguments, ASKING_AREAS))
    assert heard.question == "areas"
    assert heard.attributes == ASKING_AREAS


def test_a_touch_when_no_interview_is_on_opens_the_skill() -> None:
    heard = send(touch(["answer", "areas", "eyelid"], {}))
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")


@pytest.mark.parametrize("device", ["spot", "show5", "show8", "show15", "firetv"])
def test_the_emergency_result_screen_shows_the_number(device: str) -> None:
    heard = send(with_screen(request("yes", attributes=state("emergency", asked=1)), device))
    [directive] = render_documents(heard)
    assert directive["datasources"]["screen"]["number"] == "911"
    assert heard.ended


def test_the_doctors_summary_reaches_the_screen_only_after_yes() -> None:
    said = {"areas": "my calf", "onset": "a month ago", "frequency": "every day"}
    result, _ = play(said, until=lambda heard: heard.on_the_table == "offer:doctor_summary", screen=with_screen)
    [shown] = render_documents(result)
    assert shown["datasources"]["screen"]["summary"] == []
    agreed = send(with_screen(request("yes", attributes=result.attributes)))
    [summary] = render_documents(agreed)
    assert any(row["value"] == "calf" for row in summary["datasources"]["screen"]["summary"])
    assert json.dumps(agreed.body).count("calf") >= 1


# The screens that say a result: shown only once the interview has given one.
RESULT_SCREENS = {"emergency", "self_care", "doctor"}


@pytest.mark.parametrize(
    "before",
    [None, state(load_knowledge().questions[0].id), ASKING_AREAS],
    ids=["opening the session", "at the safety check", "mid-interview"],
)
def test_a_question_of_their_own_shows_no_result_before_the_interview_gives_one(before: dict[str, Any] | None) -> None:
    """ "Is it serious?" is answered by voice; the screen must not say "Nothing sounds urgent"
    while the safety check, or the rest of the interview, is still to come."""
    heard = send(with_screen(request("ask_serious", attributes=before, new=before is None)))
    assert heard.level is None and not heard.ended
    shown = {d["token"].removeprefix(screens.TOKEN_PREFIX): d["datasources"]["screen"] for d in render_documents(heard)}
    assert set(shown) & RESULT_SCREENS == set(), shown
    table = heard.on_the_table or ""
    if not table.startswith("offer:"):  # the question still asked is the one on screen
        assert [s.get("questionId") for s in shown.values()] == [table]


def test_a_one_shot_question_on_a_screen_shows_its_answer_with_yes_and_no_for_the_check() -> None:
    """ "Alexa, ask muscle twitch guide: is it ALS?": the answer's written text (its card's) with a
    title and the disclaimer, and Yes and No for the short check offered; no result screen, since
    no interview has given one. Touching Yes starts the check: its first question is on screen."""
    heard = send(with_screen(request("ask_disease_als", new=True)))
    assert heard.on_the_table == "offer:check" and not heard.ended
    [directive] = render_documents(heard)
    assert directive["token"] == screens.TOKEN_PREFIX + "answer"
    shown = directive["datasources"]["screen"]
    assert f"{shown['text']}\n\n{shown['source']}" == heard.card  # the card's text, as written
    assert "ALS" in shown["text"] and shown["title"] and shown["disclaimer"]
    assert shown["offer"] and shown["offer"] in heard.speech  # the offer said is the offer shown
    assert [(c["kind"], c["choiceId"]) for c in shown["choices"]] == [("offer", "yes"), ("offer", "no")]

    started = send(touch(["offer", "yes"], heard.attributes))
    assert started.on_the_table == load_knowledge().questions[0].id
    [question] = render_documents(started)
    assert question["datasources"]["screen"]["questionId"] == started.on_the_table
    declined = send(touch(["offer", "no"], heard.attributes))
    assert declined.ended and not render_documents(declined)


def test_a_question_at_a_results_offer_shows_its_answer_with_yes_and_no_for_that_offer() -> None:
    """ "Can coffee cause this?" after a self-care result: the answer, then the reminder offer
    still waiting, with Yes and No; never the result screen again in its place."""
    from tests.alexa import asking, intent_event, play

    result, _ = play(until=asking("offer:reminder"), screen=with_screen)
    assert result.on_the_table == "offer:reminder"
    heard = send(
        with_screen(intent_event("AskTriggerLinkIntent", {"triggers": "coffee"}, attributes=result.attributes))
    )
    assert heard.on_the_table == "offer:reminder"
    [directive] = render_documents(heard)
    shown = directive["datasources"]["screen"]
    assert directive["token"] == screens.TOKEN_PREFIX + "answer"
    assert shown["offer"] and shown["offer"] in heard.speech
    assert [c["choiceId"] for c in shown["choices"]] == ["yes", "no"]
