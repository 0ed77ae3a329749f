"""What the skill remembers about a person between visits, and where.

Only `record.py`'s three non-health facts are ever stored (never interview answers), under a
hash of the Alexa userId, in DynamoDB on AWS or an SQLite file locally. The skill gets a
`FaultTolerantAdapter` (an ASK `AbstractPersistenceAdapter`) that never raises: a broken store
makes the person a first-time user for that visit, with one warning in the log.
"""

from muscle_twitch.persistence.choice import default_adapter, local_state_path
from muscle_twitch.persistence.dynamodb_store import DynamoDbStore
from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter
from muscle_twitch.persistence.sqlite_store import SqliteStore

__all__ = [
    "DynamoDbStore",
    "FaultTolerantAdapter",
    "SqliteStore",
    "default_adapter",
    "local_state_path",
]
