"""schedule_check_in against a local HTTPS fake of the Reminders and Settings APIs.

What Alexa receives (path, bearer token, body), when the reminder rings (10:00 in the device's
zone, or `days` later when the zone cannot be read), and what every kind of failure becomes:
a ReminderResult, never an exception.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.services.reminder_management import (
    AlertInfo,
    PushNotification,
    PushNotificationStatus,
    ReminderRequest,
    SpokenInfo,
    SpokenText,
    Trigger,
    TriggerType,
)

from muscle_twitch.skill import reminders
from muscle_twitch.skill.reminders import ReminderResult, ReminderText, schedule_check_in

from .conftest import API_TOKEN, REMINDERS, TIME_ZONE, USER_ID, event, handler_input_for
from .fake_alexa_api import FakeAlexaApi, Reply, refused_url

SKILL = "Muscle Twitch Guide"
TEXT = ReminderText(spoken="Time for your check-in. Say: open {skill_name}.", written="Check-in: open {skill_name}")
SPOKEN = "Time for your check-in. Say: open Muscle Twitch Guide."
WRITTEN = "Check-in: open Muscle Twitch Guide"
CREATED = Reply(201, {"alertToken": "fixture-alert", "status": "ON", "version": "1"})
NEW_YORK = Reply(200, "America/New_York")


def schedule(
    api: FakeAlexaApi | None,
    session: requests.Session | None,
    *,
    days: int = 14,
    timestamp: str = "2026-11-26T12:00:00Z",
    fixture: str = "yes_with_reminders_permission",
    endpoint: str | None = None,
    text: ReminderText = TEXT,
    **changes: Any,
) -> ReminderResult:
    envelope = event(fixture, endpoint=endpoint or (api.url if api else None), timestamp=timestamp)
    system = envelope["context"]["System"]
    for key, value in changes.items():  # e.g. apiAccessToken=None removes the token
        if value is None:
            system.pop(key, None)
        else:
            system[key] = value
    return schedule_check_in(
        handler_input_for(envelope), days=days, skill_name=SKILL, text=text, forbidden_phrases=["calves"], http=session
    )


@pytest.fixture
def short_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Timeouts short enough for the fake's slow replies (1.5 s) to trip them quickly."""
    monkeypatch.setattr(reminders, "REMINDER_TIMEOUT", (1.0, 0.3))
    monkeypatch.setattr(reminders, "TIME_ZONE_TIMEOUT", (1.0, 0.3))


# What Alexa receives


def test_the_reminder_is_posted_with_the_bearer_token_and_the_check_in_text(
    fake_api: FakeAlexaApi, trusting_session: requests.Session
) -> None:
    fake_api.reply("GET", TIME_ZONE, NEW_YORK)
    fake_api.reply("POST", REMINDERS, CREATED)

    assert schedule(fake_api, trusting_session) is ReminderResult.CREATED

    zone_call, post = fake_api.received
    assert (zone_call.method, zone_call.path) == ("GET", TIME_ZONE)
    assert zone_call.headers["authorization"] == f"Bearer {API_TOKEN}"
    assert (post.method, post.path) == ("POST", REMINDERS)
    assert post.headers["authorization"] == f"Bearer {API_TOKEN}"
    assert post.headers["content-type"] == "application/json"
    assert post.json() == {
        "requestTime": "2026-11-26T12:00:00",
        "trigger": {
            "type": "SCHEDULED_ABSOLUTE",
            "scheduledTime": "2026-12-10T10:00:00",
            "timeZoneId": "America/New_York",
        },
        "alertInfo": {
            "spokenInfo": {"content": [{"locale": "en-US", "ssml": f"<speak>{SPOKEN}</speak>", "text": WRITTEN}]}
        },
        "pushNotification": {"status": "ENABLED"},
    }


@pytest.mark.parametrize("zone", ["America/New_York", None])
def test_the_body_is_what_the_sdks_reminder_request_serializes_to(
    fake_api: FakeAlexaApi, trusting_session: requests.Session, zone: str | None
) -> None:
    fake_api.reply("GET", TIME_ZONE, Reply(200, zone) if zone else Reply(404, {}))
    fake_api.reply("POST", REMINDERS, CREATED)
    schedule(fake_api, trusting_session)

    if zone:
        trigger = Trigger(TriggerType.SCHEDULED_ABSOLUTE, scheduled_time=datetime(2026, 12, 10, 10), time_zone_id=zone)
    else:
        trigger = Trigger(TriggerType.SCHEDULED_RELATIVE, offset_in_seconds=14 * 86400)
    sdk_request = ReminderRequest(
        request_time=datetime(2026, 11, 26, 12),
        trigger=trigger,
        alert_info=AlertInfo(SpokenInfo([SpokenText(locale="en-US", ssml=f"<speak>{SPOKEN}</speak>", text=WRITTEN)])),
        push_notification=PushNotification(PushNotificationStatus.ENABLED),
    )
    assert fake_api.requests_to(REMINDERS)[0].json() == DefaultSerializer().serialize(sdk_request)


