"""The web door and the Lambda door give the same answer to the same request, with the same
process-wide skill object (muscle_twitch.skill.builder.get_skill)."""

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from lambda_function import lambda_handler
from muscle_twitch.skill.builder import get_skill
from tests.alexa import FIXTURES, request
from webservice.app import create_app
from webservice.settings import WebSettings

from .support import CERT_URL, SigningPki

FIXTURE_NAMES = sorted(path.stem for path in Path(FIXTURES).glob("*.json"))
# A whole interview: each turn carries the session attributes of the previous answer.
CONVERSATION = [
    "launch",
    "answer_areas_calves_two_weeks",
    "answer_onset_few_days",
    "answer_frequency_daily",
    "answer_twitch_length_seconds",
    "answer_triggers_coffee_stress",
    "answer_medicines_none",
    "no",
    "why",
    "repeat",
    "help",
    "stop",
]


@pytest.fixture
def local_dev_client() -> FlaskClient:
    return create_app(get_skill(), WebSettings(skill_id=None, verify_requests=False)).test_client()


def post(client: FlaskClient, event: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    response = client.post("/", json=event, **kwargs)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_fixture_request_gets_the_lambda_answer(local_dev_client: FlaskClient, name: str) -> None:
    event = request(name)
    assert post(local_dev_client, event) == lambda_handler(copy.deepcopy(event), None)


def test_a_whole_conversation_goes_the_same_way_through_both_doors(local_dev_client: FlaskClient) -> None:
    attributes: dict[str, Any] = {}
    for turn, name in enumerate(CONVERSATION):
        event = request(name, attributes=attributes, new=turn == 0)
        web_body = post(local_dev_client, event)
        assert web_body == lambda_handler(copy.deepcopy(event), None), name
        attributes = web_body.get("sessionAttributes") or {}
    assert web_body["response"]["shouldEndSession"] is True  # the conversation really ran


@pytest.mark.filterwarnings("ignore:Properties that return a na.ve datetime")
@pytest.mark.filterwarnings("ignore:datetime.datetime.utcnow:DeprecationWarning")
def test_a_signed_launch_request_gets_the_lambda_answer(pki: SigningPki, downloads: list[str]) -> None:
    event = request("launch")
    event["request"]["timestamp"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    skill_id = event["context"]["System"]["application"]["applicationId"]
    client = create_app(get_skill(), WebSettings(skill_id=skill_id)).test_client()
    body = json.dumps(event).encode()

    response = client.post(
        "/",
        data=body,
        headers={"SignatureCertChainUrl": CERT_URL, "Signature-256": pki.sign(body)},
        content_type="application/json",
    )

    assert response.status_code == 200, response.get_json()
    assert response.get_json() == lambda_handler(copy.deepcopy(event), None)
    assert downloads == [CERT_URL]
