"""Fixtures for the reminder tests: the local HTTPS fake, a session that trusts it, request envelopes."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import requests
from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from .fake_alexa_api import Certificates, FakeAlexaApi, make_certificates, running_fake

FIXTURES = Path(__file__).parent / "fixtures"
REMINDERS = "/v1/alerts/reminders"
DEVICE_ID = "amzn1.ask.device.FIXTUREDEVICE"
TIME_ZONE = f"/v2/devices/{DEVICE_ID}/settings/System.timeZone"
API_TOKEN = "fixture-api-access-token"
USER_ID = "amzn1.ask.account.FIXTUREUSER"


@cache
def _fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))


def event(name: str, *, endpoint: str | None = None, timestamp: str | None = None) -> dict[str, Any]:
    """A fresh copy of fixture `name`, pointed at `endpoint` and sent at `timestamp` when given."""
    copied = copy.deepcopy(_fixture(name))
    if endpoint is not None:
        copied["context"]["System"]["apiEndpoint"] = endpoint
    if timestamp is not None:
        copied["request"]["timestamp"] = timestamp
    return copied


def handler_input_for(envelope: dict[str, Any]) -> HandlerInput:
    """The HandlerInput the SDK would build for `envelope` (with its session attributes)."""
    request_envelope = DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)
    return HandlerInput(request_envelope, attributes_manager=AttributesManager(request_envelope))


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("fake-alexa-tls"))


@pytest.fixture
def fake_api(certificates: Certificates) -> Iterator[FakeAlexaApi]:
    with running_fake(certificates) as api:
        yield api


@pytest.fixture
def trusting_session(certificates: Certificates) -> Iterator[requests.Session]:
    """A session that trusts the fake's CA and nothing from the environment (no proxies)."""
    with requests.Session() as session:
        session.trust_env = False
        session.verify = str(certificates.ca_file)
        yield session