def test_spoken_text_is_escaped_for_ssml(fake_api: FakeAlexaApi, trusting_session: requests.Session) -> None:
    fake_api.reply("POST", REMINDERS, CREATED)
    schedule(fake_api, trusting_session, text=ReminderText("Check-in <now> & later", "Check-in & later"))
    content = fake_api.requests_to(REMINDERS)[0].json()["alertInfo"]["spokenInfo"]["content"][0]
    assert content["ssml"] == "<speak>Check-in &lt;now&gt; &amp; later</speak>"
    assert content["text"] == "Check-in & later"


def test_the_locale_of_the_request_is_the_reminders(fake_api: FakeAlexaApi, trusting_session: requests.Session) -> None:
    fake_api.reply("POST", REMINDERS, CREATED)
    envelope = event("yes_with_reminders_permission", endpoint=fake_api.url)
    envelope["request"]["locale"] = "en-GB"
    schedule_check_in(handler_input_for(envelope), days=14, skill_name=SKILL, text=TEXT, http=trusting_session)
    assert fake_api.requests_to(REMINDERS)[0].json()["alertInfo"]["spokenInfo"]["content"][0]["locale"] == "en-GB"


# When it rings


@pytest.mark.parametrize(
    ("timestamp", "zone", "days", "rings_at"),
    [
        ("2026-11-26T12:00:00Z", "America/New_York", 14, "2026-12-10T10:00:00"),
        ("2026-11-26T23:30:00Z", "America/Los_Angeles", 14, "2026-12-10T10:00:00"),  # 15:30 there
        ("2026-11-26T23:30:00Z", "Europe/Berlin", 14, "2026-12-11T10:00:00"),  # already the 27th there
        ("2026-11-26T12:00:00Z", "Pacific/Kiritimati", 14, "2026-12-11T10:00:00"),  # UTC+14
        ("2026-03-01T15:00:00Z", "America/Chicago", 14, "2026-03-15T10:00:00"),  # across the DST change
        ("2026-11-26T12:00:00Z", "Australia/Sydney", 1, "2026-11-27T10:00:00"),  # 23:00 there
        ("2026-11-26T12:00:00Z", "UTC", 7, "2026-12-03T10:00:00"),
    ],
)
def test_an_absolute_reminder_rings_at_ten_in_the_devices_zone(
    fake_api: FakeAlexaApi, trusting_session: requests.Session, timestamp: str, zone: str, days: int, rings_at: str
) -> None:
    fake_api.reply("GET", TIME_ZONE, Reply(200, zone))
    fake_api.reply("POST", REMINDERS, CREATED)
    assert schedule(fake_api, trusting_session, timestamp=timestamp, days=days) is ReminderResult.CREATED
    trigger = fake_api.requests_to(REMINDERS)[0].json()["trigger"]
    assert trigger == {"type": "SCHEDULED_ABSOLUTE", "scheduledTime": rings_at, "timeZoneId": zone}


UNREADABLE_ZONES = {
    "not found": Reply(404, {"code": "NOT_FOUND"}),
    "forbidden": Reply(403, {"code": "ACCESS_DENIED"}),
    "server error": Reply(500, {"code": "INTERNAL_ERROR"}),
    "too slow": Reply(200, "America/New_York", delay=1.5),
    "not JSON": Reply(200, b"<html>oops</html>"),
    "not a string": Reply(200, {"timeZone": "America/New_York"}),
    "unknown zone": Reply(200, "Mars/Olympus_Mons"),
    "path-like": Reply(200, "../../etc/passwd"),
    "empty": Reply(200, ""),
}


@pytest.mark.usefixtures("short_timeouts")
@pytest.mark.parametrize("reply", UNREADABLE_ZONES.values(), ids=UNREADABLE_ZONES.keys())
def test_without_a_readable_zone_the_reminder_is_relative(
    fake_api: FakeAlexaApi, trusting_session: requests.Session, reply: Reply
) -> None:
    fake_api.reply("GET", TIME_ZONE, reply)
    fake_api.reply("POST", REMINDERS, CREATED)
    assert schedule(fake_api, trusting_session, days=14) is ReminderResult.CREATED
    assert fake_api.requests_to(REMINDERS)[0].json()["trigger"] == {
        "type": "SCHEDULED_RELATIVE",
        "offsetInSeconds": 14 * 86400,
    }


