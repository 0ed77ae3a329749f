"""The HTTP surface: health check, status codes for bad input (4xx, never 500), the loud warning
when verification is off, and failures of the skill answered like the Lambda door answers."""

import json
import logging
from io import BytesIO
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muscle_twitch.skill.entry import apology_response
from webservice.app import VERIFICATION_OFF_WARNING, create_app
from webservice.settings import SettingsError, WebSettings

from .support import OTHER_SKILL_ID, SKILL_ID, SkillSpy, build_test_skill, launch_request

VERIFYING = WebSettings(skill_id=SKILL_ID, verify_requests=True)
LOCAL_DEV = WebSettings(skill_id=SKILL_ID, verify_requests=False)


def client_for(spy: SkillSpy, web_settings: WebSettings) -> FlaskClient:
    return create_app(spy.skill, web_settings).test_client()


@pytest.mark.parametrize("web_settings", [VERIFYING, LOCAL_DEV], ids=["verifying", "local dev"])
def test_health_answers_200_without_any_alexa_headers(spied_skill: SkillSpy, web_settings: WebSettings) -> None:
    response = client_for(spied_skill, web_settings).get("/health")
    assert (response.status_code, response.get_json()) == (200, {"status": "ok"})


# (method, path) -> status
WRONG_METHODS = {("GET", "/"): 405, ("PUT", "/"): 405, ("POST", "/health"): 405, ("GET", "/x"): 404}


@pytest.mark.parametrize(("method", "path", "status"), [(*k, v) for k, v in WRONG_METHODS.items()])
def test_other_methods_and_paths_get_json_errors(spied_skill: SkillSpy, method: str, path: str, status: int) -> None:
    response = client_for(spied_skill, VERIFYING).open(path, method=method)
    assert response.status_code == status
    assert response.get_json()["error"]


def test_a_launch_request_reaches_the_skill_with_verification_off(spied_skill: SkillSpy) -> None:
    response = client_for(spied_skill, LOCAL_DEV).post("/", json=launch_request())
    assert response.status_code == 200
    assert "Test skill here." in response.get_json()["response"]["outputSpeech"]["ssml"]
    assert len(spied_skill.envelopes) == 1


def test_another_skills_request_is_rejected_even_with_verification_off(
    spied_skill: SkillSpy,
) -> None:
    response = client_for(spied_skill, LOCAL_DEV).post("/", json=launch_request(skill_id=OTHER_SKILL_ID))
    assert response.status_code == 400
    assert spied_skill.envelopes == []


# body -> what the 400 says was wrong (after "not an Alexa request envelope: ")
NOT_ALEXA_REQUESTS = {
    "empty body": (b"", "the body is empty"),
    "only whitespace": (b"  \n ", "the body is empty"),
    "truncated JSON": (b'{"version": "1.0", "request": {', "the body is not JSON (at character 31)"),
    "not JSON": (b"hello alexa", "the body is not JSON (at character 0)"),
    "not UTF-8": (b'{"request": "\xff\xfe"}', "the body is not UTF-8 text"),
    "a JSON array": (b"[]", "the body is a JSON array, not an object"),
    "JSON null": (b"null", "the body is a JSON null, not an object"),
    "a JSON number": (b"42", "the body is a JSON number, not an object"),
    "a JSON string": (b'"LaunchRequest"', "the body is a JSON string, not an object"),
    "an empty object": (b"{}", "missing 'request'"),
    "request is a string": (b'{"request": "LaunchRequest"}', "'request' is a JSON string, not an object"),
    "request without a type": (b'{"request": {}}', "missing 'request.type'"),
    "request type not a string": (b'{"request": {"type": 7}}', "'request.type' is a JSON number, not a request type"),
    "empty request type": (b'{"request": {"type": ""}}', "'request.type' is a JSON string, not a request type"),
    "unknown request type": (
        b'{"request": {"type": "Nonsense"}}',
        "'request.type' is not a request type the ASK SDK knows",
    ),
    "a timestamp that is an object": (
        b'{"request": {"type": "LaunchRequest", "timestamp": {"when": "now"}}}',
        "'request.timestamp' is not a short ISO 8601 time",
    ),
    "a timestamp without a time zone": (
        b'{"request": {"type": "LaunchRequest", "timestamp": "2026-11-26T12:00:00"}}',
        "'request.timestamp' is not a short ISO 8601 time",
    ),
    "a 130 KB timestamp": (
        b'{"request": {"type": "LaunchRequest", "timestamp": "' + b"9." * 65_000 + b'"}}',
        "'request.timestamp' is not a short ISO 8601 time",
    ),
    "a long time in a skill event": (
        b'{"request": {"type": "AlexaSkillEvent.SkillDisabled", "eventCreationTime": "' + b"9." * 5000 + b'"}}',
        "'eventCreationTime' is not a short ISO 8601 time",
    ),
    "nested deeper than any envelope": (
        b'{"request": {"type": "LaunchRequest", "x": ' + b"[" * 100 + b"]" * 100 + b"}}",
        "the envelope is nested more than 40 levels deep",
    ),
    "more values than any envelope": (
        b'{"request": {"type": "LaunchRequest"}, "x": ' + json.dumps([[[0] * 64] * 64] * 2).encode() + b"}",
        "the envelope has more than 5000 values",
    ),
    "nested past the parser's recursion limit": (b"[" * 20_000 + b"]" * 20_000, "the body's JSON is nested too deeply"),
}


