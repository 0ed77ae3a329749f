"""What the skill remembers about a person between visits, and where.

Only `record.py`'s three non-health facts are ever stored (never interview answers), under a
hash of the Alexa userId, in DynamoDB on AWS or an SQLite file locally. The skill gets a
`FaultTolerantAdapter` (an ASK `AbstractPersistenceAdapter`) whose loads and saves never raise:
a broken store makes the person a first-time user for that visit, with one warning in the log.
Only a failed delete raises (`DeleteFailed`), so that the event asking for it fails and comes
again. Internals: docs/persistence.md.
"""

from importlib import import_module
from typing import Any

# Loaded on first use (PEP 562): a Lambda without a table, or a request that only reads
# `record`, never imports the stores, which keeps them out of the cold start.
_EXPORTS = {
    "DynamoDbStore": "muscle_twitch.persistence.dynamodb_store",
    "FaultTolerantAdapter": "muscle_twitch.persistence.fault_tolerant",
    "SqliteStore": "muscle_twitch.persistence.sqlite_store",
    "default_adapter": "muscle_twitch.persistence.choice",
    "local_state_path": "muscle_twitch.persistence.choice",
}


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)


__all__ = [
    "DynamoDbStore",
    "FaultTolerantAdapter",
    "SqliteStore",
    "default_adapter",
    "local_state_path",
]
