"""The embedded store used off AWS (simulator, web service, tests): one SQLite file.

sqlite3 is imported on first use: the Lambda, which stores in DynamoDB, never loads it.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from muscle_twitch.persistence.errors import CorruptedItem
from muscle_twitch.persistence.store import StoredItem

if TYPE_CHECKING:
    import sqlite3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS user_state (
    user_key   TEXT PRIMARY KEY,
    attributes TEXT NOT NULL,
    expires_at INTEGER NOT NULL
)
"""
# Only the owner may read what the skill remembers (SQLite gives its journal the same mode).
FOLDER_MODE = 0o700
FILE_MODE = 0o600


class SqliteStore:
    """Opens a connection per call: safe from any thread, and nothing to close at exit.

    The folder, the file and the table are made on first use, not at construction, so building
    the skill never touches the disk; and made again whenever they have gone (deleting the file
    is how an operator forgets everyone), so the store never stays broken until a restart.
    """

    kind = "sqlite"

    def __init__(
        self,
        path: Path,
        *,
        busy_timeout_seconds: float = 1.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self._busy_timeout_seconds = busy_timeout_seconds
        self._clock = clock

    def load(self, key: str) -> StoredItem | None:
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT attributes, expires_at FROM user_state WHERE user_key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        text, expires_at = row
        try:
            attributes = json.loads(text)
        except (TypeError, ValueError) as error:
            raise CorruptedItem("stored attributes are not JSON") from error
        return StoredItem(attributes, expires_at if isinstance(expires_at, int) else None)

    def save(self, key: str, attributes: dict[str, Any], expires_at: int) -> None:
        text = json.dumps(attributes, sort_keys=True)
        with self._transaction() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO user_state (user_key, attributes, expires_at) VALUES (?, ?, ?)",
                (key, text, expires_at),
            )
            # Expired records go on the next write, the local stand-in for DynamoDB's TTL.
            connection.execute("DELETE FROM user_state WHERE expires_at < ?", (int(self._clock()),))

    def delete(self, key: str) -> None:
        with self._transaction() as connection:
            connection.execute("DELETE FROM user_state WHERE user_key = ?", (key,))

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one transaction (committed, or rolled back on error), then closed."""
        import sqlite3

        self._ensure_private_file()
        with closing(sqlite3.connect(self.path, timeout=self._busy_timeout_seconds)) as connection, connection:
            # Cheap when the table exists (SQLite has the schema in hand), and it brings
            # the table back when the file was deleted or replaced while we ran.
            connection.execute(_SCHEMA)
            yield connection

    def _ensure_private_file(self) -> None:
        """Create the folder (0700) and the file (0600) if missing; tighten a file made wider."""
        try:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except FileNotFoundError:
            self.path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            mode = stat.S_IMODE(os.fstat(descriptor).st_mode)
            if mode & ~FILE_MODE:  # e.g. 0644 from a version that let SQLite create it
                os.fchmod(descriptor, FILE_MODE)
        finally:
            os.close(descriptor)
