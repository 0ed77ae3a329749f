"""The SnapStart hooks: the skill is built into the snapshot, and a restored environment starts
with no network client, session or back-off timer of the one that was snapshotted.

On Lambda the hooks are registered with `snapshot_restore_py`, which the runtime provides; here
a stand-in with the same two registration functions records them, and the test runs them the
way the runtime does (before the snapshot, then after a restore).
"""

import json
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

import lambda_function
from muscle_twitch import snapstart
from muscle_twitch.persistence import dynamodb_store
from muscle_twitch.persistence.dynamodb_store import DynamoDbStore
from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter
from muscle_twitch.persistence.restore import reset_after_restore
from muscle_twitch.skill import builder
from tests.alexa import Heard, request

Hook = Callable[[], None]
LAMBDA_DIR = Path(__file__).resolve().parents[2] / "lambda"


class Runtime:
    """Stands in for Lambda's snapshot_restore_py: keeps what is registered, runs it on demand."""

    def __init__(self) -> None:
        self.before_snapshot: list[Hook] = []
        self.after_restore: list[Hook] = []

    def module(self) -> types.ModuleType:
        module = types.ModuleType("snapshot_restore_py")
        module.register_before_snapshot = self.before_snapshot.append  # type: ignore[attr-defined]
        module.register_after_restore = self.after_restore.append  # type: ignore[attr-defined]
        return module

    def snapshot_then_restore(self) -> None:
        for hook in reversed(self.before_snapshot):  # the runtime's order: reverse of registration
            hook()
        for hook in self.after_restore:
            hook()


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    stand_in = Runtime()
    monkeypatch.setitem(sys.modules, "snapshot_restore_py", stand_in.module())
    builder.get_skill.cache_clear()
    yield stand_in
    builder.get_skill.cache_clear()


@pytest.fixture
def lambda_with_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """The function as template.yaml configures it with the returning-user table."""
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "muscle-twitch-guide")
    monkeypatch.setenv("TABLE_NAME", "returning-users")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.delenv("MUSCLE_TWITCH_PERSISTENCE", raising=False)
    monkeypatch.setenv("SKILL_ID", request("launch")["context"]["System"]["application"]["applicationId"])


def test_both_hooks_are_registered_where_the_runtime_offers_them(runtime: Runtime) -> None:
    assert snapstart.register_hooks() is True
    assert runtime.before_snapshot == [snapstart.build_skill_into_snapshot]
    assert runtime.after_restore == [snapstart.reset_after_restore]


def test_without_the_runtimes_module_nothing_is_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "snapshot_restore_py", None)  # import fails as where it is absent
    assert snapstart.register_hooks() is False


@pytest.mark.usefixtures("lambda_with_table")
def test_the_snapshot_holds_the_built_skill_and_a_restore_drops_its_connections(runtime: Runtime) -> None:
    snapstart.register_hooks()
    runtime.before_snapshot[0]()
    assert builder.get_skill.cache_info().currsize == 1  # built before the snapshot
    adapter = builder.get_skill().persistence_adapter
    assert isinstance(adapter, FaultTolerantAdapter) and isinstance(adapter.store, DynamoDbStore)
    client_in_snapshot = adapter.store._dynamodb()
    session_in_snapshot = dynamodb_store._session
    runtime.after_restore[0]()
    assert adapter.store._dynamodb() is not client_in_snapshot
    assert dynamodb_store._session is not session_in_snapshot


class FailingOnceStore:
    """A store that is unreachable on its first call and fine afterwards; counts the calls."""

    kind = "test"

    def __init__(self) -> None:
        self.calls = 0

    def load(self, key: str) -> Any:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("unreachable")
        return None

    def save(self, key: str, attributes: dict[str, Any], expires_at: int) -> None:
        self.calls += 1

    def delete(self, key: str) -> None:
        self.calls += 1


def test_a_restore_forgets_the_back_off_that_began_before_the_snapshot() -> None:
    store = FailingOnceStore()
    adapter = FaultTolerantAdapter(store, monotonic=lambda: 100.0)  # the clock never moves on
    envelope = DefaultSerializer().deserialize(json.dumps(request("launch")), RequestEnvelope)
    assert adapter.get_attributes(envelope) == {}  # the failure: resting from now on
    assert adapter.get_attributes(envelope) == {}
    assert store.calls == 1
    reset_after_restore(adapter)
    assert adapter.get_attributes(envelope) == {}
    assert store.calls == 2


def test_a_restored_skill_that_remembers_nothing_answers(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUSCLE_TWITCH_PERSISTENCE", "off")
    monkeypatch.delenv("SKILL_ID", raising=False)
    snapstart.register_hooks()
    runtime.snapshot_then_restore()
    assert builder.get_skill().persistence_adapter is None
    assert Heard(lambda_function.lambda_handler(request("launch"), None)).speech.startswith("Welcome")


def test_lambda_registers_the_hooks_when_it_imports_the_handler() -> None:
    """Lambda runs only hooks registered during its init, which imports lambda_function."""
    probe = f"""
import json, sys, types
sys.path.insert(0, {str(LAMBDA_DIR)!r})
registered = []
runtime = types.ModuleType("snapshot_restore_py")
runtime.register_before_snapshot = runtime.register_after_restore = registered.append
sys.modules["snapshot_restore_py"] = runtime
import lambda_function
print(json.dumps([hook.__name__ for hook in registered]))
"""
    environment = {"PATH": "/usr/bin:/bin", "MUSCLE_TWITCH_PERSISTENCE": "off"}
    done = subprocess.run([sys.executable, "-I", "-c", probe], env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["build_skill_into_snapshot", "reset_after_restore"]
