"""The real server, as `make serve` runs it (gunicorn on loopback, the real skill): clients that
send half a request and stall cannot starve it, a stalled client is dropped after the read
timeout, no control socket is written, two servers run side by side, and stopping `make`
stops everything. Waits are bounded and generous; nothing asserts how long anything took."""

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from webservice.settings import DEFAULT_THREADS, DEFAULT_WORKERS

from .servers import (
    ROOT,
    STALLS,
    STOP_SECONDS,
    Server,
    children_of,
    free_port,
    has_ended,
    refuses_connections,
    running,
    server_environment,
    stalled_clients,
    still_connected,
    wait_for,
    what_the_server_sent,
)

SERVE = [sys.executable, "-m", "webservice.serve"]
# More stalled clients than the two sync workers that used to be starved by two of them, and
# fewer than the threads that now take them (workers x threads).
STALLED_PER_KIND = 2
assert len(STALLS) * STALLED_PER_KIND < DEFAULT_WORKERS * DEFAULT_THREADS


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {name: tmp_path_factory.mktemp(name) for name in ("patient", "impatient", "runtime-dir")}


@pytest.fixture(scope="module")
def patient_server(homes: dict[str, Path]) -> Iterator[Server]:
    """Default workers and threads; a read timeout far longer than any test here waits."""
    port = free_port()
    env = server_environment(
        homes["patient"],
        PORT=str(port),
        LOCAL_DEV_DISABLE_ALEXA_VERIFICATION="1",
        WEB_READ_TIMEOUT_SECONDS="300",
        XDG_RUNTIME_DIR=str(homes["runtime-dir"]),
    )
    with running(SERVE, env, port, homes["patient"] / "server.log") as server:
        yield server


@pytest.fixture(scope="module")
def impatient_server(homes: dict[str, Path], patient_server: Server) -> Iterator[Server]:
    """A second server at the same time, with a one-second read timeout."""
    port = free_port()
    env = server_environment(
        homes["impatient"], PORT=str(port), LOCAL_DEV_DISABLE_ALEXA_VERIFICATION="1", WEB_READ_TIMEOUT_SECONDS="1"
    )
    with running(SERVE, env, port, homes["impatient"] / "server.log") as server:
        yield server


def test_health_and_real_requests_are_answered_while_stalled_clients_are_connected(patient_server: Server) -> None:
    port = patient_server.port
    with (
        stalled_clients(port, STALLS["headers, then half the body"], STALLED_PER_KIND) as mid_body,
        stalled_clients(port, STALLS["half the headers"], STALLED_PER_KIND) as mid_headers,
        stalled_clients(port, STALLS["a chunked body that stops"], STALLED_PER_KIND) as mid_chunk,
        stalled_clients(port, STALLS["nothing at all"], STALLED_PER_KIND) as idle,
    ):
        health = patient_server.get("/health")
        status, launch = patient_server.post_launch()

        assert health == (200, b'{"status":"ok"}\n')
        assert status == 200 and "Welcome" in launch["response"]["outputSpeech"]["ssml"]
        stalled = mid_body + mid_headers + mid_chunk + idle
        assert [still_connected(client) for client in stalled] == [True] * len(stalled)


# how the client stalls -> how the server's answer starts (b"": it closes without one)
DROPPED = {
    "headers, then half the body": b"HTTP/1.1 408 ",
    "a chunked body that stops": b"HTTP/1.1 408 ",
    "half the headers": b"",  # no request yet, so nothing to answer
    "nothing at all": b"",
}


def test_stalled_clients_are_answered_or_dropped_after_the_read_timeout(impatient_server: Server) -> None:
    port = impatient_server.port
    with (
        stalled_clients(port, STALLS["headers, then half the body"], 1) as [mid_body],
        stalled_clients(port, STALLS["a chunked body that stops"], 1) as [mid_chunk],
        stalled_clients(port, STALLS["half the headers"], 1) as [mid_headers],
        stalled_clients(port, STALLS["nothing at all"], 1) as [idle],
    ):
        received = [what_the_server_sent(client)[:13] for client in (mid_body, mid_chunk, mid_headers, idle)]
    assert received == list(DROPPED.values())
    assert impatient_server.get("/health")[0] == 200


def test_no_control_socket_is_written_and_two_servers_run_side_by_side(
    patient_server: Server, impatient_server: Server, homes: dict[str, Path]
) -> None:
    assert patient_server.get("/health")[0] == impatient_server.get("/health")[0] == 200
    assert sorted(path.name for path in homes["runtime-dir"].iterdir()) == []
    for home in (homes["patient"], homes["impatient"]):
        assert sorted(path.name for path in home.iterdir()) == ["server.log"]


