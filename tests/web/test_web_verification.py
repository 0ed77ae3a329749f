"""With verification on, only a request signed by (a stand-in for) Amazon, fresh, and addressed
to this skill reaches the skill; every other request gets a 4xx and the skill never runs. The
checks that need no network come first: a stale, misaddressed or unsigned request never causes
a certificate download. (Certificate URLs: test_web_certificate_urls.py; download failures:
test_web_certificate_download.py.)"""

import datetime as dt
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from webservice.app import create_app
from webservice.settings import WebSettings

from .support import (
    CERT_URL,
    OTHER_SKILL_ID,
    SKILL_ID,
    CertificateHost,
    SigningPki,
    SkillSpy,
    launch_request,
)

# ask-sdk-webservice-support reads the certificate's naive validity dates (still correct here).
pytestmark = [
    pytest.mark.filterwarnings("ignore:Properties that return a na.ve datetime"),
    pytest.mark.filterwarnings("ignore:datetime.datetime.utcnow:DeprecationWarning"),
]


@pytest.fixture
def client(spied_skill: SkillSpy, downloads: list[str]) -> FlaskClient:
    settings = WebSettings(skill_id=SKILL_ID, verify_requests=True)
    return create_app(spied_skill.skill, settings).test_client()


def rejection_reason(caplog: pytest.LogCaptureFixture) -> str:
    """The one log line of a rejection; a rejection is never an ERROR, never a traceback."""
    messages = [r.getMessage() for r in caplog.records if r.name == "webservice.endpoint"]
    assert len(messages) == 1, messages
    assert [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info] == []
    return messages[0]


def encode(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope, separators=(",", ":")).encode("utf-8")


def signed_headers(pki: SigningPki, body: bytes, cert_url: str = CERT_URL) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "SignatureCertChainUrl": cert_url,
        "Signature-256": pki.sign(body),
    }


def test_a_correctly_signed_fresh_request_reaches_the_skill(
    client: FlaskClient, spied_skill: SkillSpy, pki: SigningPki, downloads: list[str]
) -> None:
    body = encode(launch_request())

    response = client.post("/", data=body, headers=signed_headers(pki, body))

    assert response.status_code == 200, response.get_json()
    assert "Test skill here." in response.get_json()["response"]["outputSpeech"]["ssml"]
    assert len(spied_skill.envelopes) == 1
    assert downloads == [CERT_URL]


def test_the_same_request_with_one_byte_changed_is_rejected(
    client: FlaskClient, spied_skill: SkillSpy, pki: SigningPki
) -> None:
    body = encode(launch_request())
    headers = signed_headers(pki, body)
    assert client.post("/", data=body, headers=headers).status_code == 200

    # "en-US" -> "en-UT": still valid JSON and a valid envelope; only the signature breaks.
    tampered = body.replace(b'"en-US"', b'"en-UT"')
    assert len(tampered) == len(body) and tampered != body
    response = client.post("/", data=tampered, headers=headers)

    assert response.status_code == 400
    assert len(spied_skill.envelopes) == 1  # only the untampered request got through


def _without_signature(pki: SigningPki, body: bytes) -> dict[str, str]:
    return {"Content-Type": "application/json"}


def _without_cert_url(pki: SigningPki, body: bytes) -> dict[str, str]:
    headers = signed_headers(pki, body)
    del headers["SignatureCertChainUrl"]
    return headers


def _cert_url(url: str) -> Callable[[SigningPki, bytes], dict[str, str]]:
    return lambda pki, body: signed_headers(pki, body, cert_url=url)


def _garbage_signature(pki: SigningPki, body: bytes) -> dict[str, str]:
    return {**signed_headers(pki, body), "Signature-256": "not base64 at all!"}


def _signature_of_other_body(pki: SigningPki, body: bytes) -> dict[str, str]:
    return {**signed_headers(pki, body), "Signature-256": pki.sign(body + b" ")}


# case -> (headers for a correctly signed body, why the log says it was rejected, downloads made)
REJECTED_HEADERS: dict[str, tuple[Callable[[SigningPki, bytes], dict[str, str]], str, list[str]]] = {
    "no signature headers": (_without_signature, "Missing Signature/Certificate", []),
    "signature but no certificate URL": (_without_cert_url, "Missing Signature/Certificate", []),
    "certificate URL on another host": (
        _cert_url("https://evil.example/echo.api/echo-api-cert-web-test.pem"),
        "invalid hostname",
        [],
    ),
    "signature not base64": (_garbage_signature, "Signature-256 header is not base64", []),
    "signature of another body": (_signature_of_other_body, "Request body is not valid", [CERT_URL]),
}


@pytest.mark.parametrize(
    ("make_headers", "reason", "downloaded"), REJECTED_HEADERS.values(), ids=REJECTED_HEADERS.keys()
)
def test_requests_without_a_valid_amazon_signature_never_reach_the_skill(
    client: FlaskClient,
    spied_skill: SkillSpy,
    pki: SigningPki,
    downloads: list[str],
    caplog: pytest.LogCaptureFixture,
    make_headers: Callable[[SigningPki, bytes], dict[str, str]],
    reason: str,
    downloaded: list[str],
) -> None:
    body = encode(launch_request())

    response = client.post("/", data=body, headers=make_headers(pki, body))

    assert response.status_code == 400
    assert response.get_json()["message"] == "Request failed verification."
    assert reason in rejection_reason(caplog)
    assert spied_skill.envelopes == []
    assert downloads == downloaded


