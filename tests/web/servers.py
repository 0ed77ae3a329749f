"""Real servers for the web tests: ``make serve`` and ``python -m webservice.serve`` on a free
127.0.0.1 port, started in their own process group and always stopped, plus clients that stall.

Every wait is bounded and generous; nothing here asserts how long anything took.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAUNCH = ROOT / "tests" / "web" / "fixtures" / "launch_request.json"
STARTUP_SECONDS = 60.0
STOP_SECONDS = 30.0


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def get(self, path: str, timeout: float = 15.0) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def post_launch(self, timeout: float = 15.0) -> tuple[int, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("POST", "/", body=LAUNCH.read_bytes(), headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            return response.status, json.loads(response.read())
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(home: Path, **settings: str) -> dict[str, str]:
    """The developer's environment, minus settings that would change the server under test."""
    env = {k: v for k, v in os.environ.items() if k not in {"SKILL_ID", "PORT", "XDG_RUNTIME_DIR"}}
    env = {k: v for k, v in env.items() if not k.startswith("WEB_") and k != "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION"}
    return {**env, "HOME": str(home), "MUSCLE_TWITCH_PERSISTENCE": "off", **settings}


@contextmanager
def running(command: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[Server]:
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(process, port, log)
    try:
        wait_until_healthy(server)
        yield server
    finally:
        stop_group(process)


def wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited with {server.process.returncode}:\n{server.log.read_text()}")
        try:
            if server.get("/health", timeout=2)[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not answer within {STARTUP_SECONDS:.0f} s:\n{server.log.read_text()}")


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group, SIGKILL if it lingers (it never should)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with suppress(ProcessLookupError):  # the group has ended already
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=STOP_SECONDS)
            return
        except subprocess.TimeoutExpired:
            continue


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def has_ended(pid: int) -> bool:
    """Gone, or a zombie waiting for whoever adopted it: either way it runs no more."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in {"Z", "X"}


def refuses_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return True
    return False


def wait_for(condition: Callable[[], bool], seconds: float = STOP_SECONDS) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return bool(condition())


# How a client stalls: the bytes it sends before going silent.
BODY = LAUNCH.read_bytes()
STALLS = {
    "nothing at all": b"",
    "headers, then half the body": (
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(BODY)}\r\n\r\n".encode()
        + BODY[: len(BODY) // 2]
    ),
    "half the headers": b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le",
    "a chunked body that stops": (
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        + f"{len(BODY):x}\r\n".encode()
        + BODY[:100]
    ),
}


@contextmanager
def stalled_clients(port: int, stall: bytes, count: int) -> Iterator[list[socket.socket]]:
    clients = []
    try:
        for _ in range(count):
            client = socket.create_connection(("127.0.0.1", port), timeout=10)
            client.sendall(stall)
            clients.append(client)
        yield clients
    finally:
        for client in clients:
            client.close()


def still_connected(client: socket.socket) -> bool:
    """The server has neither answered nor closed this connection."""
    client.setblocking(False)
    try:
        client.recv(1, socket.MSG_PEEK)  # data or end of stream: it answered or closed
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        client.setblocking(True)
    return False


def what_the_server_sent(client: socket.socket, seconds: float = STOP_SECONDS) -> bytes:
    """Everything until the server closes the connection (bounded)."""
    client.settimeout(seconds)
    received = b""
    while chunk := client.recv(65536):
        received += chunk
    return received
