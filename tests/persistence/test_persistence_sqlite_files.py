"""The local SQLite file: private to its owner (0600 in a 0700 folder, whatever the umask), and
made again when it goes while the skill runs (deleting it is how an operator forgets everyone),
without a warning and without waiting for a restart."""

import logging
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter
from muscle_twitch.persistence.keys import key_for_user_id
from muscle_twitch.persistence.sqlite_store import SqliteStore
from tests.persistence.support import request_envelope

USER_ID = "amzn1.ask.account.LOCAL-PERSON"
RECORD = {"schema_version": 1, "heard_introduction": True, "last_visit": "2026-11-18"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """umask 0: any privacy must come from the store, not from the developer's shell."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("permissive_umask")
def test_the_store_creates_its_folder_0700_and_its_file_0600(tmp_path: Path) -> None:
    path = tmp_path / "data" / "muscle-twitch-guide" / "state.sqlite3"
    SqliteStore(path).save(key_for_user_id(USER_ID), RECORD, expires_at=4_102_444_800)
    assert (oct(mode(path.parent)), oct(mode(path))) == (oct(0o700), oct(0o600))


@pytest.mark.usefixtures("permissive_umask")
def test_a_file_an_older_version_left_readable_to_all_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    sqlite3.connect(path).close()
    path.chmod(0o644)
    SqliteStore(path).load(key_for_user_id(USER_ID))
    assert oct(mode(path)) == oct(0o600)


def test_a_folder_that_already_exists_keeps_its_mode(tmp_path: Path) -> None:
    """MUSCLE_TWITCH_STATE_DB may point into a shared folder: the store only tightens its own file."""
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    SqliteStore(shared / "state.sqlite3").load(key_for_user_id(USER_ID))
    assert oct(mode(shared)) == oct(0o755)


def delete_the_file(path: Path) -> None:
    path.unlink()


def delete_the_folder(path: Path) -> None:
    for leftover in path.parent.iterdir():
        leftover.unlink()
    path.parent.rmdir()


def replace_with_an_empty_database(path: Path) -> None:
    path.unlink()
    sqlite3.connect(path).close()  # a valid SQLite file without the table


def empty_the_file(path: Path) -> None:
    path.write_bytes(b"")  # SQLite reads a zero-length file as an empty database


@pytest.mark.parametrize(
    "forget_everyone",
    [delete_the_file, delete_the_folder, replace_with_an_empty_database, empty_the_file],
    ids=lambda forget: forget.__name__,
)
def test_after_the_file_goes_while_running_the_next_visit_is_remembered_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, forget_everyone: Callable[[Path], None]
) -> None:
    path = tmp_path / "muscle-twitch-guide" / "state.sqlite3"
    adapter = FaultTolerantAdapter(SqliteStore(path))  # one adapter: the process keeps running
    envelope = request_envelope(USER_ID)
    adapter.save_attributes(envelope, RECORD)

    forget_everyone(path)

    assert adapter.get_attributes(envelope) == {}  # forgotten, as intended
    adapter.save_attributes(envelope, RECORD)
    assert adapter.get_attributes(envelope) == RECORD  # and remembered again, at once
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert oct(mode(path)) == oct(0o600)
