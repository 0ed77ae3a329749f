"""The SQLite store under several processes writing at once, as gunicorn's workers and the
simulator share one file: every write lands. Eight writers used to get "database is locked"
after the 1 s busy timeout, and the adapter then left the store alone for 30 s, so everybody
heard the first-visit disclaimer again. Real processes, a shared start, bounded waits."""

import multiprocessing
import queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter
from muscle_twitch.persistence.keys import key_for_user_id
from muscle_twitch.persistence.sqlite_store import SqliteStore
from tests.persistence.support import request_envelope

WRITERS = 8
WRITES_EACH = 15
RECORD = {"schema_version": 1, "heard_introduction": True, "last_visit": "2026-11-18"}


def write_many(path: str, writer: int, start: Barrier, results: Any) -> None:
    """Saves and loads through the store itself; puts the list of failures on ``results``."""
    store = SqliteStore(Path(path))
    failures = []
    start.wait(timeout=60)
    for n in range(WRITES_EACH):
        key = key_for_user_id(f"amzn1.ask.account.WRITER-{writer}-{n}")
        try:
            store.save(key, RECORD, expires_at=4_102_444_800)
            if store.load(key) is None:
                failures.append("lost")
        except Exception as error:
            failures.append(f"{type(error).__name__}: {error}")
    results.put(failures)


def test_eight_processes_writing_at_once_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    SqliteStore(path).load(key_for_user_id("warm-up"))  # the file exists, as after the first visit
    # Spawned, not forked: forking a process that runs threads (pytest-xdist, the SDK) may
    # deadlock, and Python 3.13 warns of it.
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(WRITERS), context.Queue()
    writers = [context.Process(target=write_many, args=(str(path), w, start, results)) for w in range(WRITERS)]
    for writer in writers:
        writer.start()
    try:
        failures = [f for _ in writers for f in results.get(timeout=120)]
    except queue.Empty:
        failures = ["a writer never finished"]
    finally:
        for writer in writers:
            writer.join(timeout=10)
            writer.kill()

    assert failures == []
    adapter = FaultTolerantAdapter(SqliteStore(path))
    assert adapter.get_attributes(request_envelope("amzn1.ask.account.WRITER-7-14")) == RECORD
