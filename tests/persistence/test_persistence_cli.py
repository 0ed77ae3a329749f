"""The operator commands: find, show and delete one person's record (python -m ...persistence)."""

import json
from pathlib import Path

import pytest

from muscle_twitch.persistence.__main__ import main
from muscle_twitch.persistence.keys import key_for_user_id
from tests.persistence.support import write_raw

USER_ID = "amzn1.ask.account.ASKED-TO-BE-FORGOTTEN"


@pytest.fixture
def state_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "state.sqlite3"
    monkeypatch.setenv("MUSCLE_TWITCH_STATE_DB", str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out.strip()


def test_where_names_the_store(state_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "where") == (0, f"SQLite file {state_db}")


def test_where_says_when_nothing_is_stored(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MUSCLE_TWITCH_PERSISTENCE", "off")
    assert run(capsys, "where") == (0, "nowhere: persistence is off")


def test_key_is_the_sha256_of_the_user_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "key", "abc") == (
        0,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    )


def test_show_then_forget_one_person(state_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from muscle_twitch.persistence.sqlite_store import SqliteStore

    store = SqliteStore(state_db)
    write_raw(store, key_for_user_id(USER_ID), {"heard_introduction": True})
    write_raw(store, key_for_user_id("someone else"), {"heard_introduction": True})

    code, shown = run(capsys, "show", USER_ID)
    assert (code, json.loads(shown)) == (0, {"heard_introduction": True, "schema_version": 1})

    assert run(capsys, "forget", USER_ID) == (0, f"deleted (if it existed) from SQLite file {state_db}")
    assert run(capsys, "show", USER_ID) == (0, "null")
    assert store.load(key_for_user_id("someone else")) is not None


def test_store_errors_surface_to_the_operator(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("MUSCLE_TWITCH_STATE_DB", str(blocker / "state.sqlite3"))
    assert main(["forget", USER_ID]) == 1
    assert "NotADirectoryError" in capsys.readouterr().err  # the reason, for the operator
