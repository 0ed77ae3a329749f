"""Which store the skill uses, chosen from the environment (docs/persistence.md, "Where").

MUSCLE_TWITCH_PERSISTENCE=off  remember nothing (default_adapter returns None)
TABLE_NAME=...                 DynamoDB table (what template.yaml passes to the Lambda);
                               AWS_ENDPOINT_URL_DYNAMODB points boto3 at another server
on Lambda without TABLE_NAME   remember nothing: Lambda has no persistent disk, and a
                               per-container /tmp file would greet the same person
                               differently from one container to the next
otherwise                      SQLite at MUSCLE_TWITCH_STATE_DB, or by default
                               $XDG_DATA_HOME/muscle-twitch-guide/state.sqlite3
                               (XDG_DATA_HOME defaults to ~/.local/share)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter

logger = logging.getLogger(__name__)

PERSISTENCE_SWITCH = "MUSCLE_TWITCH_PERSISTENCE"
STATE_DB_PATH = "MUSCLE_TWITCH_STATE_DB"
TABLE_NAME = "TABLE_NAME"
APP_FOLDER = "muscle-twitch-guide"
STATE_DB_NAME = "state.sqlite3"

_OFF = frozenset({"off", "none", "false", "0", "no"})
_ON = frozenset({"", "auto", "on"})


def default_adapter(environ: Mapping[str, str] | None = None) -> FaultTolerantAdapter | None:
    """The adapter for this environment, or None when nothing is to be remembered.

    Never touches the disk or the network: stores connect on first use.
    """
    env = os.environ if environ is None else environ
    switch = env.get(PERSISTENCE_SWITCH, "").strip().lower()
    if switch in _OFF:
        return None
    if switch not in _ON:
        # A typo must not take the skill down; say so once, at start-up, and carry on.
        logger.warning("Ignoring %s=%r (expected 'off' or 'auto')", PERSISTENCE_SWITCH, switch)
    table_name = env.get(TABLE_NAME, "").strip()
    if not table_name and env.get("AWS_LAMBDA_FUNCTION_NAME"):
        logger.info("No %s on Lambda: the skill remembers nobody", TABLE_NAME)
        return None
    # Imported here so that a configuration without persistence never loads the stores.
    from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter

    if table_name:
        from muscle_twitch.persistence.dynamodb_store import DynamoDbStore

        return FaultTolerantAdapter(DynamoDbStore(table_name))
    from muscle_twitch.persistence.sqlite_store import SqliteStore

    return FaultTolerantAdapter(SqliteStore(local_state_path(env)))


def local_state_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get(STATE_DB_PATH, "").strip()
    if override:
        return Path(override).expanduser()
    data_home = env.get("XDG_DATA_HOME", "").strip()
    # The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    base = Path(data_home) if data_home and Path(data_home).is_absolute() else None
    if base is None:
        base = Path(env.get("HOME") or Path.home()) / ".local" / "share"
    return base / APP_FOLDER / STATE_DB_NAME
