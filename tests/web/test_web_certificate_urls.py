"""The SignatureCertChainUrl header, attacked as a caller would: every request here is fresh,
for this skill and correctly signed, so the URL is the only thing wrong. A refused URL gets 400
before anything is downloaded; an accepted one is fetched only as the canonical URL rebuilt from
its checked parts, never as the caller wrote it."""

import datetime as dt
import json
import logging

import pytest
from flask.testing import FlaskClient

from webservice.app import create_app
from webservice.settings import WebSettings

from .support import CERT_URL, SKILL_ID, SigningPki, SkillSpy, launch_request

pytestmark = [
    pytest.mark.filterwarnings("ignore:Properties that return a na.ve datetime"),
    pytest.mark.filterwarnings("ignore:datetime.datetime.utcnow:DeprecationWarning"),
]

FILE = "echo-api-cert-web-test.pem"
HOST = "s3.amazonaws.com"

# attack class -> (URLs of that class, why the log says it was refused)
REFUSED: dict[str, tuple[list[str], str]] = {
    "userinfo before the host": (
        [
            f"https://x@{HOST}/echo.api/{FILE}",
            f"https://{HOST}@evil.example/echo.api/{FILE}",
            f"https://evil.example:443@{HOST}/echo.api/{FILE}",
            f"https://:@{HOST}/echo.api/{FILE}",
            f"https://evil.example#@{HOST}/echo.api/{FILE}",
        ],
        "userinfo",
    ),
    "a backslash": (
        [
            f"https://evil.example\\@{HOST}/echo.api/{FILE}",
            f"https://{HOST}\\@evil.example/echo.api/{FILE}",
            f"https://{HOST}/echo.api\\{FILE}",
            f"https://{HOST}\\echo.api/{FILE}",
        ],
        "backslash",
    ),
    "another scheme": (
        [f"http://{HOST}/echo.api/{FILE}", f"ftp://{HOST}/echo.api/{FILE}", f"//{HOST}/echo.api/{FILE}"],
        "invalid protocol",
    ),
    "another host": (
        [
            f"https://evil.example/echo.api/{FILE}",
            f"https://{HOST}.evil.example/echo.api/{FILE}",
            f"https://{HOST}./echo.api/{FILE}",
            f"https://evil{HOST}/echo.api/{FILE}",
            f"https://127.0.0.1/echo.api/{FILE}",
            f"https://[::1]/echo.api/{FILE}",
            f"https:///echo.api/{FILE}",
        ],
        "invalid hostname",
    ),
    "another port": (
        [
            f"https://{HOST}:563/echo.api/{FILE}",
            f"https://{HOST}:0443/echo.api/{FILE}",
            f"https://{HOST}:/echo.api/{FILE}",
            f"https://{HOST}:443:443/echo.api/{FILE}",
        ],
        "invalid port",
    ),
    "a path Amazon does not use": (
        [
            f"https://{HOST}/EcHo.aPi/{FILE}",
            f"https://{HOST}/invalid.path/{FILE}",
            f"https://{HOST}/echo.api/../evil/{FILE}",
            f"https://{HOST}/echo.api/../echo.api/{FILE}",
            f"https://{HOST}/echo.api/./{FILE}",
            f"https://{HOST}/echo.api/sub/{FILE}",
            f"https://{HOST}//echo.api/{FILE}",
            f"https://{HOST}/echo.api/",
            f"https://{HOST}/echo.api",
            f"https://{HOST}",
            f"https://{HOST}/echo.api/..",
            f"https://{HOST}/echo.api/.hidden.pem",
            f"https://{HOST}/echo.api/{FILE};type=a",
            f"https://{HOST}/echo.api/{'a' * 200}.pem",
        ],
        "invalid path",
    ),
    "percent-encoding": (
        [
            f"https://{HOST}/echo.api/%2e%2e/{FILE}",
            f"https://{HOST}/echo.api/..%2f{FILE}",
            f"https://{HOST}/echo%2eapi/{FILE}",
            f"https://{HOST}/echo.api/{FILE}%00",
        ],
        "invalid path",
    ),
    "a query or fragment": (
        [f"https://{HOST}/echo.api/{FILE}?versionId=1", f"https://{HOST}/echo.api/{FILE}#x"],
        "query or fragment",
    ),
    "whitespace, control or non-ASCII characters": (
        [
            f" https://{HOST}/echo.api/{FILE}",
            f"https://{HOST}/echo.api/{FILE} ",
            f"https://{HOST}/echo.api/ec\x7fho.pem",
            f"https://{HOST}/echo.api/ec\tho.pem",
            f"https://s3.amazonaws\u3002com/echo.api/{FILE}",
            f"https://{HOST}/echo.api/{FILE}\u200b",
        ],
        "whitespace, control or non-ASCII",
    ),
}
REFUSED_CASES = [(url, reason) for urls, reason in REFUSED.values() for url in urls]
REFUSED_IDS = [f"{attack}: {url!r}" for attack, (urls, _) in REFUSED.items() for url in urls]

# What Amazon sends, in the spellings its documentation allows -> the one URL fetched.
ACCEPTED = {
    f"https://{HOST}/echo.api/{FILE}": CERT_URL,
    f"https://{HOST}:443/echo.api/{FILE}": CERT_URL,
    f"HTTPS://S3.AmazonAWS.com/echo.api/{FILE}": CERT_URL,
}


@pytest.fixture
def client(spied_skill: SkillSpy, downloads: list[str]) -> FlaskClient:
    return create_app(spied_skill.skill, WebSettings(skill_id=SKILL_ID)).test_client()


def post_signed(client: FlaskClient, pki: SigningPki, cert_url: str) -> tuple[int, dict]:
    envelope = launch_request(timestamp=dt.datetime.now(dt.UTC))
    body = json.dumps(envelope).encode()
    headers = {"Content-Type": "application/json", "SignatureCertChainUrl": cert_url, "Signature-256": pki.sign(body)}
    response = client.post("/", data=body, headers=headers)
    return response.status_code, response.get_json()


@pytest.mark.parametrize(("cert_url", "reason"), REFUSED_CASES, ids=REFUSED_IDS)
def test_a_certificate_url_amazon_would_not_send_is_refused_before_any_download(
    client: FlaskClient,
    spied_skill: SkillSpy,
    pki: SigningPki,
    downloads: list[str],
    caplog: pytest.LogCaptureFixture,
    cert_url: str,
    reason: str,
) -> None:
    status, body = post_signed(client, pki, cert_url)

    assert (status, body["message"]) == (400, "Request failed verification.")
    [logged] = [r for r in caplog.records if r.name == "webservice.endpoint"]
    assert reason in logged.getMessage()
    assert (logged.levelno, logged.exc_info) == (logging.WARNING, None)
    assert downloads == []
    assert spied_skill.envelopes == []


@pytest.mark.parametrize(("cert_url", "fetched"), ACCEPTED.items(), ids=ACCEPTED.keys())
def test_an_accepted_certificate_url_is_fetched_only_in_its_canonical_form(
    client: FlaskClient, spied_skill: SkillSpy, pki: SigningPki, downloads: list[str], cert_url: str, fetched: str
) -> None:
    status, body = post_signed(client, pki, cert_url)

    assert status == 200, body
    assert downloads == [fetched]
    assert len(spied_skill.envelopes) == 1


def test_spellings_of_one_url_share_one_download(client: FlaskClient, pki: SigningPki, downloads: list[str]) -> None:
    statuses = [post_signed(client, pki, url)[0] for url in ACCEPTED]
    assert (statuses, downloads) == ([200] * len(ACCEPTED), [CERT_URL])
