"""Fixtures for the persistence tests: a real DynamoDB-compatible server (dynalite) on
127.0.0.1, request envelopes, and an environment that never reaches real AWS."""

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from muscle_twitch.persistence.dynamodb_store import DynamoDbStore
from muscle_twitch.persistence.sqlite_store import SqliteStore
from muscle_twitch.persistence.store import UserStateStore
from tests.persistence.dynalite import admin_client, create_user_table, require_dynalite, running_dynalite
from tests.persistence.support import FAKE_CREDENTIALS, REGION


@pytest.fixture(autouse=True)
def isolated_aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fake credentials and no shared AWS config: a test can only ever talk to 127.0.0.1."""
    for name in (
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_DYNAMODB",
        "TABLE_NAME",
        "MUSCLE_TWITCH_PERSISTENCE",
        "MUSCLE_TWITCH_STATE_DB",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", FAKE_CREDENTIALS["aws_access_key_id"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", FAKE_CREDENTIALS["aws_secret_access_key"])
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture(scope="session")
def dynalite_endpoint() -> Iterator[str]:
    """The URL of a dynalite server started for this test session, stopped at its end."""
    require_dynalite()
    with running_dynalite() as (endpoint_url, _process):
        yield endpoint_url


@pytest.fixture
def dynamodb_table(dynamodb_admin: Any) -> Iterator[str]:
    """A fresh table, keyed like the deployed one (partition key `id`, a string)."""
    client = dynamodb_admin
    name = f"muscle-twitch-test-{uuid.uuid4().hex[:12]}"
    create_user_table(client, name)
    yield name
    client.delete_table(TableName=name)


@pytest.fixture(scope="session")
def dynamodb_admin(dynalite_endpoint: str) -> Any:
    """A plain boto3 client on the same server, for reading and writing items directly."""
    return admin_client(dynalite_endpoint)


@pytest.fixture(params=["sqlite", "dynamodb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> UserStateStore:
    """Each real store in turn: SQLite in a temporary folder, DynamoDB on dynalite."""
    if request.param == "sqlite":
        return SqliteStore(tmp_path / "data" / "state.sqlite3")
    table_name = request.getfixturevalue("dynamodb_table")
    endpoint_url = request.getfixturevalue("dynalite_endpoint")
    return DynamoDbStore(table_name, endpoint_url=endpoint_url, region_name=REGION)
