"""Helpers shared by the persistence tests: fixtures from JSON, request envelopes, and small
servers on 127.0.0.1 that misbehave the way a real store can (silent, throttling, returning a
malformed item)."""

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

FIXTURES = Path(__file__).parent / "fixtures"
FAKE_CREDENTIALS = {"aws_access_key_id": "dynalite", "aws_secret_access_key": "dynalite"}
REGION = "us-east-1"


def load_fixture(name: str) -> Any:
    # Decimal, as DynamoDB wants numbers (1.5 must stay a fraction, not become a float).
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"), parse_float=Decimal)


def request_envelope(user_id: str | None) -> RequestEnvelope:
    """A LaunchRequest from the fixture, for `user_id` (None: a request without a user)."""
    body = load_fixture("launch_request.json")
    for holder in (body["session"], body["context"]["System"]):
        if user_id is None:
            del holder["user"]
        else:
            holder["user"]["userId"] = user_id
    return DefaultSerializer().deserialize(json.dumps(body), RequestEnvelope)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def silent_server() -> Iterator[str]:
    """An endpoint that accepts connections and never answers: a store that hangs."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_hold() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(connection)

    acceptor = threading.Thread(target=accept_and_hold, daemon=True)
    acceptor.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        acceptor.join(timeout=5)
        for connection in held:
            connection.close()
        listener.close()


class ThrottlingServer:
    """A DynamoDB endpoint that answers every call the way DynamoDB does when throttling."""

    ERROR_CODE = "ProvisionedThroughputExceededException"

    def __init__(self) -> None:
        self.requests = 0
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with owner._lock:
                    owner.requests += 1
                body = json.dumps(
                    {
                        "__type": f"com.amazonaws.dynamodb.v20120810#{owner.ERROR_CODE}",
                        "message": "The level of configured provisioned throughput was exceeded.",
                    }
                ).encode()
                self.send_response(400)
                self.send_header("Content-Type", "application/x-amz-json-1.0")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint_url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> "ThrottlingServer":
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class CannedDynamoDb:
    """A DynamoDB endpoint whose GetItem returns ``item`` exactly as given (raw DynamoDB JSON,
    which a real table could never hold when it is malformed) for the item's own key, and no
    item for any other; writes succeed. It records the operations asked for (GetItem, ...)."""

    def __init__(self, item: dict[str, Any]) -> None:
        self.item = item
        self.operations: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                asked = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
                operation = self.headers.get("X-Amz-Target", "").rsplit(".", 1)[-1]
                owner.operations.append(operation)
                found = operation == "GetItem" and asked.get("Key") == {"id": owner.item["id"]}
                answer = {"Item": owner.item} if found else {}
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-amz-json-1.0")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint_url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> "CannedDynamoDb":
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()


FAR_FUTURE = 4_102_444_800  # 2100-01-01, as Unix seconds


def write_raw(store: Any, key: str, stored: Any, expires_at: int | None = FAR_FUTURE) -> None:
    """Put `stored` under `key` exactly as given, bypassing every check the skill makes:
    what an older (or buggy) version of the skill, or a damaged disk, may have left behind."""
    if store.kind == "sqlite":
        import sqlite3

        store.load("warm-up: creates the table")
        text = stored if isinstance(stored, str) else json.dumps(stored, default=float)
        with sqlite3.connect(store.path) as connection:
            connection.execute("INSERT OR REPLACE INTO user_state VALUES (?, ?, ?)", (key, text, expires_at))
        connection.close()
        return
    from boto3.dynamodb.types import TypeSerializer

    item = {"id": {"S": key}, "attributes": TypeSerializer().serialize(stored)}
    if expires_at is not None:
        item["expires_at"] = {"N": str(expires_at)}
    store._dynamodb().put_item(TableName=store.table_name, Item=item)


def read_raw(store: Any, key: str) -> Any:
    """The item under `key` as the database holds it (JSON text, or a DynamoDB item)."""
    if store.kind == "sqlite":
        import sqlite3

        with sqlite3.connect(store.path) as connection:
            row = connection.execute(
                "SELECT attributes, expires_at FROM user_state WHERE user_key = ?", (key,)
            ).fetchone()
        connection.close()
        return row
    return store._dynamodb().get_item(TableName=store.table_name, Key={"id": {"S": key}}).get("Item")
