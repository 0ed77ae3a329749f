"""The reminders permission by voice: the AskFor request, and Alexa's answer to it.

The answers (Connections.Response fixtures shaped as Alexa documents them, in a new session with
no interview) go through a skill built with CustomSkillBuilder and the handler, and through the
same door every request takes (`handle_event`). Each response must keep the Alexa contract the
rest of the skill keeps, end the session, and start no interview.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import requests
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import ResponseEnvelope

from muscle_twitch.skill.entry import handle_event
from muscle_twitch.skill.handlers.reminder_permission import (
    SKILL_NAME,
    PermissionAnswer,
    PermissionWording,
    ReminderPermissionHandler,
    Statement,
    ask_for_permission,
    check_in_text,
    default_wording,
    permission_answer,
    statement_for_result,
)
from muscle_twitch.skill.reminders import (
    REMINDERS_SCOPE,
    ReminderResult,
    consent_card,
    days_from_token,
    permission_request_directive,
    permission_token,
)
from tests.alexa import plain
from tests.robustness.alexa_contract import check_response

from .conftest import API_TOKEN, REMINDERS, TIME_ZONE, event, handler_input_for
from .fake_alexa_api import FakeAlexaApi, Reply

ASK_FOR = {
    "type": "Connections.SendRequest",
    "name": "AskFor",
    "payload": {
        "@type": "AskForPermissionsConsentRequest",
        "@version": "2",
        "permissionScopes": [{"permissionScope": REMINDERS_SCOPE, "consentLevel": "ACCOUNT"}],
    },
    "token": "muscle-twitch-check-in:14",
}
CONSENT_CARD = {"type": "AskForPermissionsConsent", "permissions": [REMINDERS_SCOPE]}
WORDING = default_wording()  # what the handler says without a locale's wording: the shared table's


def skill_with(handler: ReminderPermissionHandler) -> CustomSkill:
    builder = CustomSkillBuilder()
    builder.add_request_handler(handler)
    skill = builder.create()
    return skill


def answer(name: str, session: requests.Session | None, api: FakeAlexaApi | None = None, **changes: Any) -> dict:
    envelope = event(name, endpoint=api.url if api else None)
    envelope["request"].update(changes)
    response = handle_event(skill_with(ReminderPermissionHandler(http=session)), envelope)
    check_response(response)
    return response


def serialized(response: Any) -> dict[str, Any]:
    return DefaultSerializer().serialize(ResponseEnvelope(version="1.0", response=response))


# Asking


def test_the_directive_asks_for_the_reminders_scope_in_the_current_format() -> None:
    assert DefaultSerializer().serialize(permission_request_directive()) == ASK_FOR
    assert DefaultSerializer().serialize(permission_request_directive(3))["token"] == "muscle-twitch-check-in:3"


def test_asking_speaks_once_then_leaves_the_microphone_to_alexa() -> None:
    response = serialized(ask_for_permission(handler_input_for(event("yes_with_reminders_permission")), days=14))
    check_response(response)
    body = response["response"]
    assert body["directives"] == [ASK_FOR]
    assert "reprompt" not in body  # Alexa asks its own question next; a reprompt would compete
    assert body["shouldEndSession"] is True
    assert plain(body["outputSpeech"]) == WORDING.asking


def test_the_fallback_card_asks_for_the_reminders_scope() -> None:
    assert DefaultSerializer().serialize(consent_card()) == CONSENT_CARD


@pytest.mark.parametrize(("days", "token"), [(14, "muscle-twitch-check-in:14"), (1, "muscle-twitch-check-in:1")])
def test_the_token_carries_the_days_and_nothing_else(days: int, token: str) -> None:
    assert permission_token(days) == token
    assert days_from_token(token) == days


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        "correlationToken",
        "muscle-twitch-check-in:",
        "muscle-twitch-check-in:0",
        "muscle-twitch-check-in:366",
        "muscle-twitch-check-in:1e3",
        "muscle-twitch-check-in:١٤",
    ],
)
def test_a_token_that_is_not_ours_carries_no_days(token: Any) -> None:
    assert days_from_token(token) is None


# Alexa's answer, in a new session


def test_accepted_creates_the_reminder_at_once_and_says_so(
    fake_api: FakeAlexaApi, trusting_session: requests.Session
) -> None:
    fake_api.reply("GET", TIME_ZONE, Reply(200, "America/New_York"))
    fake_api.reply("POST", REMINDERS, Reply(201, {"alertToken": "a"}))

    response = answer("connections_response_accepted", trusting_session, fake_api)

    post = fake_api.requests_to(REMINDERS)[0]
    assert post.headers["authorization"] == f"Bearer {API_TOKEN}"
    assert post.json()["trigger"]["scheduledTime"] == "2026-12-10T10:00:00"  # 14 days, from the token
    spoken = check_in_text().rendered(SKILL_NAME).spoken
    assert post.json()["alertInfo"]["spokenInfo"]["content"][0]["ssml"] == f"<speak>{spoken}</speak>"
    assert plain(response["response"]["outputSpeech"]) == WORDING.created.replace("{days}", "14")
    assert response["response"]["shouldEndSession"] is True
    assert "interview" not in (response.get("sessionAttributes") or {})


def test_accepted_in_the_first_format_works_too(fake_api: FakeAlexaApi, trusting_session: requests.Session) -> None:
    fake_api.reply("POST", REMINDERS, Reply(201, {}))
    response = answer("connections_response_accepted_v1", trusting_session, fake_api)
    assert len(fake_api.requests_to(REMINDERS)) == 1
    assert plain(response["response"]["outputSpeech"]) == WORDING.created.replace("{days}", "14")


def test_accepted_without_our_token_uses_two_weeks(fake_api: FakeAlexaApi, trusting_session: requests.Session) -> None:
    fake_api.reply("GET", TIME_ZONE, Reply(200, "America/New_York"))
    fake_api.reply("POST", REMINDERS, Reply(201, {}))
    answer("connections_response_accepted", trusting_session, fake_api, token="")
    assert fake_api.requests_to(REMINDERS)[0].json()["trigger"]["scheduledTime"] == "2026-12-10T10:00:00"


ACCEPTED_BUT = {
    "refused (403)": (Reply(403, {}), WORDING.needs_app, CONSENT_CARD),
    "service failing (503)": (Reply(503, {}), WORDING.unavailable, None),
    "bad request (400)": (Reply(400, {}), WORDING.failed, None),
}


@pytest.mark.parametrize(("reply", "speech", "card"), ACCEPTED_BUT.values(), ids=ACCEPTED_BUT.keys())
def test_accepted_but_the_reminder_fails_is_said_calmly(
    fake_api: FakeAlexaApi, trusting_session: requests.Session, reply: Reply, speech: str, card: Any
) -> None:
    fake_api.reply("POST", REMINDERS, reply)
    response = answer("connections_response_accepted", trusting_session, fake_api)
    assert plain(response["response"]["outputSpeech"]) == speech
    assert response["response"].get("card") == card
    assert response["response"]["shouldEndSession"] is True


NOT_ACCEPTED = {
    "denied": ("connections_response_denied", WORDING.denied, None),
    "not answered": ("connections_response_not_answered", WORDING.not_answered, None),
    "voice permission failed": ("connections_response_failed", WORDING.needs_app, CONSENT_CARD),
}


@pytest.mark.parametrize(("fixture", "speech", "card"), NOT_ACCEPTED.values(), ids=NOT_ACCEPTED.keys())
def test_without_acceptance_no_reminder_is_created_and_the_session_ends_politely(
    fake_api: FakeAlexaApi, trusting_session: requests.Session, fixture: str, speech: str, card: Any
) -> None:
    response = answer(fixture, trusting_session, fake_api)
    assert fake_api.received == []
    body = response["response"]
    assert plain(body["outputSpeech"]) == speech
    assert body.get("card") == card
    assert body["shouldEndSession"] is True
    assert "reprompt" not in body
    assert "interview" not in (response.get("sessionAttributes") or {})


@pytest.mark.parametrize("fixture", [name for name, _, _ in NOT_ACCEPTED.values()])
def test_an_answer_in_the_same_session_forgets_the_interview(
    fake_api: FakeAlexaApi, trusting_session: requests.Session, fixture: str
) -> None:
    envelope = event(fixture, endpoint=fake_api.url)
    envelope["session"]["new"] = False
    envelope["session"]["attributes"] = {"interview": {"answers": {"body_area": ["calf"]}, "asking": "onset"}}
    response = handle_event(skill_with(ReminderPermissionHandler(http=trusting_session)), envelope)
    check_response(response)
    assert response.get("sessionAttributes") in (None, {})
    assert response["response"]["shouldEndSession"] is True


def test_asking_forgets_the_interview_too() -> None:
    envelope = event("yes_with_reminders_permission")
    envelope["session"]["attributes"] = {"interview": {"answers": {"body_area": ["calf"]}, "asking": "onset"}}
    handler_input = handler_input_for(envelope)
    assert handler_input.attributes_manager.session_attributes  # the interview is there before
    ask_for_permission(handler_input, days=14)
    assert handler_input.attributes_manager.session_attributes == {}


def test_denied_says_how_to_allow_reminders_later() -> None:
    assert "Alexa app" in WORDING.denied


def test_the_handler_answers_only_askfor() -> None:
    handler = ReminderPermissionHandler()
    envelope = event("connections_response_denied")
    assert handler.can_handle(handler_input_for(envelope))
    envelope["request"]["name"] = "Upsell"
    assert not handler.can_handle(handler_input_for(envelope))
    assert not handler.can_handle(handler_input_for(event("yes_with_reminders_permission")))


def _request(status: Any = None, payload: Any = None) -> SimpleNamespace:
    return SimpleNamespace(status=SimpleNamespace(code=status) if status is not None else None, payload=payload)


SCOPE = {"permissionScope": REMINDERS_SCOPE, "consentLevel": "ACCOUNT"}
ANSWERS = {
    "status beside the scopes": (_request("200", {"permissionScopes": [SCOPE], "status": "ACCEPTED"}), "ACCEPTED"),
    "status inside the scope": (_request("200", {"permissionScopes": [{**SCOPE, "status": "DENIED"}]}), "DENIED"),
    "first format": (_request("200", {"permissionScope": REMINDERS_SCOPE, "status": "NOT_ANSWERED"}), "NOT_ANSWERED"),
    "no status code": (_request(None, {"status": "DENIED"}), "DENIED"),
    "numeric status code": (_request(200, {"status": "ACCEPTED"}), "ACCEPTED"),
    "error status code": (_request("500", {"status": "ACCEPTED"}), "VOICE_UNAVAILABLE"),
    "another scope's status": (
        _request("200", {"permissionScopes": [{"permissionScope": "alexa::profile:name:read", "status": "ACCEPTED"}]}),
        "VOICE_UNAVAILABLE",
    ),
    "contradicting statuses": (
        _request("200", {"permissionScopes": [{**SCOPE, "status": "DENIED"}], "status": "ACCEPTED"}),
        "VOICE_UNAVAILABLE",
    ),
    "unknown status": (_request("200", {"status": "MAYBE"}), "VOICE_UNAVAILABLE"),
    "no payload": (_request("200", None), "VOICE_UNAVAILABLE"),
    "payload not an object": (_request("200", ["ACCEPTED"]), "VOICE_UNAVAILABLE"),
}


@pytest.mark.parametrize(("request_", "expected"), ANSWERS.values(), ids=ANSWERS.keys())
def test_the_answer_is_read_from_either_documented_shape(request_: Any, expected: str) -> None:
    assert permission_answer(request_) is PermissionAnswer(expected)


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (ReminderResult.CREATED, Statement(WORDING.created.replace("{days}", "14"))),
        (ReminderResult.NEEDS_PERMISSION, Statement(WORDING.needs_app, consent_card=True)),
        (ReminderResult.UNAVAILABLE, Statement(WORDING.unavailable)),
        (ReminderResult.FAILED, Statement(WORDING.failed)),
    ],
)
def test_each_result_has_its_statement(result: ReminderResult, expected: Statement) -> None:
    assert statement_for_result(result, 14) == expected


def test_wording_comes_from_a_mapping_with_every_entry() -> None:
    entries = {name: f"say {name}" for name in WORDING._fields}
    assert PermissionWording.from_mapping(entries).denied == "say denied"
    with pytest.raises(ValueError, match="missing denied, failed"):
        PermissionWording.from_mapping({**entries, "denied": "", "failed": None})  # type: ignore[dict-item]


def test_the_handler_speaks_the_wording_it_is_given(fake_api: FakeAlexaApi) -> None:
    wording = PermissionWording.from_mapping({name: f"Wording for {name}." for name in WORDING._fields})
    skill = skill_with(ReminderPermissionHandler(wording=wording))
    response = handle_event(skill, event("connections_response_denied", endpoint=fake_api.url))
    assert plain(response["response"]["outputSpeech"]) == "Wording for denied."