def test_without_a_device_id_the_zone_is_not_asked_for(
    fake_api: FakeAlexaApi, trusting_session: requests.Session
) -> None:
    fake_api.reply("POST", REMINDERS, CREATED)
    envelope = event("yes_with_reminders_permission", endpoint=fake_api.url)
    del envelope["context"]["System"]["device"]
    result = schedule_check_in(handler_input_for(envelope), days=3, skill_name=SKILL, text=TEXT, http=trusting_session)
    assert result is ReminderResult.CREATED
    assert [r.path for r in fake_api.received] == [REMINDERS]
    assert fake_api.received[0].json()["trigger"] == {"type": "SCHEDULED_RELATIVE", "offsetInSeconds": 3 * 86400}


# What each failure becomes


REMINDER_REPLIES = {
    "201 created": (Reply(201, {"alertToken": "a"}), ReminderResult.CREATED),
    "200 ok": (Reply(200, {"alertToken": "a"}), ReminderResult.CREATED),
    "200 with an unreadable body": (Reply(200, b"not json"), ReminderResult.CREATED),
    "400 bad request": (Reply(400, {"code": "INVALID_TRIGGER"}), ReminderResult.FAILED),
    "401 unauthorized": (Reply(401, {"code": "UNAUTHORIZED"}), ReminderResult.NEEDS_PERMISSION),
    "403 no permission": (Reply(403, {"code": "ACCESS_DENIED"}), ReminderResult.NEEDS_PERMISSION),
    "403 with an HTML body": (Reply(403, b"<html>denied</html>"), ReminderResult.NEEDS_PERMISSION),
    "404 not found": (Reply(404, {"code": "NOT_FOUND"}), ReminderResult.FAILED),
    "413 too large": (Reply(413, {}), ReminderResult.FAILED),
    "429 throttled": (Reply(429, {"code": "RATE_EXCEEDED"}), ReminderResult.UNAVAILABLE),
    "500 server error": (Reply(500, {"code": "INTERNAL_ERROR"}), ReminderResult.UNAVAILABLE),
    "503 unavailable": (Reply(503, {}), ReminderResult.UNAVAILABLE),
    "504 gateway timeout": (Reply(504, {}), ReminderResult.UNAVAILABLE),
    "too slow": (Reply(201, {"alertToken": "a"}, delay=1.5), ReminderResult.UNAVAILABLE),
}


@pytest.mark.usefixtures("short_timeouts")
@pytest.mark.parametrize(("reply", "expected"), REMINDER_REPLIES.values(), ids=REMINDER_REPLIES.keys())
def test_each_answer_of_the_reminders_api_has_its_result(
    fake_api: FakeAlexaApi, trusting_session: requests.Session, reply: Reply, expected: ReminderResult
) -> None:
    fake_api.reply("GET", TIME_ZONE, NEW_YORK)
    fake_api.reply("POST", REMINDERS, reply)
    assert schedule(fake_api, trusting_session) is expected
    assert len(fake_api.requests_to(REMINDERS)) == 1  # never retried: a retry could ring twice


def test_a_redirect_is_not_followed_with_the_token(fake_api: FakeAlexaApi, trusting_session: requests.Session) -> None:
    fake_api.reply("POST", REMINDERS, Reply(307, {}, headers=(("Location", f"{fake_api.url}/elsewhere"),)))
    assert schedule(fake_api, trusting_session, fixture="yes_with_reminders_permission") is ReminderResult.FAILED
    assert "/elsewhere" not in [r.path for r in fake_api.received]


def test_connection_refused_is_unavailable(trusting_session: requests.Session) -> None:
    assert schedule(None, trusting_session, endpoint=refused_url()) is ReminderResult.UNAVAILABLE


def test_a_certificate_nobody_trusts_is_unavailable(fake_api: FakeAlexaApi) -> None:
    fake_api.reply("POST", REMINDERS, CREATED)
    with requests.Session() as untrusting:
        untrusting.trust_env = False  # the system's CAs only: they never signed the fake's certificate
        assert schedule(fake_api, untrusting) is ReminderResult.UNAVAILABLE
    assert fake_api.received == []  # the TLS handshake failed before any request


@pytest.mark.parametrize(
    ("fixture", "changes", "expected"),
    [
        ("connections_response_denied", {}, ReminderResult.NEEDS_PERMISSION),  # no consentToken in it
        ("yes_with_reminders_permission", {"apiAccessToken": None}, ReminderResult.FAILED),
        ("yes_with_reminders_permission", {"apiEndpoint": None}, ReminderResult.FAILED),
    ],
    ids=["no permission", "no access token", "no endpoint"],
)
def test_a_request_that_cannot_create_a_reminder_sends_nothing(
    fake_api: FakeAlexaApi,
    trusting_session: requests.Session,
    fixture: str,
    changes: dict[str, Any],
    expected: ReminderResult,
) -> None:
    assert schedule(fake_api, trusting_session, fixture=fixture, **changes) is expected
    assert fake_api.received == []


