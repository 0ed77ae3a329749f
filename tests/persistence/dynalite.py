"""dynalite, a DynamoDB-compatible server from npm, run on 127.0.0.1 for the tests.

`make dynalite` (a prerequisite of `make test`) installs it into tests/persistence/node_modules
from the committed package-lock.json.
"""

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
import pytest

from tests.persistence.support import FAKE_CREDENTIALS, REGION, free_port

DYNALITE_CLI = Path(__file__).parent / "node_modules" / "dynalite" / "cli.js"
STARTUP_DEADLINE_SECONDS = 15.0


def require_dynalite(cli: Path = DYNALITE_CLI, *, ci: bool | None = None) -> None:
    """Skip the calling test when dynalite cannot run; in CI (CI=true), fail it instead."""
    if shutil.which("node") is None:
        missing = "node is not on PATH: dynalite cannot run"
    elif not cli.exists():
        missing = "dynalite is not installed: run `make dynalite` (npm ci in tests/persistence)"
    else:
        return
    if ci if ci is not None else os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{missing} (CI must run the DynamoDB tests, not skip them)")
    pytest.skip(missing)


def admin_client(endpoint_url: str) -> Any:
    return boto3.session.Session().client("dynamodb", endpoint_url=endpoint_url, region_name=REGION, **FAKE_CREDENTIALS)


@contextmanager
def running_dynalite(cli: Path = DYNALITE_CLI) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A fresh in-memory dynalite on a free 127.0.0.1 port; stopped on exit, whatever happened."""
    with tempfile.TemporaryFile() as server_log:
        for _attempt in range(3):  # another process may take the free port before dynalite does
            port = free_port()
            endpoint_url = f"http://127.0.0.1:{port}"
            command = ["node", str(cli), "--host", "127.0.0.1", "--port", str(port)]
            command += ["--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"]
            process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=server_log,
                preexec_fn=_die_with_parent(),
            )
            try:
                if _wait_until_answering(process, endpoint_url):
                    yield endpoint_url, process
                    return
            finally:
                _stop(process)
        server_log.seek(0)
        output = server_log.read().decode(errors="replace")
        raise RuntimeError(f"dynalite did not start on 127.0.0.1:\n{output}")


def _wait_until_answering(process: subprocess.Popen[bytes], endpoint_url: str) -> bool:
    client = admin_client(endpoint_url)
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


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, have the kernel stop dynalite if the test run itself is killed (SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1

    def set_death_signal() -> None:
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)

    return set_death_signal


def create_user_table(client: Any, name: str) -> None:
    """A table keyed like the deployed one (partition key `id`, a string), once it is ACTIVE:
    even with --createTableMs 0, dynalite flips CREATING to ACTIVE asynchronously."""
    client.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    deadline = time.monotonic() + STARTUP_DEADLINE_SECONDS
    while client.describe_table(TableName=name)["Table"]["TableStatus"] != "ACTIVE":
        if time.monotonic() > deadline:
            raise RuntimeError(f"table {name} never became ACTIVE")
        time.sleep(0.01)
