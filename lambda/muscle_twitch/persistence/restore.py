"""What an environment restored from a Lambda SnapStart snapshot must not keep of the store.

Called by muscle_twitch/snapstart.py after each restore. Many environments resume from one
snapshot, possibly hours after it was taken.
"""

from muscle_twitch.persistence import dynamodb_store
from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter


def reset_after_restore(adapter: object) -> None:
    """Forgets the adapter's back-off deadline (set on the clock and after the failures of the
    environment that was snapshotted) and the DynamoDB client and boto3 session (their
    connections and credentials belong to it too). Both are made again when next needed.
    Anything else, including `None` for a skill that remembers nothing, is left alone."""
    if not isinstance(adapter, FaultTolerantAdapter):
        return
    adapter._resting_until = None
    if isinstance(adapter.store, dynamodb_store.DynamoDbStore):
        with dynamodb_store._client_lock:
            adapter.store._client = None
            dynamodb_store._session = None
