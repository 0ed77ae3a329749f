"""The skill with real stores: a whole interview stores nothing of the answers, a returning
person gets the short welcome, and a broken store changes nothing the person hears."""

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from pathlib import Path

import pytest

from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.persistence.dynamodb_store import DynamoDbStore
from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter
from muscle_twitch.persistence.keys import key_for_user_id
from muscle_twitch.persistence.sqlite_store import SqliteStore
from muscle_twitch.persistence.store import UserStateStore
from muscle_twitch.speech import Voice
from tests.persistence.conversations import (
    OPEN,
    converse,
    interview_answers,
    what_the_person_heard,
    whole_interview,
)
from tests.persistence.dynalite import admin_client, create_user_table
from tests.persistence.support import (
    REGION,
    ThrottlingServer,
    free_port,
    load_fixture,
    read_raw,
    silent_server,
    write_raw,
)

USER_ID = "amzn1.ask.account.WHOLE-INTERVIEW-PERSON"
STORED_RECORD = {"schema_version": 1, "heard_introduction": True, "last_visit": "2026-11-18"}


def test_a_whole_interview_stores_none_of_the_answers(store: UserStateStore) -> None:
    turns = whole_interview(FaultTolerantAdapter(store), USER_ID)
    assert turns[-1].session_ended_by == "skill", "the interview must reach its result"
    assert any(turn.attributes.get("interview", {}).get("offer") for turn in turns), "no result was given"

    raw_item = read_raw(store, key_for_user_id(USER_ID))
    assert store.load(key_for_user_id(USER_ID)).attributes == STORED_RECORD
    if store.kind == "dynamodb":
        assert set(raw_item) == {"id", "attributes", "expires_at"}
    else:
        assert json.loads(raw_item[0]) == STORED_RECORD
    raw_text = json.dumps(raw_item)
    answers = {a for a in interview_answers(turns) if len(a) >= 3 and not a.isdigit()}
    assert {"calf", "calves", "daily", "a couple of weeks"} <= answers  # the check has teeth
    assert [answer for answer in sorted(answers) if answer in raw_text] == []
    assert USER_ID not in raw_text


def test_a_returning_person_hears_the_short_welcome(store: UserStateStore) -> None:
    speaker = Voice(load_knowledge(), "en-US")
    first_visit = whole_interview(FaultTolerantAdapter(store), USER_ID)
    second_visit = converse(FaultTolerantAdapter(store), USER_ID, (OPEN,))
    someone_else = converse(FaultTolerantAdapter(store), "amzn1.ask.account.NEW", (OPEN,))

    assert first_visit[0].speech.startswith(speaker.welcome(returning=False))
    assert second_visit[0].speech.startswith(speaker.welcome(returning=True))
    assert someone_else[0].speech.startswith(speaker.welcome(returning=False))
    assert speaker.welcome(returning=True) != speaker.welcome(returning=False)


def test_a_person_whose_item_an_older_version_wrote_is_greeted_as_returning(
    store: UserStateStore,
) -> None:
    write_raw(store, key_for_user_id(USER_ID), {"heard_introduction": True, "launch_count": 3})
    [launch] = converse(FaultTolerantAdapter(store), USER_ID, (OPEN,))
    speaker = Voice(load_knowledge(), "en-US")
    assert launch.speech.startswith(speaker.welcome(returning=True))
    assert store.load(key_for_user_id(USER_ID)).attributes == STORED_RECORD


# ---- faults: each broken store, end to end ------------------------------------------------------

BrokenStore = Callable[[Path, str], AbstractContextManager[UserStateStore]]


@contextmanager
def unreachable_dynamodb(tmp_path: Path, _endpoint: str) -> Iterator[UserStateStore]:
    yield DynamoDbStore("nobody-listens", endpoint_url=f"http://127.0.0.1:{free_port()}", region_name=REGION)


@contextmanager
def hanging_dynamodb(tmp_path: Path, _endpoint: str) -> Iterator[UserStateStore]:
    # The production timeouts: this proves they are bounded (the request comes back at all).
    with silent_server() as endpoint_url:
        yield DynamoDbStore("hangs", endpoint_url=endpoint_url, region_name=REGION)


@contextmanager
def throttling_dynamodb(tmp_path: Path, _endpoint: str) -> Iterator[UserStateStore]:
    with ThrottlingServer() as server:
        yield DynamoDbStore("throttled", endpoint_url=server.endpoint_url, region_name=REGION)


@contextmanager
def corrupted_dynamodb_item(tmp_path: Path, endpoint: str) -> Iterator[UserStateStore]:
    admin = admin_client(endpoint)
    table = "corrupted-item-table"
    create_user_table(admin, table)
    store = DynamoDbStore(table, endpoint_url=endpoint, region_name=REGION)
    write_raw(store, key_for_user_id(USER_ID), load_fixture("stored_items.json")["corrupted"][2]["stored"])
    try:
        yield store
    finally:
        admin.delete_table(TableName=table)


@contextmanager
def corrupted_sqlite_file(tmp_path: Path, _endpoint: str) -> Iterator[UserStateStore]:
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"this is not an SQLite database, the disk ate it")
    yield SqliteStore(path)


@contextmanager
def sqlite_folder_not_writable(tmp_path: Path, _endpoint: str) -> Iterator[UserStateStore]:
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("")
    yield SqliteStore(blocker / "state.sqlite3")


@contextmanager
def sqlite_locked_by_another_process(tmp_path: Path, _endpoint: str) -> Iterator[UserStateStore]:
    """Another writer holds the file (a second web worker stuck mid-write): the default busy
    timeout bounds the wait."""
    path = tmp_path / "state.sqlite3"
    SqliteStore(path).load("creates the table")
    with closing(sqlite3.connect(path, isolation_level=None)) as other_writer:
        other_writer.execute("BEGIN EXCLUSIVE")
        yield SqliteStore(path)
        other_writer.execute("ROLLBACK")


@pytest.mark.parametrize(
    "broken_store",
    [
        unreachable_dynamodb,
        hanging_dynamodb,
        throttling_dynamodb,
        corrupted_dynamodb_item,
        corrupted_sqlite_file,
        sqlite_folder_not_writable,
        sqlite_locked_by_another_process,
    ],
    ids=lambda make: make.__name__,
)
def test_a_broken_store_changes_nothing_the_person_hears_and_logs_one_clean_warning(
    broken_store: BrokenStore,
    dynalite_endpoint: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    first_time_user = what_the_person_heard(whole_interview(None, USER_ID))
    caplog.clear()

    with broken_store(tmp_path, dynalite_endpoint) as store:
        heard = what_the_person_heard(whole_interview(FaultTolerantAdapter(store), USER_ID))

    assert heard == first_time_user
    warnings = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(warnings) == 1, [record.getMessage() for record in warnings]
    assert_free_of_user_data(warnings[0])


def assert_free_of_user_data(record: logging.LogRecord) -> None:
    message = record.getMessage()
    assert record.exc_info is None
    assert USER_ID not in message
    assert key_for_user_id(USER_ID) not in message
    for value in (STORED_RECORD["last_visit"], "calf", "calves", "seconds"):
        assert value not in message


def test_throttling_is_retried_once_then_left_alone_for_the_rest_of_the_turn() -> None:
    with ThrottlingServer() as server:
        store = DynamoDbStore("throttled", endpoint_url=server.endpoint_url, region_name=REGION)
        converse(FaultTolerantAdapter(store), USER_ID, (OPEN, "no"))
    assert server.requests == 2  # one load, tried twice; no save while the store rests