@pytest.mark.parametrize("web_settings", [VERIFYING, LOCAL_DEV], ids=["verifying", "local dev"])
@pytest.mark.parametrize(("body", "problem"), NOT_ALEXA_REQUESTS.values(), ids=NOT_ALEXA_REQUESTS.keys())
def test_bodies_that_are_no_alexa_request_get_400_saying_what_is_wrong(
    spied_skill: SkillSpy, web_settings: WebSettings, body: bytes, problem: str
) -> None:
    response = client_for(spied_skill, web_settings).post("/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["message"].startswith(f"not an Alexa request envelope: {problem}")
    assert spied_skill.envelopes == []


def test_an_envelope_the_sdk_cannot_read_is_a_400_after_the_cheap_checks(spied_skill: SkillSpy) -> None:
    envelope = launch_request()
    envelope["request"] = {"type": "IntentRequest", "timestamp": envelope["request"]["timestamp"], "intent": [1]}
    response = client_for(spied_skill, LOCAL_DEV).post("/", json=envelope)
    assert response.status_code == 400
    assert response.get_json()["message"] == (
        "not an Alexa request envelope: the ASK SDK cannot read it (SerializationException)"
    )
    assert spied_skill.envelopes == []


def test_with_verification_off_a_rejection_names_the_failed_check(spied_skill: SkillSpy) -> None:
    response = client_for(spied_skill, LOCAL_DEV).post("/", json=launch_request(skill_id=OTHER_SKILL_ID))
    assert response.status_code == 400
    assert response.get_json()["message"] == "Request failed verification: Request is for another skill"


def test_with_verification_on_a_rejection_names_no_check(spied_skill: SkillSpy) -> None:
    response = client_for(spied_skill, VERIFYING).post("/", json=launch_request())
    assert response.status_code == 400
    assert response.get_json()["message"] == "Request failed verification."


SMALL_LIMIT = WebSettings(skill_id=SKILL_ID, verify_requests=False, max_body_bytes=2048)


def body_of_size(size: int) -> bytes:
    """A valid launch request padded with JSON whitespace to exactly ``size`` bytes."""
    body = json.dumps(launch_request()).encode()
    assert len(body) <= size
    return body + b" " * (size - len(body))


# (body size, sent chunked without Content-Length) -> status
BODY_SIZES = {
    (2048, False): 200,
    (2049, False): 413,
    (100_000, False): 413,
    (2048, True): 200,
    (2049, True): 413,
    (100_000, True): 413,
}


@pytest.mark.parametrize(("size", "chunked", "status"), [(*k, v) for k, v in BODY_SIZES.items()])
def test_bodies_over_the_limit_get_413_and_never_reach_the_skill(
    spied_skill: SkillSpy, size: int, chunked: bool, status: int
) -> None:
    client = client_for(spied_skill, SMALL_LIMIT)
    body = body_of_size(size)
    if chunked:
        response = client.post(
            "/",
            input_stream=BytesIO(body),
            headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"},
            environ_overrides={"wsgi.input_terminated": True},  # as gunicorn sets it
        )
    else:
        response = client.post("/", data=body, content_type="application/json")

    assert response.status_code == status
    assert len(spied_skill.envelopes) == (1 if status == 200 else 0)


def test_a_failing_skill_gets_the_same_apology_as_the_lambda_door(
    spied_skill: SkillSpy, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_invoke(request_envelope: Any, context: Any) -> Any:
        raise RuntimeError("handler bug")

    monkeypatch.setattr(spied_skill.skill, "invoke", broken_invoke)
    envelope = launch_request()
    envelope["session"]["attributes"] = {"interview": {"asked": ["where"]}}

    response = client_for(spied_skill, LOCAL_DEV).post("/", json=envelope)

    assert response.status_code == 200
    assert response.get_json() == apology_response(envelope)


def test_turning_verification_off_logs_a_loud_warning(spied_skill: SkillSpy, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="webservice"):
        create_app(spied_skill.skill, LOCAL_DEV)
    warnings = [r for r in caplog.records if r.getMessage() == VERIFICATION_OFF_WARNING]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    assert "ALEXA REQUEST VERIFICATION IS OFF" in VERIFICATION_OFF_WARNING


def test_verification_on_logs_no_such_warning(spied_skill: SkillSpy, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="webservice"):
        create_app(spied_skill.skill, VERIFYING)
    assert "VERIFICATION IS OFF" not in caplog.text


def test_a_skill_built_for_another_id_refuses_to_start() -> None:
    with pytest.raises(SettingsError):
        create_app(build_test_skill(skill_id=OTHER_SKILL_ID), VERIFYING)


def test_building_the_app_leaves_the_shared_skill_unchanged() -> None:
    skill = build_test_skill()
    user_agent = skill.custom_user_agent
    create_app(skill, VERIFYING)
    create_app(skill, LOCAL_DEV)
    assert skill.custom_user_agent == user_agent


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["request", "type", "context", "session", "x"]), children)
    ),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=64) | json_values.map(lambda v: json.dumps(v).encode()))
def test_no_body_ever_gets_a_server_error(body: bytes) -> None:
    skill = build_test_skill()
    for web_settings in (VERIFYING, LOCAL_DEV):
        response = create_app(skill, web_settings).test_client().post("/", data=body)
        assert response.status_code < 500, (body, response.get_json())
