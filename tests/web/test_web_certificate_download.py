"""When fetching Amazon's certificate chain fails, the answer says whose fault it is: S3 or the
network failing (5xx, a truncated body, a refused connection, a timeout) is 503, so Alexa
retries; S3 saying the named file does not exist (4xx), or a body that is no chain, is the
request's fault: 400. Either way the skill never runs, the log has one line without a
traceback, and the failure is remembered briefly (a minute for a 400, seconds for a 503) so that
requests naming the URL meanwhile cause no download. The downloads go through the real urllib
code to a stand-in host."""

import datetime as dt
import json
import logging
from typing import Any
from urllib.request import urlopen

import pytest
from flask.testing import FlaskClient

from tests.persistence.support import free_port
from webservice.app import create_app
from webservice.settings import WebSettings

from .support import CERT_URL, SKILL_ID, CertificateHost, SigningPki, SkillSpy, launch_request

pytestmark = [
    pytest.mark.filterwarnings("ignore:Properties that return a na.ve datetime"),
    pytest.mark.filterwarnings("ignore:datetime.datetime.utcnow:DeprecationWarning"),
]


def _status(code: int) -> dict[str, Any]:
    return {"behaviour": "status", "status": code}


# how the certificate host fails -> (HTTP status of the answer, what the log line says)
FAILURES: dict[str, tuple[dict[str, Any], int, str]] = {
    "S3 answers 500": (_status(500), 503, "answered HTTP 500"),
    "S3 answers 502": (_status(502), 503, "answered HTTP 502"),
    "S3 answers 503 (slow down)": (_status(503), 503, "answered HTTP 503"),
    "body cut short of its Content-Length": ({"behaviour": "truncate"}, 503, "truncated"),
    "chunked body cut short": ({"behaviour": "chunked_truncate"}, 503, "IncompleteRead"),
    "S3 never answers": ({"behaviour": "silent"}, 503, "TimeoutError"),
    "nobody listens": ({"behaviour": "refused"}, 503, "URLError"),
    "S3 answers 403 (no such file)": (_status(403), 400, "answered HTTP 403"),
    "S3 answers 404": (_status(404), 400, "answered HTTP 404"),
    "the file is not a certificate chain": ({"chain": b"<html>captive portal</html>"}, 400, "not valid"),
    "the file is far too large": ({"chain": b"-" * 70_000}, 400, "implausibly large"),
}


@pytest.fixture
def client(spied_skill: SkillSpy, downloads: list[str]) -> FlaskClient:
    return create_app(spied_skill.skill, WebSettings(skill_id=SKILL_ID)).test_client()


def post_signed(client: FlaskClient, pki: SigningPki) -> tuple[int, dict]:
    body = json.dumps(launch_request(timestamp=dt.datetime.now(dt.UTC))).encode()
    headers = {"Content-Type": "application/json", "SignatureCertChainUrl": CERT_URL, "Signature-256": pki.sign(body)}
    response = client.post("/", data=body, headers=headers)
    return response.status_code, response.get_json()


def fail_like(host: CertificateHost, monkeypatch: pytest.MonkeyPatch, failure: dict[str, Any]) -> None:
    if "chain" in failure:
        host.chain = failure["chain"]
    host.behaviour = failure.get("behaviour", "serve")
    host.status = failure.get("status", 200)
    if host.behaviour == "silent":
        monkeypatch.setattr("webservice.certificates.CERT_DOWNLOAD_TIMEOUT_SECONDS", 0.2)
    if host.behaviour == "refused":
        closed_port = free_port()
        monkeypatch.setattr(host, "url_for", lambda url: f"http://127.0.0.1:{closed_port}/echo.api/x.pem")


@pytest.mark.parametrize(("failure", "status", "logged"), FAILURES.values(), ids=FAILURES.keys())
def test_a_failed_download_is_503_when_s3_or_the_network_fails_and_400_when_the_request_is_at_fault(
    client: FlaskClient,
    spied_skill: SkillSpy,
    pki: SigningPki,
    certificate_host: CertificateHost,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: dict[str, Any],
    status: int,
    logged: str,
) -> None:
    fail_like(certificate_host, monkeypatch, failure)

    assert post_signed(client, pki)[0] == status

    [line] = [r for r in caplog.records if r.name == "webservice.endpoint"]
    assert logged in line.getMessage()
    assert line.exc_info is None
    assert line.levelno == (logging.ERROR if status == 503 else logging.WARNING)
    assert spied_skill.envelopes == []


class Clock:
    """Stands in for the verifiers' ``time`` module: monotonic time moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


# how the download fails -> (the answer, how long the failure is remembered)
REMEMBERED = {
    "S3 unavailable": ({"behaviour": "truncate"}, 503, "UNAVAILABLE_CHAIN_TTL_SECONDS"),
    "S3 says no such file": (_status(404), 400, "REFUSED_CHAIN_TTL_SECONDS"),
    "not a chain": ({"chain": b"<html>captive portal</html>"}, 400, "REFUSED_CHAIN_TTL_SECONDS"),
}


@pytest.mark.parametrize(("failure", "status", "ttl"), REMEMBERED.values(), ids=REMEMBERED.keys())
def test_a_failed_download_is_remembered_briefly_then_tried_again(
    client: FlaskClient,
    pki: SigningPki,
    certificate_host: CertificateHost,
    downloads: list[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: dict[str, Any],
    status: int,
    ttl: str,
) -> None:
    import webservice.verifiers

    clock = Clock()
    monkeypatch.setattr(webservice.verifiers, "time", clock)
    fail_like(certificate_host, monkeypatch, failure)

    assert [post_signed(client, pki)[0] for _ in range(3)] == [status] * 3
    assert downloads == [CERT_URL]

    clock.now += getattr(webservice.verifiers, ttl) + 1
    certificate_host.reset(pki.chain_pem)
    assert post_signed(client, pki)[0] == 200
    assert downloads == [CERT_URL, CERT_URL]


def test_the_stand_in_host_serves_the_whole_chain_when_told_to(certificate_host: CertificateHost) -> None:
    """The failures above are the host's doing, not a broken stand-in."""
    with urlopen(certificate_host.url_for(CERT_URL), timeout=5) as response:
        assert response.read() == certificate_host.chain
