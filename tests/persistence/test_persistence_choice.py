"""Which store the environment picks, and that choosing one touches nothing (no AWS, no disk)."""

import subprocess
import sys
from pathlib import Path

import pytest

from muscle_twitch.persistence import default_adapter, local_state_path
from muscle_twitch.persistence.dynamodb_store import DynamoDbStore
from muscle_twitch.persistence.sqlite_store import SqliteStore
from tests.persistence.support import request_envelope

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"TABLE_NAME": "muscle-twitch-users"}, ("dynamodb", "muscle-twitch-users")),
        (
            {"TABLE_NAME": "t-1", "AWS_LAMBDA_FUNCTION_NAME": "skill"},
            ("dynamodb", "t-1"),
        ),
        ({"AWS_LAMBDA_FUNCTION_NAME": "skill"}, None),  # Lambda has no persistent disk
        ({"AWS_LAMBDA_FUNCTION_NAME": "skill", "TABLE_NAME": "  "}, None),
        ({"MUSCLE_TWITCH_PERSISTENCE": "off", "TABLE_NAME": "t-1"}, None),
        ({"MUSCLE_TWITCH_PERSISTENCE": "OFF"}, None),
        ({"HOME": "/home/ada"}, ("sqlite", "/home/ada/.local/share/muscle-twitch-guide/state.sqlite3")),
        (
            {"HOME": "/home/ada", "XDG_DATA_HOME": "/data/ada"},
            ("sqlite", "/data/ada/muscle-twitch-guide/state.sqlite3"),
        ),
        (
            # The XDG spec: a relative XDG_DATA_HOME is invalid and ignored.
            {"HOME": "/home/ada", "XDG_DATA_HOME": "relative/dir"},
            ("sqlite", "/home/ada/.local/share/muscle-twitch-guide/state.sqlite3"),
        ),
        (
            {"HOME": "/home/ada", "XDG_DATA_HOME": "/data/ada", "MUSCLE_TWITCH_STATE_DB": "/tmp/s.db"},
            ("sqlite", "/tmp/s.db"),
        ),
        (
            {"HOME": "/home/ada", "MUSCLE_TWITCH_PERSISTENCE": "auto"},
            ("sqlite", "/home/ada/.local/share/muscle-twitch-guide/state.sqlite3"),
        ),
    ],
)
def test_the_environment_picks_the_store(environ: dict[str, str], expected: tuple[str, str] | None) -> None:
    adapter = default_adapter(environ)
    if expected is None:
        assert adapter is None
        return
    kind, where = expected
    assert adapter is not None
    assert adapter.store.kind == kind
    if isinstance(adapter.store, DynamoDbStore):
        assert adapter.store.table_name == where
    else:
        assert isinstance(adapter.store, SqliteStore)
        assert str(adapter.store.path) == where


def test_an_unknown_switch_value_is_reported_and_ignored(caplog: pytest.LogCaptureFixture) -> None:
    adapter = default_adapter({"MUSCLE_TWITCH_PERSISTENCE": "sometimes", "TABLE_NAME": "t-1"})
    assert adapter is not None
    assert adapter.store.kind == "dynamodb"
    assert [r.getMessage() for r in caplog.records] == [
        "Ignoring MUSCLE_TWITCH_PERSISTENCE='sometimes' (expected 'off' or 'auto')"
    ]


def test_choosing_sqlite_creates_nothing_on_disk_until_first_use(tmp_path: Path) -> None:
    adapter = default_adapter({"XDG_DATA_HOME": str(tmp_path)})
    assert adapter is not None
    assert list(tmp_path.iterdir()) == []
    assert local_state_path({"XDG_DATA_HOME": str(tmp_path)}).parent.name == "muscle-twitch-guide"


def test_choosing_dynamodb_needs_no_region_credentials_boto3_or_sqlite3() -> None:
    """On Lambda the region is set; elsewhere (a build, a test) importing must not need it."""
    script = (
        "import sys\n"
        "from muscle_twitch.persistence import default_adapter\n"
        "adapter = default_adapter({'TABLE_NAME': 'muscle-twitch-users'})\n"
        "assert adapter.store.kind == 'dynamodb'\n"
        "assert 'boto3' not in sys.modules and 'botocore' not in sys.modules\n"
        "assert 'sqlite3' not in sys.modules  # the Lambda never loads the local store's driver\n"
        "print('ok')\n"
    )
    clean_env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "lambda")}
    result = subprocess.run([sys.executable, "-c", script], env=clean_env, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr


def test_the_lambda_configuration_round_trips_through_dynamodb(
    monkeypatch: pytest.MonkeyPatch, dynamodb_table: str, dynalite_endpoint: str
) -> None:
    """Exactly what the deployed function gets (TABLE_NAME), with boto3's standard endpoint
    variable pointing at dynalite instead of AWS."""
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "muscle-twitch-guide")
    monkeypatch.setenv("TABLE_NAME", dynamodb_table)
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", dynalite_endpoint)
    envelope = request_envelope("amzn1.ask.account.ON-LAMBDA")

    adapter = default_adapter()
    assert adapter is not None
    adapter.save_attributes(envelope, {"heard_introduction": True, "last_visit": "2026-11-26"})
    assert default_adapter().get_attributes(envelope) == {
        "schema_version": 1,
        "heard_introduction": True,
        "last_visit": "2026-11-26",
    }
