"""The reminder offer in a whole conversation with the real skill: yes with the permission
creates it, yes without asks for the permission, the permission's answer comes back in a new
session, and no keeps the goodbye. Nothing about the person's health goes into the reminder."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from lambda_function import lambda_handler
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.skill import reminders
from muscle_twitch.skill.check_ins import forbidden_phrases
from tests.alexa import Heard, asking, play, say

from .conftest import REMINDERS, TIME_ZONE, event
from .fake_alexa_api import Certificates, FakeAlexaApi, Reply

# The offer a self-care result makes: a reminder.
REMINDER = f"offer:{load_knowledge().offers['self_care']}"


def offered() -> Heard:
    """A plain interview to its self-care result, which offers the reminder."""
    heard, _ = play(until=asking(REMINDER))
    assert heard.question == REMINDER and "remind you in two weeks" in heard.speech
    assert heard.level == "self_care"
    return heard


def answer_with_permission(attributes: dict[str, Any], endpoint: str) -> Heard:
    yes = event("yes_with_reminders_permission", endpoint=endpoint)
    yes["session"]["attributes"] = copy.deepcopy(attributes)
    return Heard(lambda_handler(yes, None))


@pytest.fixture
def trusted_fake(fake_api: FakeAlexaApi, certificates: Certificates, monkeypatch: pytest.MonkeyPatch) -> FakeAlexaApi:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificates.ca_file))
    monkeypatch.setattr(reminders, "_session", None)  # a new session reads the trusted bundle
    return fake_api


def test_yes_with_the_permission_creates_a_reminder_that_names_no_health_detail(trusted_fake: FakeAlexaApi) -> None:
    trusted_fake.reply("GET", TIME_ZONE, Reply(200, "Europe/London"))
    trusted_fake.reply("POST", REMINDERS, Reply(201, {"alertToken": "t"}))
    heard = answer_with_permission(offered().attributes, trusted_fake.url)
    assert heard.speech.startswith("Done: a reminder in two weeks will ask you to check in.")
    assert heard.ended and not heard.attributes
    [sent] = trusted_fake.requests_to(REMINDERS)
    body = sent.json()
    text = str(body["alertInfo"]).lower()
    assert "muscle twitch guide" in text
    assert reminders.health_phrases_in(text, forbidden_phrases(load_knowledge()), allowed=["muscle twitch guide"]) == []
    assert body["trigger"]["type"] == "SCHEDULED_ABSOLUTE" and body["trigger"]["timeZoneId"] == "Europe/London"


def test_a_reminders_service_that_fails_gets_a_calm_answer(trusted_fake: FakeAlexaApi) -> None:
    trusted_fake.reply("POST", REMINDERS, Reply(503, {}))
    heard = answer_with_permission(offered().attributes, trusted_fake.url)
    assert heard.speech.startswith("Sorry, I couldn't reach the reminders service just now")
    assert heard.ended


def test_yes_without_the_permission_asks_for_it_by_voice_then_a_denial_is_answered_politely() -> None:
    heard = say("yes", offered())
    assert heard.speech == "To set the reminder, I need your permission."
    [directive] = heard.directives
    assert directive["type"] == "Connections.SendRequest" and directive["name"] == "AskFor"
    assert heard.ended and not heard.attributes  # nothing of the interview waits for the answer
    denied = Heard(lambda_handler(event("connections_response_denied"), None))
    assert denied.speech.startswith("All right, no reminder.")
    assert "Alexa app" in denied.speech and denied.ended


def test_no_to_the_reminder_keeps_the_goodbye_and_calls_nothing(fake_api: FakeAlexaApi) -> None:
    heard = say("no", offered())
    assert heard.ended and heard.speech.startswith("Okay. Take care")
    assert fake_api.received == []


def test_coming_back_through_the_reminder_starts_fresh() -> None:
    heard = say("launch", new=True)
    assert heard.question == "emergency" and heard.speech.startswith("Welcome to Muscle Twitch Guide.")
