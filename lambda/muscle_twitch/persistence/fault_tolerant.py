"""The persistence adapter the skill sees: it stores only the allowed record, and loading and
saving never raise.

Failures come in three kinds:
- the store is unreachable, slow (timed out) or throttling on a load or save: log ONE warning,
  answer as for a first-time user, and leave the store alone for `cooldown_seconds`, so the
  rest of the turn (and of a busy minute) neither waits on timeouts again nor floods the log;
- the item is corrupted (whatever is wrong inside it, down to a number that does not parse):
  log one warning and answer as for a first-time user; the next save overwrites the bad item.
  The store itself answered, so nobody else is affected;
- a delete fails: log one warning and raise `DeleteFailed`. A deletion is a promise to the
  person (they disabled the skill), so the event that asked for it must fail and come again.
Log lines name the store, the operation and the error class or code: never the user id, the
key, or a stored value (exception messages may quote the key, so they are not logged).
The conversation itself lives in session attributes, which persistence never touches.
"""

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_model import RequestEnvelope

from muscle_twitch.persistence import record
from muscle_twitch.persistence.errors import CorruptedItem, DeleteFailed, MissingUserId
from muscle_twitch.persistence.keys import user_key
from muscle_twitch.persistence.store import UserStateStore

logger = logging.getLogger(__name__)

RETENTION_SECONDS = 365 * 24 * 60 * 60  # a year after the last visit the record expires
COOLDOWN_SECONDS = 30.0


class FaultTolerantAdapter(AbstractPersistenceAdapter):
    def __init__(
        self,
        store: UserStateStore,
        *,
        cooldown_seconds: float = COOLDOWN_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self._cooldown_seconds = cooldown_seconds
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self._resting_until: float | None = None

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        key = self._usable_key_or_none(request_envelope)
        if key is None or self._resting():
            return {}
        try:
            item = self.store.load(key)
        except (CorruptedItem, RecursionError) as error:  # nested too deep to read: that item only
            self._report_corrupted(error)
            return {}
        except Exception as error:  # any store failure stays out of the skill
            self._rest_after(error, "load")
            return {}
        if item is None:
            return {}
        if item.expires_at is not None and item.expires_at < self._wall_clock():
            return {}  # DynamoDB deletes expired items lazily; gone is gone
        try:
            return record.from_storage(item.attributes)
        except Exception as error:  # whatever is wrong inside an item is that item's fault
            self._report_corrupted(error)
            return {}

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict) -> None:
        key = self._usable_key_or_none(request_envelope)
        if key is None or self._resting():
            return
        stored, refused = record.for_storage(attributes if isinstance(attributes, Mapping) else {})
        if refused:
            logger.warning("Not storing keys outside the record schema: %s", ", ".join(refused))
        try:
            self.store.save(key, stored, int(self._wall_clock()) + RETENTION_SECONDS)
        except Exception as error:
            self._rest_after(error, "save")

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        """Delete the person's record, also while the store rests; DeleteFailed if it could not."""
        try:
            key = self._key_or_none(request_envelope)
        except UnicodeError:  # a userId no store key can be made of: the deletion cannot be done
            logger.warning("Persistence %s delete failed (unusable user id); failing the request", self.store.kind)
            raise DeleteFailed(f"{self.store.kind} delete failed (unusable user id)") from None
        if key is None:
            return
        try:
            self.store.delete(key)
        except Exception as error:
            self._resting_until = self._monotonic() + self._cooldown_seconds
            logger.warning(
                "Persistence %s delete failed (%s); failing the request so that it is made again",
                self.store.kind,
                _error_name(error),
            )
            raise DeleteFailed(f"{self.store.kind} delete failed ({_error_name(error)})") from None

    def _key_or_none(self, request_envelope: RequestEnvelope) -> str | None:
        try:
            return user_key(request_envelope)
        except (MissingUserId, AttributeError):  # AttributeError: not a request envelope at all
            logger.debug("Request without a user id: nothing to load or store")
            return None

    def _usable_key_or_none(self, request_envelope: RequestEnvelope) -> str | None:
        """For loads and saves, a userId no key can be made of (a lone surrogate) is nobody."""
        try:
            return self._key_or_none(request_envelope)
        except UnicodeError:
            logger.debug("Request with an unusable user id: nothing to load or store")
            return None

    def _resting(self) -> bool:
        if self._resting_until is None:
            return False
        if self._monotonic() < self._resting_until:
            return True
        self._resting_until = None
        return False

    def _rest_after(self, error: Exception, operation: str) -> None:
        self._resting_until = self._monotonic() + self._cooldown_seconds
        logger.warning(
            "Persistence %s %s failed (%s); answering as for a first-time user and not calling the store for %.0f s",
            self.store.kind,
            operation,
            _error_name(error),
            self._cooldown_seconds,
        )

    def _report_corrupted(self, error: Exception) -> None:
        # CorruptedItem messages are written to be safe; anything else may quote a stored value.
        reason = str(error) if isinstance(error, CorruptedItem) else type(error).__name__
        logger.warning("Stored %s item unreadable (%s); answering as for a first-time user", self.store.kind, reason)


def _error_name(error: Exception) -> str:
    """The error's class, plus the AWS error code for botocore ClientErrors (e.g. throttling)."""
    response = getattr(error, "response", None)
    if isinstance(response, dict):
        code = response.get("Error", {}).get("Code")
        if isinstance(code, str) and code:
            return f"{type(error).__name__}: {code}"
    return type(error).__name__
