"""A closed-loop HTTP load generator for loopback servers: bounded in request count and time.

Each client process sends its share of POSTs one after another (gunicorn's sync workers close
the connection after every response, so each request opens a new one, for both servers alike).
"""

import http.client
import json
import multiprocessing
import time
from dataclasses import dataclass, field

HOST = "127.0.0.1"


@dataclass
class BatchResult:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    errors: list[str] = field(default_factory=list)
    started: float = float("inf")
    finished: float = 0.0

    @property
    def seconds(self) -> float:
        return max(self.finished - self.started, 1e-9)

    def merge(self, other: "BatchResult") -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.started = min(self.started, other.started)
        self.finished = max(self.finished, other.finished)


def post_once(port: int, body: bytes, timeout: float) -> str | None:
    """One request; None if it succeeded (200 and an Alexa response), else what went wrong."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("POST", "/", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        payload = response.read()
        if response.status != 200:
            return f"HTTP {response.status}"
        if "response" not in json.loads(payload):
            return "200 without an Alexa response"
        return None
    except (OSError, ValueError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        connection.close()


def _client(job: tuple[int, bytes, int, float, float]) -> BatchResult:
    port, body, count, timeout, deadline = job
    result = BatchResult(started=time.monotonic())
    for _ in range(count):
        if time.monotonic() > deadline:
            result.errors.append("benchmark time limit reached")
            break
        sent = time.perf_counter()
        error = post_once(port, body, timeout)
        elapsed = time.perf_counter() - sent
        if error is None:
            result.latencies.append(elapsed)
        else:
            result.errors.append(error)
    result.finished = time.monotonic()
    return result


class LoadGenerator:
    """`concurrency` client processes, started once and reused for every batch."""

    def __init__(self, concurrency: int, timeout: float = 10.0, max_seconds: float = 300.0) -> None:
        self._concurrency = concurrency
        self._timeout = timeout
        self._deadline = time.monotonic() + max_seconds
        self._pool = multiprocessing.get_context("fork").Pool(concurrency)

    def run(self, port: int, body: bytes, requests: int) -> BatchResult:
        share, extra = divmod(requests, self._concurrency)
        jobs = [
            (port, body, share + (1 if i < extra else 0), self._timeout, self._deadline)
            for i in range(self._concurrency)
        ]
        total = BatchResult()
        for part in self._pool.map(_client, jobs):
            total.merge(part)
        return total

    def close(self) -> None:
        self._pool.close()
        self._pool.join()