def test_a_chain_that_does_not_lead_to_a_trusted_root_is_rejected(
    client: FlaskClient,
    spied_skill: SkillSpy,
    untrusted_pki: SigningPki,
    certificate_host: CertificateHost,
    caplog: pytest.LogCaptureFixture,
) -> None:
    certificate_host.reset(untrusted_pki.chain_pem)
    body = encode(launch_request())

    response = client.post("/", data=body, headers=signed_headers(untrusted_pki, body))

    assert response.status_code == 400
    assert "Certificate chain is not valid" in rejection_reason(caplog)
    assert spied_skill.envelopes == []


def _sent(offset: dt.timedelta) -> Callable[[], dict[str, Any]]:
    """A launch request stamped `offset` from the moment the test sends it."""
    return lambda: launch_request(timestamp=dt.datetime.now(dt.UTC) + offset)


def _with_request_field(**fields: Any) -> Callable[[], dict[str, Any]]:
    def make() -> dict[str, Any]:
        envelope = launch_request()
        envelope["request"].update(fields)
        return envelope

    return make


def _signed(pki: SigningPki, body: bytes) -> dict[str, str]:
    return signed_headers(pki, body)


def _signed_with_a_bad_certificate_url(pki: SigningPki, body: bytes) -> dict[str, str]:
    return signed_headers(pki, body, cert_url="https://x@s3.amazonaws.com/echo.api/echo-api-cert-web-test.pem")


STALE = _sent(-dt.timedelta(seconds=151))


def _for_another_skill() -> dict[str, Any]:
    return launch_request(skill_id=OTHER_SKILL_ID)


# case -> (envelope made at send time, its headers, why the log says it was rejected)
REJECTED_ENVELOPES: dict[str, tuple[Callable[[], dict[str, Any]], Callable[..., dict[str, str]], str]] = {
    "timestamp 151 s old": (STALE, _signed, "Timestamp verification failed"),
    "timestamp an hour old": (_sent(-dt.timedelta(hours=1)), _signed, "Timestamp verification failed"),
    "timestamp 10 minutes ahead": (_sent(dt.timedelta(minutes=10)), _signed, "Timestamp verification failed"),
    "timestamp without a time zone": (
        _with_request_field(timestamp=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")),
        _signed,
        "'request.timestamp' is not a short ISO 8601 time",
    ),
    "timestamp at the start of time": (
        _with_request_field(timestamp="0001-01-01T00:00:00+01:00"),
        _signed,
        "Timestamp verification failed",
    ),
    "another skill's ID": (_for_another_skill, _signed, "Request is for another skill"),
    "no skill ID": (lambda: {**launch_request(), "context": {"System": {}}}, _signed, "Request is for another skill"),
    # The cheap checks come first, so junk never gets as far as a download:
    "stale and unsigned": (STALE, _without_signature, "Timestamp verification failed"),
    "another skill's and unsigned": (_for_another_skill, _without_signature, "Request is for another skill"),
    "stale, with a forged certificate URL": (STALE, _signed_with_a_bad_certificate_url, "Timestamp"),
}


@pytest.mark.parametrize(
    ("make_envelope", "make_headers", "reason"), REJECTED_ENVELOPES.values(), ids=REJECTED_ENVELOPES.keys()
)
def test_stale_or_misaddressed_requests_are_refused_before_any_download(
    client: FlaskClient,
    spied_skill: SkillSpy,
    pki: SigningPki,
    downloads: list[str],
    caplog: pytest.LogCaptureFixture,
    make_envelope: Callable[[], dict[str, Any]],
    make_headers: Callable[[SigningPki, bytes], dict[str, str]],
    reason: str,
) -> None:
    body = encode(make_envelope())

    response = client.post("/", data=body, headers=make_headers(pki, body))

    assert response.status_code == 400
    assert reason in rejection_reason(caplog)
    assert spied_skill.envelopes == []
    assert downloads == []


@pytest.fixture
def chain_validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts certificate-chain path validations (certvalidator runs), leaving them real."""
    import ask_sdk_webservice_support.verifier as sdk_verifier

    counted: list[str] = []
    real_validator = sdk_verifier.CertificateValidator

    def counting_validator(*args: Any, **kwargs: Any) -> Any:
        counted.append("validated")
        return real_validator(*args, **kwargs)

    monkeypatch.setattr(sdk_verifier, "CertificateValidator", counting_validator)
    return counted


def test_the_chain_is_validated_once_while_every_body_signature_is_still_checked(
    client: FlaskClient, spied_skill: SkillSpy, pki: SigningPki, downloads: list[str], chain_validations: list[str]
) -> None:
    bodies = [encode(launch_request()) for _ in range(3)]
    statuses = [client.post("/", data=b, headers=signed_headers(pki, b)).status_code for b in bodies]
    tampered = bodies[0].replace(b'"en-US"', b'"en-UT"')
    tampered_status = client.post("/", data=tampered, headers=signed_headers(pki, bodies[0])).status_code

    assert (statuses, tampered_status) == ([200, 200, 200], 400)
    assert (len(downloads), len(chain_validations), len(spied_skill.envelopes)) == (1, 1, 3)


def test_a_validated_chain_is_validated_again_once_its_time_is_up(
    client: FlaskClient, pki: SigningPki, chain_validations: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("webservice.verifiers.VALIDATED_CHAIN_TTL_SECONDS", 0.0)
    for _ in range(2):
        body = encode(launch_request())
        assert client.post("/", data=body, headers=signed_headers(pki, body)).status_code == 200
    assert len(chain_validations) == 2
