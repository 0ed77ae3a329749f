"""The interface every backing store implements: one small item per hashed user key.

Stores only move data. Choosing the key, checking what may be stored, expiry and fault
tolerance live in `FaultTolerantAdapter`, so each store stays a thin layer over its database.
"""

from typing import Any, NamedTuple, Protocol


class StoredItem(NamedTuple):
    attributes: object  # as read back; validated by record.from_storage
    expires_at: int | None  # Unix seconds after which the item counts as gone


class UserStateStore(Protocol):
    kind: str  # short name for log lines: "sqlite", "dynamodb"

    def load(self, key: str) -> StoredItem | None:
        """The item stored under `key`, or None. Raises on any store failure."""
        ...

    def save(self, key: str, attributes: dict[str, Any], expires_at: int) -> None:
        """Replace the item under `key`. Raises on any store failure."""
        ...

    def delete(self, key: str) -> None:
        """Remove the item under `key` if there is one. Raises on any store failure."""
        ...
