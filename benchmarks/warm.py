"""Warm latency: per-turn timings of whole conversations replayed in one long-lived process."""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.cold_start import LAMBDA_ENVIRONMENT
from benchmarks.packaging import Package

PROBE = Path(__file__).parent / "probes" / "warm.py"
# The replays are split into rounds that alternate between the skills, as the cold starts
# alternate, so a burst of load on the machine falls on both rather than on one.
ROUNDS = 6


@dataclass(frozen=True)
class WarmRun:
    turn_ms: list[list[float]]  # one list of turn timings per replay
    responses: list[dict[str, Any]]  # the last replay's responses, turn by turn


def measure_warm_interleaved(
    packages: list[Package], conversations: dict[str, Path], repetitions: int
) -> dict[str, WarmRun]:
    """`repetitions` replays per package, in ROUNDS alternating processes per package."""
    per_round = max(1, -(-repetitions // ROUNDS))
    turn_ms: dict[str, list[list[float]]] = {package.name: [] for package in packages}
    responses: dict[str, list[dict[str, Any]]] = {}
    for _ in range(ROUNDS):
        for package in packages:
            run = measure_warm_turns(package, conversations[package.name], per_round)
            turn_ms[package.name] += run.turn_ms
            responses[package.name] = run.responses
    return {name: WarmRun(turn_ms[name][:repetitions], responses[name]) for name in turn_ms}


def measure_warm_turns(package: Package, conversation: Path, repetitions: int) -> WarmRun:
    """Replays the conversation in one process, after checking the conversation's shape."""
    command = [
        package.python,
        "-B",  # as the cold start: /var/task is read-only, and the source-only package stays so
        "-S",
        "-I",
        str(PROBE),
        str(package.directory),
        str(package.runtime_directory),
        str(conversation),
        str(repetitions),
    ]
    finished = subprocess.run(command, capture_output=True, check=False, env=LAMBDA_ENVIRONMENT)
    if finished.returncode != 0:
        raise RuntimeError(f"{package.name} warm run failed:\n{finished.stderr.decode()}")
    report = json.loads(finished.stdout.splitlines()[-1])
    _require_question_then_result(package.name, report["responses"])
    return WarmRun(report["turn_ms"], report["responses"])


def _require_question_then_result(name: str, responses: list[dict[str, Any]]) -> None:
    """Every turn but the last asks a question (open session); the last one ends it."""
    ends = [bool(r.get("response", {}).get("shouldEndSession")) for r in responses]
    if ends != [False] * (len(ends) - 1) + [True]:
        raise RuntimeError(
            f"{name}: the scripted conversation no longer runs from launch to result "
            f"(shouldEndSession per turn: {ends}); update benchmarks/conversations.py"
        )