def test_plain_http_is_refused(fake_api: FakeAlexaApi, trusting_session: requests.Session) -> None:
    plain = fake_api.url.replace("https://", "http://")
    assert schedule(None, trusting_session, endpoint=plain) is ReminderResult.FAILED
    assert fake_api.received == []


@pytest.mark.parametrize("days", [0, -1, 366, True, 1.5, "14"])
def test_days_out_of_range_are_refused_before_sending(
    fake_api: FakeAlexaApi, trusting_session: requests.Session, days: Any
) -> None:
    assert schedule(fake_api, trusting_session, days=days) is ReminderResult.FAILED
    assert fake_api.received == []


@pytest.mark.parametrize(
    "text",
    [
        ReminderText("How are your calves?", "Check-in"),  # a phrase the caller forbids
        ReminderText("Time for your check-in", "Is the twitching better?"),  # the skill's subject
    ],
)
def test_text_naming_a_health_phrase_is_refused_before_sending(
    fake_api: FakeAlexaApi, trusting_session: requests.Session, text: ReminderText
) -> None:
    assert schedule(fake_api, trusting_session, text=text) is ReminderResult.FAILED
    assert fake_api.received == []


def test_an_unexpected_error_is_a_result_not_an_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(reminders, "_caller", broken)
    assert schedule(None, None) is ReminderResult.FAILED


# Bounded, and quiet about the person


def test_every_call_has_a_bounded_timeout_and_follows_no_redirect(fake_api: FakeAlexaApi, certificates: Any) -> None:
    calls: list[tuple[str, Any, Any]] = []

    class Recording(requests.Session):
        def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
            calls.append((method, kwargs.get("timeout"), kwargs.get("allow_redirects")))
            return super().request(method, url, *args, **kwargs)

    fake_api.reply("GET", TIME_ZONE, NEW_YORK)
    fake_api.reply("POST", REMINDERS, CREATED)
    with Recording() as session:
        session.trust_env, session.verify = False, str(certificates.ca_file)
        schedule(fake_api, session)
    assert calls == [("GET", reminders.TIME_ZONE_TIMEOUT, False), ("POST", reminders.REMINDER_TIMEOUT, False)]
    template = (Path(__file__).parents[2] / "template.yaml").read_text("utf-8")
    lambda_timeout = int(re.search(r"^\s+Timeout: (\d+)", template, re.MULTILINE).group(1))  # type: ignore[union-attr]
    worst_case = sum(reminders.TIME_ZONE_TIMEOUT) + sum(reminders.REMINDER_TIMEOUT)
    assert worst_case <= lambda_timeout - 2  # time left for the rest of the turn


def test_the_default_session_trusts_requests_ca_bundle(
    fake_api: FakeAlexaApi, certificates: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for proxy in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificates.ca_file))
    monkeypatch.setattr(reminders, "_session", None)
    fake_api.reply("GET", TIME_ZONE, NEW_YORK)
    fake_api.reply("POST", REMINDERS, CREATED)
    assert schedule(fake_api, None) is ReminderResult.CREATED
    assert reminders._session is not None  # made once, then reused by the next reminder


@pytest.mark.usefixtures("short_timeouts")
def test_logs_hold_no_token_user_device_or_text(
    fake_api: FakeAlexaApi, trusting_session: requests.Session, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for zone_reply, reminder_reply in [
        (NEW_YORK, CREATED),
        (Reply(500, {}), Reply(403, {"code": "ACCESS_DENIED", "message": API_TOKEN})),
        (Reply(200, "America/New_York", delay=1.5), Reply(201, {}, delay=1.5)),
    ]:
        fake_api.reply("GET", TIME_ZONE, zone_reply)
        fake_api.reply("POST", REMINDERS, reminder_reply)
        schedule(fake_api, trusting_session)
    schedule(None, trusting_session, endpoint=refused_url())
    assert any(r.name == reminders.log.name for r in caplog.records)  # it did log
    everything = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (API_TOKEN, "fixture-consent-token", USER_ID, SPOKEN, WRITTEN, "check-in"):
        assert secret.lower() not in everything.lower()
    # urllib3 logs each request line at DEBUG, which names the device; nothing above DEBUG does.
    above_debug = "\n".join(r.getMessage() for r in caplog.records if r.levelno > logging.DEBUG)
    assert "FIXTUREDEVICE" not in above_debug
