"""The store used on AWS: one DynamoDB item per user, through boto3's low-level client.

Item layout (partition key `id`, string, like the ASK SDK's own adapter):
    id          the SHA-256 of the Alexa userId (see keys.py)
    attributes  a map: the record from record.py
    expires_at  Unix seconds; enable DynamoDB TTL on this attribute to have old items deleted

boto3 is imported and the client built on first use, never at import: importing the skill
needs no AWS region or credentials, and the local doors never pay for importing boto3.
At DEBUG level botocore logs every request and response body (the storage key, the item) and
urllib3 every URL, so building the client also keeps those loggers at INFO or above.
"""

import logging
import threading
from typing import TYPE_CHECKING, Any

from muscle_twitch.persistence.errors import CorruptedItem
from muscle_twitch.persistence.store import StoredItem

if TYPE_CHECKING:
    from boto3.session import Session
    from botocore.client import BaseClient
    from botocore.config import Config

PARTITION_KEY = "id"
ATTRIBUTES = "attributes"
EXPIRES_AT = "expires_at"

# Alexa waits 8 s for the whole response. One slow or throttled store call may cost at most
# 2 attempts x (0.5 s connect + 1 s read) plus one short backoff, then the wrapper stops trying.
CONNECT_TIMEOUT_SECONDS = 0.5
READ_TIMEOUT_SECONDS = 1.0
TOTAL_MAX_ATTEMPTS = 2
# Libraries that would log keys or items at DEBUG, whatever level the application runs at.
CHATTY_LOGGERS = ("botocore", "boto3", "urllib3")

_client_lock = threading.Lock()
_session: "Session | None" = None


def bounded_client_config(
    *,
    connect_timeout: float = CONNECT_TIMEOUT_SECONDS,
    read_timeout: float = READ_TIMEOUT_SECONDS,
    total_max_attempts: int = TOTAL_MAX_ATTEMPTS,
) -> "Config":
    from botocore.config import Config

    return Config(
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        retries={"mode": "standard", "total_max_attempts": total_max_attempts},
    )


class DynamoDbStore:
    kind = "dynamodb"

    def __init__(
        self,
        table_name: str,
        *,
        endpoint_url: str | None = None,
        region_name: str | None = None,
        client_config: "Config | None" = None,
    ) -> None:
        self.table_name = table_name
        self._endpoint_url = endpoint_url
        self._region_name = region_name
        self._client_config = client_config
        self._client: BaseClient | None = None

    def load(self, key: str) -> StoredItem | None:
        response = self._dynamodb().get_item(
            TableName=self.table_name,
            Key={PARTITION_KEY: {"S": key}},
            ConsistentRead=True,
        )
        item = response.get("Item")
        return None if item is None else _decode(item)

    def save(self, key: str, attributes: dict[str, Any], expires_at: int) -> None:
        from boto3.dynamodb.types import TypeSerializer

        self._dynamodb().put_item(
            TableName=self.table_name,
            Item={
                PARTITION_KEY: {"S": key},
                ATTRIBUTES: TypeSerializer().serialize(attributes),
                EXPIRES_AT: {"N": str(expires_at)},
            },
        )

    def delete(self, key: str) -> None:
        self._dynamodb().delete_item(TableName=self.table_name, Key={PARTITION_KEY: {"S": key}})

    def _dynamodb(self) -> "BaseClient":
        # boto3 sessions are not thread-safe but clients are: build each client once, under a
        # lock, from one session per process (a session loads the service model once).
        global _session
        with _client_lock:
            if self._client is None:
                keep_chatty_loggers_quiet()
                if _session is None:
                    import boto3

                    _session = boto3.session.Session()
                self._client = _session.client(
                    "dynamodb",
                    endpoint_url=self._endpoint_url,
                    region_name=self._region_name,
                    config=self._client_config or bounded_client_config(),
                )
            return self._client


def keep_chatty_loggers_quiet() -> None:
    """Raise botocore's, boto3's and urllib3's level to INFO unless set higher already."""
    for name in CHATTY_LOGGERS:
        library_logger = logging.getLogger(name)
        if library_logger.level < logging.INFO:  # NOTSET (inherit) or DEBUG
            library_logger.setLevel(logging.INFO)


def _decode(item: dict[str, Any]) -> StoredItem:
    """The item as stored; CorruptedItem for anything DynamoDB would never have returned for a
    record of ours (the store answered: this is one bad item, not an outage)."""
    from boto3.dynamodb.types import TypeDeserializer

    stored = item.get(ATTRIBUTES)
    if not isinstance(stored, dict) or "M" not in stored:
        raise CorruptedItem("item has no attributes map")
    try:
        attributes = TypeDeserializer().deserialize(stored)
    except Exception as error:  # TypeError, KeyError, decimal traps (ArithmeticError), ...
        raise CorruptedItem(f"attributes map does not deserialize ({type(error).__name__})") from None
    expires_at = item.get(EXPIRES_AT)
    return StoredItem(attributes, _whole_seconds(expires_at.get("N") if isinstance(expires_at, dict) else None))


def _whole_seconds(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None
