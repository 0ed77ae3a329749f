"""Fixtures for the persistence tests: a real DynamoDB-compatible server (dynalite) on
127.0.0.1, request envelopes, and an environment that never reaches real AWS."""

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from muscle_twitch.persistence.dynamodb_store import DynamoDbStore
from muscle_twitch.persistence.sqlite_store import SqliteStore
from muscle_twitch.persistence.store import UserStateStore
from tests.persistence.support import FAKE_CREDENTIALS, REGION, free_port

HERE = Path(__file__).parent
DYNALITE_CLI = HERE / "node_modules" / "dynalite" / "cli.js"
STARTUP_DEADLINE_SECONDS = 15.0


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


def _dynalite_missing_reason() -> str | None:
    if shutil.which("node") is None:
        return "node is not on PATH: dynalite cannot run"
    if not DYNALITE_CLI.exists():
        return "dynalite is not installed: run `make dynalite` (npm ci in tests/persistence)"
    return None


def _admin_client(endpoint_url: str) -> Any:
    return boto3.session.Session().client("dynamodb", endpoint_url=endpoint_url, region_name=REGION, **FAKE_CREDENTIALS)


def _wait_until_answering(process: subprocess.Popen[bytes], endpoint_url: str) -> bool:
    client = _admin_client(endpoint_url)
    deadline = time.monotonic() + STARTUP_DEADLINE_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            client.list_tables()
            return True
        except Exception:  # not listening yet
            time.sleep(0.05)
    return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def dynalite_endpoint() -> Iterator[str]:
    """The URL of a dynalite server started for this test session, stopped at its end."""
    missing = _dynalite_missing_reason()
    if missing is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{missing} (CI must run the DynamoDB tests, not skip them)")
        pytest.skip(missing)
    with tempfile.TemporaryFile() as server_log:
        for _attempt in range(3):  # another process may grab the free port before dynalite
            port = free_port()
            endpoint_url = f"http://127.0.0.1:{port}"
            command = [str(DYNALITE_CLI), "--host", "127.0.0.1", "--port", str(port)]
            command += ["--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"]
            process = subprocess.Popen(
                ["node", *command],
                stdout=subprocess.DEVNULL,
                stderr=server_log,
            )
            try:
                if _wait_until_answering(process, endpoint_url):
                    yield endpoint_url
                    return
            finally:
                _stop(process)
        server_log.seek(0)
        output = server_log.read().decode(errors="replace")
        pytest.fail(f"dynalite did not start on 127.0.0.1:\n{output}")


@pytest.fixture
def dynamodb_table(dynamodb_admin: Any) -> Iterator[str]:
    """A fresh table, keyed like the deployed one (partition key `id`, a string)."""
    client = dynamodb_admin
    name = f"muscle-twitch-test-{uuid.uuid4().hex[:12]}"
    client.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    yield name
    client.delete_table(TableName=name)


@pytest.fixture(scope="session")
def dynamodb_admin(dynalite_endpoint: str) -> Any:
    """A plain boto3 client on the same server, for reading and writing items directly."""
    return _admin_client(dynalite_endpoint)


@pytest.fixture(params=["sqlite", "dynamodb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> UserStateStore:
    """Each real store in turn: SQLite in a temporary folder, DynamoDB on dynalite."""
    if request.param == "sqlite":
        return SqliteStore(tmp_path / "data" / "state.sqlite3")
    table_name = request.getfixturevalue("dynamodb_table")
    endpoint_url = request.getfixturevalue("dynalite_endpoint")
    return DynamoDbStore(table_name, endpoint_url=endpoint_url, region_name=REGION)
