"""`make bench-web`: the web service (real skill, LaunchRequest) and a hello-world skill, each
behind the same gunicorn configuration on loopback, under the same load in one run.

Rounds visit the servers in turn (order reversed every other round) so drift on a shared machine hits all alike.
Request verification is configured off for both (signatures cannot be made on loopback with
Amazon's trust roots); the service under test still checks envelope shape and skill ID.
"""

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.report import Row, render_table
from benchmarks.stats import percentile
from benchmarks.web.load import HOST, BatchResult, LoadGenerator, post_once

ROOT = Path(__file__).resolve().parents[2]
LAUNCH_FIXTURE = ROOT / "tests" / "fixtures" / "requests" / "launch.json"
TARGET_THROUGHPUT_RATIO = 0.8


@dataclass(frozen=True)
class Server:
    name: str
    wsgi_app: str


SERVICE = Server("web service", "webservice.wsgi:app")
HELLO = Server("hello-world", "benchmarks.web.hello_app:app")
DOOR_ONLY = Server("web service app, hello-world skill", "benchmarks.web.hello_app:door_only_app")
SERVERS = (SERVICE, HELLO, DOOR_ONLY)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def server_cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) of a gunicorn master and its workers so far, from /proc.

    Unlike requests/s this does not depend on what else the machine is running.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # a process that ended while we looked
        pid, parent = int(stat_file.parent.name), int(fields[1])
        if master_pid in (pid, parent):
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


@contextmanager
def running(server: Server, port: int, workers: int, body: bytes) -> Iterator[int]:
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_WORKERS": str(workers),
        "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "1",
        "SKILL_ID": json.loads(body)["context"]["System"]["application"]["applicationId"],
        "MUSCLE_TWITCH_PERSISTENCE": "off",
    }
    command = [sys.executable, "-m", "gunicorn", "--config", "python:webservice.gunicorn_config"]
    process = subprocess.Popen([*command, server.wsgi_app], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        wait_until_answering(process, port, body)
        yield process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_answering(process: subprocess.Popen[bytes], port: int, body: bytes) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before answering")
        if post_once(port, body, timeout=2) is None:
            return
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer within 30 s")


@dataclass
class Measured:
    rounds_rps: list[float]
    pooled: BatchResult
    cpu_seconds: float = 0.0

    @property
    def cpu_ms_per_request(self) -> float:
        return self.cpu_seconds * 1000 / max(len(self.pooled.latencies), 1)

    @property
    def rps(self) -> float:
        return statistics.median(self.rounds_rps)

    def latency_ms(self, fraction: float) -> float:
        return percentile(self.pooled.latencies, fraction) * 1000


def measure(args: argparse.Namespace) -> dict[Server, Measured]:
    body = LAUNCH_FIXTURE.read_bytes()
    ports = {server: free_port() for server in SERVERS}
    results = {server: Measured([], BatchResult()) for server in ports}
    load = LoadGenerator(args.concurrency)
    try:
        with (
            running(SERVICE, ports[SERVICE], args.workers, body) as service_pid,
            running(HELLO, ports[HELLO], args.workers, body) as hello_pid,
            running(DOOR_ONLY, ports[DOOR_ONLY], args.workers, body) as door_pid,
        ):
            pids = {SERVICE: service_pid, HELLO: hello_pid, DOOR_ONLY: door_pid}
            for port in ports.values():
                load.run(port, body, args.warmup)
            for round_number in range(args.rounds):
                order = SERVERS if round_number % 2 == 0 else SERVERS[::-1]
                for server in order:
                    cpu_before = server_cpu_seconds(pids[server])
                    batch = load.run(ports[server], body, args.requests)
                    results[server].cpu_seconds += server_cpu_seconds(pids[server]) - cpu_before
                    results[server].rounds_rps.append(len(batch.latencies) / batch.seconds)
                    results[server].pooled.merge(batch)
    finally:
        load.close()
    return results


def report(results: dict[Server, Measured]) -> tuple[str, bool]:
    """The table (ours against hello-world) and whether the run was clean (no errors at all)."""
    ours, hello, door = results[SERVICE], results[HELLO], results[DOOR_ONLY]
    ratio = ours.rps / hello.rps
    target = f">= {TARGET_THROUGHPUT_RATIO} x"
    rows = [
        Row("throughput", ours.rps, hello.rps, "req/s", target, ratio >= TARGET_THROUGHPUT_RATIO),
        Row("latency p50", ours.latency_ms(0.50), hello.latency_ms(0.50), "ms"),
        Row("latency p99", ours.latency_ms(0.99), hello.latency_ms(0.99), "ms"),
        Row("server CPU per request", ours.cpu_ms_per_request, hello.cpu_ms_per_request, "ms"),
        Row("throughput, our app + hello-world skill", door.rps, hello.rps, "req/s"),
        Row("server CPU per request, our app + hello", door.cpu_ms_per_request, hello.cpu_ms_per_request, "ms"),
    ]
    lines = [
        render_table(rows),
        f"capacity from CPU per request (independent of other load on the machine): "
        f"{hello.cpu_ms_per_request / ours.cpu_ms_per_request:.2f} of hello-world",
    ]
    for server, measured in ((SERVICE, ours), (HELLO, hello), (DOOR_ONLY, door)):
        errors = measured.pooled.errors
        kinds = f" ({', '.join(sorted(set(errors)))})" if errors else ""
        lines.append(
            f"{server.name}: {len(measured.pooled.latencies)} requests answered, "
            f"{len(errors)} errors{kinds}; rounds {', '.join(f'{r:.0f}' for r in measured.rounds_rps)} req/s"
        )
    return "\n".join(lines), not any(m.pooled.errors for m in (ours, hello, door))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="make bench-web", description=__doc__)
    parser.add_argument("--requests", type=int, default=1000, help="requests per round per server")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per server, alternating")
    parser.add_argument("--warmup", type=int, default=200, help="warm-up requests per server")
    parser.add_argument("--concurrency", type=int, default=4, help="client processes")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    args = parser.parse_args(argv)

    print(
        f"LaunchRequest, {args.rounds} x {args.requests} requests per server, "
        f"{args.concurrency} clients, {args.workers} gunicorn workers each, loopback",
        flush=True,
    )
    table, errors_ok = report(measure(args))
    print(table)
    sys.exit(0 if errors_ok else 1)