def kill_make(make: subprocess.Popen[bytes]) -> None:
    make.send_signal(signal.SIGTERM)  # make passes it on to its child, gunicorn (thanks to exec)


def kill_make_hard(make: subprocess.Popen[bytes]) -> None:
    make.send_signal(signal.SIGKILL)  # make passes on nothing: the kernel tells gunicorn (PDEATHSIG)


def press_ctrl_c(make: subprocess.Popen[bytes]) -> None:
    os.killpg(make.pid, signal.SIGINT)  # what the terminal does: the whole foreground group


@pytest.mark.parametrize(
    "stop", [kill_make, kill_make_hard, press_ctrl_c], ids=["kill the PID of make", "kill -9 the PID of make", "Ctrl-C"]
)
def test_stopping_make_serve_stops_gunicorn_and_its_workers(
    tmp_path: Path, stop: Callable[[subprocess.Popen[bytes]], None]
) -> None:
    port = free_port()
    stamp = tmp_path / "installed"  # the venv is ready: make must not reinstall it
    stamp.touch()
    command = ["make", "-s", "serve-dev", f"PORT={port}", f"PY={sys.executable}", f"STAMP={stamp}"]
    with running(command, server_environment(tmp_path), port, tmp_path / "server.log") as server:
        [master] = children_of(server.process.pid)
        assert wait_for(lambda: len(children_of(master)) == DEFAULT_WORKERS)  # the last may still boot
        workers = children_of(master)

        stop(server.process)

        assert wait_for(lambda: refuses_connections(port)), server.log.read_text()
        assert wait_for(lambda: all(has_ended(pid) for pid in (master, *workers))), server.log.read_text()


# The real configuration, with one worker that takes seconds to boot and a graceful timeout far
# longer than any wait here: a stop that lands while that worker boots must still stop it.
SLOW_SECOND_WORKER = """
import time

from webservice.gunicorn_config import *  # noqa: F403

graceful_timeout = 120


def post_fork(server, worker):
    if worker.age == 2:
        time.sleep(5)
"""


def test_a_stop_that_lands_while_a_worker_boots_still_stops_it(tmp_path: Path) -> None:
    config = tmp_path / "slow_second_worker.py"
    config.write_text(SLOW_SECOND_WORKER)
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--config", str(config), "webservice.wsgi:app"]
    env = server_environment(tmp_path, PORT=str(port), LOCAL_DEV_DISABLE_ALEXA_VERIFICATION="1")
    with running(command, env, port, tmp_path / "server.log") as server:
        master = server.process.pid  # gunicorn itself, not make
        assert wait_for(lambda: len(children_of(master)) == DEFAULT_WORKERS)
        workers = children_of(master)

        server.process.send_signal(signal.SIGTERM)  # the second worker is still in post_fork

        assert wait_for(lambda: refuses_connections(port)), server.log.read_text()
        assert wait_for(lambda: all(has_ended(pid) for pid in (master, *workers))), server.log.read_text()


# A quit signal handled while the worker's main thread holds its thread pool's lock, as it does for
# an instant while it hands an accepted connection to the pool: it must still exit. gthread's own
# handler shuts the pool down inside the handler and waits on that lock for good; if a gunicorn
# release fixes that, the second case fails and the override in gunicorn_worker.py can go.
QUIT_WHILE_HOLDING_THE_POOL_LOCK = """
import os, signal, sys
from gunicorn.config import Config
from gunicorn.glogging import Logger
from gunicorn.workers.gthread import ThreadWorker
from webservice.gunicorn_worker import BoundedReadWorker

worker_class = {"ours": BoundedReadWorker, "gthread": ThreadWorker}[sys.argv[1]]
cfg = Config()
worker = worker_class(1, os.getppid(), [], None, 30, cfg, Logger(cfg))
worker.tpool = worker.get_thread_pool()
with worker.tpool._shutdown_lock:
    print("holding the lock", flush=True)
    worker.handle_quit(signal.SIGINT, None)
"""
STILL_WAITING_SECONDS = 3.0


@pytest.mark.parametrize(("worker", "exits"), [("ours", True), ("gthread", False)])
def test_a_quit_while_the_worker_hands_a_connection_to_its_pool_still_exits(worker: str, exits: bool) -> None:
    command = [sys.executable, "-c", QUIT_WHILE_HOLDING_THE_POOL_LOCK, worker]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(["lambda", "."])}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None and process.stdout.readline() == b"holding the lock\n"
        try:
            returncode = process.wait(timeout=STOP_SECONDS if exits else STILL_WAITING_SECONDS)
        except subprocess.TimeoutExpired:
            assert not exits, "the worker waited on its own lock"
            return
        assert exits, "gthread's own quit handler no longer waits on itself: the override can go"
        assert returncode == 0
    finally:
        process.kill()
        process.communicate()
