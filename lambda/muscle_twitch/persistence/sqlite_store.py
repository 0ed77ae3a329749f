"""The embedded store used off AWS (simulator, web service, tests): one SQLite file.

sqlite3 is imported on first use: the Lambda, which stores in DynamoDB, never loads it.
"""

from __future__ import annotations

import errno
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

_SELECT = "SELECT attributes, expires_at FROM user_state WHERE user_key = ?"
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
# Several processes share the file (gunicorn's workers): each call waits this long for a
# writer to finish, and a call still refused is tried again a few times before it fails.
BUSY_TIMEOUT_SECONDS = 5.0
ATTEMPTS = 3


class SymlinkRefused(OSError):
    """The store's path is a symbolic link: it is not followed (nor the target's mode changed)."""


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
        busy_timeout_seconds: float = BUSY_TIMEOUT_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self._busy_timeout_seconds = busy_timeout_seconds
        self._clock = clock

    def load(self, key: str) -> StoredItem | None:
        row = self._run(lambda c: c.execute(_SELECT, (key,)).fetchone(), writes=False)
        if row is None:
            return None
        text, expires_at = row
        try:
            attributes = json.loads(text)
        except (TypeError, ValueError, RecursionError) as error:  # RecursionError: nested too deep
            raise CorruptedItem("stored attributes are not JSON this store could have written") from error
        return StoredItem(attributes, expires_at if isinstance(expires_at, int) else None)

    def save(self, key: str, attributes: dict[str, Any], expires_at: int) -> None:
        text = json.dumps(attributes, sort_keys=True)

        def write(connection: sqlite3.Connection) -> None:
            connection.execute(
                "INSERT OR REPLACE INTO user_state (user_key, attributes, expires_at) VALUES (?, ?, ?)",
                (key, text, expires_at),
            )
            # Expired records go on the next write, the local stand-in for DynamoDB's TTL.
            connection.execute("DELETE FROM user_state WHERE expires_at < ?", (int(self._clock()),))

        self._run(write)

    def delete(self, key: str) -> None:
        self._run(lambda c: c.execute("DELETE FROM user_state WHERE user_key = ?", (key,)))

    def _run(self, work: Callable[[sqlite3.Connection], Any], *, writes: bool = True) -> Any:
        """``work`` in one transaction, tried again when another process held the file too long."""
        import sqlite3

        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self._transaction(writes) as connection:
                    return work(connection)
            except sqlite3.OperationalError as error:
                if attempt == ATTEMPTS or not ("locked" in str(error) or "busy" in str(error)):
                    raise

    @contextmanager
    def _transaction(self, writes: bool) -> Iterator[sqlite3.Connection]:
        """A connection inside one transaction (committed, or rolled back on error), then closed.

        A writing transaction takes the write lock at once (BEGIN IMMEDIATE), so that two
        processes never both read and then both wait to write, which SQLite ends with "locked"."""
        import sqlite3

        self._ensure_private_file()
        connect = sqlite3.connect(self.path, timeout=self._busy_timeout_seconds, isolation_level=None)
        with closing(connect) as connection:
            # Cheap when the table exists (SQLite has the schema in hand), and it brings
            # the table back when the file was deleted or replaced while we ran.
            connection.execute(_SCHEMA)
            connection.execute("BEGIN IMMEDIATE" if writes else "BEGIN")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _ensure_private_file(self) -> None:
        """Create the folder (0700) and the file (0600) if missing; tighten a file made wider.
        A symbolic link at the path is refused, not followed (O_NOFOLLOW): the store would
        otherwise write, and change the mode of, whatever the link points at."""
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW
        try:
            try:
                descriptor = os.open(self.path, flags, FILE_MODE)
            except FileNotFoundError:
                self.path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
                descriptor = os.open(self.path, flags, FILE_MODE)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise SymlinkRefused(errno.ELOOP, "the store's path is a symbolic link, not followed") from None
            raise
        try:
            mode = stat.S_IMODE(os.fstat(descriptor).st_mode)
            if mode & ~FILE_MODE:  # e.g. 0644 from a version that let SQLite create it
                os.fchmod(descriptor, FILE_MODE)
        finally:
            os.close(descriptor)
