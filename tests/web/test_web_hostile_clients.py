"""The real server against clients that misbehave at the HTTP level: malformed chunked framing
is a 400 in one log line (it was a 500 with a traceback), framing gunicorn would wait on is
answered at once (it held a thread until the read timeout), and idle sockets hold no thread
(300 of them made the server unreachable). Loopback only; waits are bounded and generous."""

import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .servers import Server, free_port, running, server_environment, wait_for, what_the_server_sent
from .test_web_server import SERVE

# Far longer than any wait here: whatever is answered was answered without waiting for it.
PATIENT_SECONDS = "300"
AT_ONCE_SECONDS = 10.0
IDLE_SOCKETS = 300


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("hostile")
    port = free_port()
    env = server_environment(
        home,
        PORT=str(port),
        LOCAL_DEV_DISABLE_ALEXA_VERIFICATION="1",
        WEB_READ_TIMEOUT_SECONDS=PATIENT_SECONDS,
        WEB_MAX_BODY_BYTES="4096",
    )
    with running(SERVE, env, port, home / "server.log") as running_server:
        yield running_server


def chunked_post(port: int, framing: bytes, *, then_close: bool = False) -> bytes:
    """What the server answers to a POST whose chunked body is ``framing``, read until it
    closes; ``then_close``: the client says it is done sending, so nothing is worth waiting for."""
    head = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=AT_ONCE_SECONDS) as client:
        client.sendall(head + framing)
        if then_close:
            client.shutdown(socket.SHUT_WR)
        return what_the_server_sent(client, AT_ONCE_SECONDS)


# framing -> what gunicorn's parser says is wrong with it
MALFORMED_FRAMING = {
    "chunk size zz": b"zz\r\nhello\r\n0\r\n\r\n",
    "chunk size -5": b"-5\r\nhello\r\n0\r\n\r\n",
    "chunk size 0x5": b"0x5\r\nhello\r\n0\r\n\r\n",
    "no CRLF after the chunk": b"5\r\nhelloXY0\r\n\r\n",
    "bare CR in an extension": b"5;a\rb\r\nhello\r\n0\r\n\r\n",
    "NUL in an extension": b"5;a\x00b\r\nhello\r\n0\r\n\r\n",
    "a trailer without a colon": b"5\r\nhello\r\n0\r\nnot a header\r\n\r\n",
    "a trailer with a bare LF": b"5\r\nhello\r\n0\r\nX-A: 1\nX-B: 2\r\n\r\n",
    "a size line over 8 KiB": b"5;" + b"a" * 9000,
    # gunicorn looked for the CRLF until the read timeout: now refused on sight
    "LF-only framing": b"5\nhello\n0\n\n",
}


@pytest.mark.parametrize("framing", MALFORMED_FRAMING.values(), ids=MALFORMED_FRAMING.keys())
def test_malformed_chunked_framing_is_a_400_at_once_in_one_log_line(server: Server, framing: bytes) -> None:
    logged_before = server.log.read_text()

    answer = chunked_post(server.port, framing)

    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert b"malformed chunked framing" in answer
    assert wait_for(lambda: "malformed chunked framing" in server.log.read_text()[len(logged_before) :], 10)
    logged = server.log.read_text()[len(logged_before) :]
    assert "Traceback" not in logged and " 500 " not in logged, logged


def test_a_chunk_declaring_more_than_the_body_limit_is_a_413_at_once(server: Server) -> None:
    answer = chunked_post(server.port, b"fffffff\r\n" + b"{" * 100)  # 268 MB announced, 100 bytes sent
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]


def test_chunks_adding_up_to_more_than_the_limit_are_a_413_at_once(server: Server) -> None:
    answer = chunked_post(server.port, b"800\r\n" + b" " * 0x800 + b"\r\n801\r\n" + b" " * 10)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]


def test_a_well_framed_chunked_request_is_still_answered(server: Server) -> None:
    body = (Path(__file__).parent / "fixtures" / "launch_request.json").read_bytes()
    half = len(body) // 2
    framing = b"".join(f"{len(p):x};ext=1\r\n".encode() + p + b"\r\n" for p in (body[:half], body[half:]))
    answer = chunked_post(server.port, framing + b"0\r\nX-Trailer: yes\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200 ") and b"Welcome" in answer, answer[:300]


def test_idle_sockets_hold_no_thread(server: Server) -> None:
    """Hundreds of connections that never send a byte, many times the threads there are:
    /health and a real request are still answered at once, and the idle sockets stay open."""
    with ExitStack() as stack:
        idle = [
            stack.enter_context(socket.create_connection(("127.0.0.1", server.port), timeout=10))
            for _ in range(IDLE_SOCKETS)
        ]
        time.sleep(0.5)  # every worker has accepted its share
        started = time.monotonic()
        health = server.get("/health", timeout=AT_ONCE_SECONDS)
        status, launch = server.post_launch(timeout=AT_ONCE_SECONDS)
        assert "Welcome" in launch["response"]["outputSpeech"]["ssml"]
        answered_within = time.monotonic() - started

        assert health[0] == 200 and status == 200, (health, status)
        assert answered_within < AT_ONCE_SECONDS / 2  # generous: held threads took 5 s or forever
        assert all(_open(client) for client in idle[:10])


def _open(client: socket.socket) -> bool:
    client.setblocking(False)
    try:
        return client.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    finally:
        client.setblocking(True)


# Pieces of chunked framing, right and wrong, for the fuzzer to string together.
SIZES = st.one_of(
    st.integers(0, 64).map(lambda n: f"{n:x}".encode()), st.sampled_from([b"zz", b"-1", b"0x5", b"", b" 5"])
)
EXTENSIONS = st.sampled_from([b"", b";a", b";a=b", b';a="q"', b";\x00", b";a\rb", b"; a = b", b";;"])
ENDINGS = st.sampled_from([b"\r\n", b"\n", b"\r", b"", b"\r\r\n"])
TRAILERS = st.sampled_from([b"\r\n", b"X-A: 1\r\n\r\n", b"bad\r\n\r\n", b"X: 1\n\r\n", b""])


@st.composite
def framings(draw: st.DrawFn) -> bytes:
    pieces = []
    for _ in range(draw(st.integers(0, 3))):
        size = draw(SIZES)
        pieces.append(size + draw(EXTENSIONS) + draw(ENDINGS) + draw(st.binary(max_size=70)) + draw(ENDINGS))
    return b"".join(pieces) + draw(st.sampled_from([b"0", b""])) + draw(ENDINGS) + draw(TRAILERS)


@settings(max_examples=80, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(framing=framings())
def test_no_chunked_framing_gets_a_server_error_or_a_wait(server: Server, framing: bytes) -> None:
    answer = chunked_post(server.port, framing, then_close=True)
    assert answer[:10] in (b"HTTP/1.1 2", b"HTTP/1.1 4"), answer[:200]
    assert "Traceback" not in server.log.read_text()
