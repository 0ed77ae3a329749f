"""A person who disables the skill is forgotten at once (AlexaSkillEvent.SkillDisabled); when
the store cannot delete, the event fails (Lambda: an invocation error; web: 503), so that Alexa
delivers it again, instead of being acknowledged while the record lives on until it expires."""

import json
import logging
import signal
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from muscle_twitch.persistence.dynamodb_store import DynamoDbStore
from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter
from muscle_twitch.persistence.keys import key_for_user_id
from muscle_twitch.persistence.sqlite_store import SqliteStore
from muscle_twitch.persistence.store import UserStateStore
from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.entry import handle_event
from muscle_twitch.skill.handlers.skill_events import SkillEventNotHandled
from tests.persistence.conversations import converse
from tests.persistence.dynalite import admin_client, create_user_table, require_dynalite, running_dynalite
from tests.persistence.support import REGION, ThrottlingServer, free_port
from webservice.app import create_app
from webservice.settings import WebSettings

USER_ID = "amzn1.ask.account.DISABLES-THE-SKILL"
OTHER_USER_ID = "amzn1.ask.account.KEEPS-THE-SKILL"


# Skill events carry no session: they are not part of a conversation.
EVENT = Path(__file__).parents[1] / "fixtures" / "events" / "skill_disabled.json"


def skill_disabled_by(user_id: str) -> dict:
    event = json.loads(EVENT.read_text("utf-8"))
    event["context"]["System"]["user"]["userId"] = user_id
    return event


def test_disabling_the_skill_deletes_only_that_persons_record(store: UserStateStore) -> None:
    converse(FaultTolerantAdapter(store), USER_ID, ("open muscle twitch guide",))
    converse(FaultTolerantAdapter(store), OTHER_USER_ID, ("open muscle twitch guide",))
    assert store.load(key_for_user_id(USER_ID)) is not None

    skill = build_skill(persistence_adapter=FaultTolerantAdapter(store))
    body = handle_event(skill, skill_disabled_by(USER_ID))

    assert "outputSpeech" not in body["response"]  # events take no speech
    assert store.load(key_for_user_id(USER_ID)) is None
    assert store.load(key_for_user_id(OTHER_USER_ID)) is not None


def test_the_event_is_answered_without_persistence_configured() -> None:
    body = handle_event(build_skill(), skill_disabled_by(USER_ID))
    assert body["version"] == "1.0"
    assert "outputSpeech" not in body["response"]


# ---- a delete that fails must fail the event, so that Alexa delivers it again ----------------

FailingStore = Callable[[Path, str], AbstractContextManager[UserStateStore]]


@contextmanager
def throttling_dynamodb(tmp_path: Path, _endpoint: str) -> Iterator[UserStateStore]:
    with ThrottlingServer() as server:
        yield DynamoDbStore("throttled", endpoint_url=server.endpoint_url, region_name=REGION)


@contextmanager
def dynalite_with_the_table_gone(tmp_path: Path, endpoint: str) -> Iterator[UserStateStore]:
    yield DynamoDbStore("deleted-by-an-operator", endpoint_url=endpoint, region_name=REGION)


@contextmanager
def unreachable_dynamodb(tmp_path: Path, _endpoint: str) -> Iterator[UserStateStore]:
    yield DynamoDbStore("nobody-listens", endpoint_url=f"http://127.0.0.1:{free_port()}", region_name=REGION)


@contextmanager
def sqlite_folder_not_writable(tmp_path: Path, _endpoint: str) -> Iterator[UserStateStore]:
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("")
    yield SqliteStore(blocker / "state.sqlite3")


FAILING_STORES: list[FailingStore] = [
    throttling_dynamodb,
    dynalite_with_the_table_gone,
    unreachable_dynamodb,
    sqlite_folder_not_writable,
]


@pytest.mark.parametrize("failing_store", FAILING_STORES, ids=lambda make: make.__name__)
def test_a_delete_that_fails_fails_the_event_on_lambda_with_one_clean_warning(
    failing_store: FailingStore, tmp_path: Path, dynalite_endpoint: str, caplog: pytest.LogCaptureFixture
) -> None:
    with failing_store(tmp_path, dynalite_endpoint) as store:
        skill = build_skill(persistence_adapter=FaultTolerantAdapter(store))
        with pytest.raises(SkillEventNotHandled):
            handle_event(skill, skill_disabled_by(USER_ID))  # what lambda_handler returns or raises

    [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "delete failed" in warning.getMessage()
    assert warning.exc_info is None
    assert USER_ID not in warning.getMessage() and key_for_user_id(USER_ID) not in warning.getMessage()


@pytest.mark.parametrize("failing_store", FAILING_STORES, ids=lambda make: make.__name__)
def test_a_delete_that_fails_is_a_503_on_the_web_door(
    failing_store: FailingStore, tmp_path: Path, dynalite_endpoint: str
) -> None:
    with failing_store(tmp_path, dynalite_endpoint) as store:
        skill = build_skill(persistence_adapter=FaultTolerantAdapter(store))
        client = create_app(skill, WebSettings(skill_id=None, verify_requests=False)).test_client()
        response = client.post("/", json=skill_disabled_by(USER_ID))
    assert response.status_code == 503


def test_when_dynamodb_times_out_the_event_fails_and_its_redelivery_deletes_the_record() -> None:
    """dynalite stopped mid-delete (SIGSTOP): the client's bounded timeouts end the attempt;
    once it runs again, the event Alexa delivers again does the deletion."""
    require_dynalite()
    with running_dynalite() as (endpoint_url, process):
        create_user_table(admin_client(endpoint_url), "paused-table")
        store = DynamoDbStore("paused-table", endpoint_url=endpoint_url, region_name=REGION)
        skill = build_skill(persistence_adapter=FaultTolerantAdapter(store))
        converse(FaultTolerantAdapter(store), USER_ID, ("open muscle twitch guide",))
        assert store.load(key_for_user_id(USER_ID)) is not None

        process.send_signal(signal.SIGSTOP)
        try:
            with pytest.raises(SkillEventNotHandled):
                handle_event(skill, skill_disabled_by(USER_ID))
        finally:
            process.send_signal(signal.SIGCONT)
        body = handle_event(skill, skill_disabled_by(USER_ID))  # Alexa's next delivery

        assert "outputSpeech" not in body["response"]
        assert store.load(key_for_user_id(USER_ID)) is None
