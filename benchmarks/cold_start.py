"""Cold start: fresh interpreters that import the handler and answer one LaunchRequest.

Runs of the skills under comparison are interleaved (A, B, C, A, B, C, ...) so that load from
other processes on the machine falls on all alike; a few unmeasured warm-up runs fill the OS
file cache first. Peak RSS is what each child reports of itself (VmHWM).
"""

import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.packaging import Package

PROBE = Path(__file__).parent / "probes" / "cold_start.py"
# What the probes see of the environment: a Lambda function deployed without a DynamoDB table
# (a table round trip needs the network, which a local benchmark cannot measure fairly).
LAMBDA_ENVIRONMENT = {
    "AWS_LAMBDA_FUNCTION_NAME": "muscle-twitch-benchmark",
    "LANG": "en_US.UTF-8",
    "TZ": ":UTC",
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
}
WARM_UP_RUNS = 3


@dataclass
class ColdStartSamples:
    process_ms: list[float] = field(default_factory=list)
    import_and_answer_ms: list[float] = field(default_factory=list)
    peak_rss_kib: list[float] = field(default_factory=list)
    last_response: dict[str, Any] = field(default_factory=dict)


def measure_cold_starts(packages: list[Package], event_path: Path, runs: int) -> dict[str, ColdStartSamples]:
    samples = {package.name: ColdStartSamples() for package in packages}
    for round_number in range(WARM_UP_RUNS + runs):
        for package in packages:
            wall_ms, report = _one_cold_start(package, event_path)
            taken = samples[package.name]
            taken.last_response = report["response"]
            if round_number < WARM_UP_RUNS:
                continue
            taken.process_ms.append(wall_ms)
            taken.import_and_answer_ms.append(report["import_ms"] + report["first_response_ms"])
            taken.peak_rss_kib.append(report["peak_rss_kib"])
    return samples


def _one_cold_start(package: Package, event_path: Path) -> tuple[float, dict[str, Any]]:
    # -B: Lambda's /var/task is read-only, so nothing compiled during a start survives it.
    # -S -I: only the package and the runtime-provided directory are importable.
    command = [
        package.python,
        "-B",
        "-S",
        "-I",
        str(PROBE),
        str(package.directory),
        str(package.runtime_directory),
        str(event_path),
    ]
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, env=LAMBDA_ENVIRONMENT)
        stdout = child.stdout.read()  # type: ignore[union-attr]
        child.stdout.close()  # type: ignore[union-attr]
        child.wait()
        wall_ms = (time.perf_counter() - started) * 1000
        if child.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace")
            raise RuntimeError(f"{package.name} cold start failed:\n{message}")
    report = json.loads(stdout.splitlines()[-1])
    _require_spoken_answer(package.name, report["response"])
    return wall_ms, report


def _require_spoken_answer(name: str, response: dict[str, Any]) -> None:
    speech = response.get("response", {}).get("outputSpeech")
    if not speech:
        raise RuntimeError(f"{name} answered the LaunchRequest without speech: {response}")
