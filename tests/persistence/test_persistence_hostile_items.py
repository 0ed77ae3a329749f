"""What a damaged file or a forged request can put in the store's way hurts one person at most:
a row nested too deep to read is one corrupted item (it raised RecursionError and rested the
store for everybody for 30 s), a symbolic link at the SQLite path is refused and its target
left alone (it was followed and the target's mode changed), and a userId no key can be made
of (a lone surrogate) fails a SkillDisabled event as a failed delete (it was answered as done)."""

import logging
import os
import stat
from pathlib import Path

import pytest

from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter
from muscle_twitch.persistence.keys import key_for_user_id
from muscle_twitch.persistence.sqlite_store import SqliteStore
from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.entry import handle_event
from muscle_twitch.skill.handlers.skill_events import SkillEventNotHandled
from tests.persistence.support import request_envelope, write_raw
from tests.persistence.test_persistence_skill_disabled import skill_disabled_by

USER_ID = "amzn1.ask.account.NESTED"
OTHER_USER_ID = "amzn1.ask.account.SOMEBODY-ELSE"
UNUSABLE_USER_ID = "amzn1.ask.account.\ud800"
RECORD = {"schema_version": 1, "heard_introduction": True, "last_visit": "2026-11-18"}


def test_a_row_nested_too_deep_to_read_is_one_corrupted_item(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = SqliteStore(tmp_path / "state.sqlite3")
    adapter = FaultTolerantAdapter(store)
    adapter.save_attributes(request_envelope(OTHER_USER_ID), RECORD)
    write_raw(store, key_for_user_id(USER_ID), "[" * 100_000 + "]" * 100_000)

    assert adapter.get_attributes(request_envelope(USER_ID)) == {}
    assert adapter.get_attributes(request_envelope(OTHER_USER_ID)) == RECORD  # the store did not rest
    [warning] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "item unreadable" in warning


def test_a_symbolic_link_at_the_store_path_is_refused_and_its_target_left_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    target = tmp_path / "someone-elses-file"
    target.write_text("not ours")
    target.chmod(0o644)
    link = tmp_path / "data" / "state.sqlite3"
    link.parent.mkdir()
    link.symlink_to(target)
    adapter = FaultTolerantAdapter(SqliteStore(link))

    adapter.save_attributes(request_envelope(USER_ID), RECORD)

    assert (target.read_text(), stat.S_IMODE(target.stat().st_mode)) == ("not ours", 0o644)
    assert os.path.islink(link)
    [warning] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "save failed (SymlinkRefused)" in warning


def test_a_user_id_no_key_can_be_made_of_fails_the_skill_disabled_event(tmp_path: Path) -> None:
    skill = build_skill(persistence_adapter=FaultTolerantAdapter(SqliteStore(tmp_path / "state.sqlite3")))
    with pytest.raises(SkillEventNotHandled):
        handle_event(skill, skill_disabled_by(UNUSABLE_USER_ID))


def test_a_user_id_no_key_can_be_made_of_is_a_first_time_user(tmp_path: Path) -> None:
    adapter = FaultTolerantAdapter(SqliteStore(tmp_path / "state.sqlite3"))
    adapter.save_attributes(request_envelope(UNUSABLE_USER_ID), RECORD)
    assert adapter.get_attributes(request_envelope(UNUSABLE_USER_ID)) == {}
