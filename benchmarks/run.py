"""`make bench`: measure the skill against the hello-world baseline and print one table.

Usage: python -m benchmarks [--runs N] [--repetitions N] [--bytecode] [--python PATH]
"""

import argparse
import json
import os
import platform
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks import conversations
from benchmarks.cold_start import ColdStartSamples, measure_cold_starts
from benchmarks.packaging import Package, build_package
from benchmarks.report import Row, render_table
from benchmarks.stats import summarize
from benchmarks.warm import measure_warm_interleaved

ROOT = Path(__file__).resolve().parent.parent
OURS, BASELINE = "muscle_twitch", "hello_world"
SOURCES = {OURS: ROOT / "lambda", BASELINE: ROOT / "benchmarks" / "hello_world" / "lambda"}
COLD_START_RATIO_TARGET = 1.15
WARM_RATIO_TARGET = 1.5
SLOWEST_TURN_TARGET_MS = 5.0
ZIP_ALLOWANCE_BYTES = 200 * 1024


def main() -> None:
    options = _parse_arguments()
    work = ROOT / "build" / "bench"
    print(_machine_description(options.python))
    packages = {
        name: build_package(name, source, work, bytecode=options.bytecode, python=options.python)
        for name, source in SOURCES.items()
    }
    scripts = {
        OURS: conversations.write_conversation(
            conversations.muscle_twitch_interview(), work / "conversations" / f"{OURS}.json"
        ),
        BASELINE: conversations.write_conversation(
            conversations.hello_world_conversation(), work / "conversations" / f"{BASELINE}.json"
        ),
    }
    launch = work / "launch.json"
    launch.write_text(json.dumps(conversations.launch()))
    cold = measure_cold_starts([packages[OURS], packages[BASELINE]], launch, options.runs)
    warm = measure_warm_interleaved([packages[OURS], packages[BASELINE]], scripts, options.repetitions)
    for name in packages:
        _require_same_launch_answer(name, cold[name].last_response, warm[name].responses[0])
    rows = _cold_start_rows(cold, options.runs)
    rows += _warm_rows({name: run.turn_ms for name, run in warm.items()}, options.repetitions)
    rows.append(_zip_row(packages))
    print(render_table(rows))
    print(f"load average after: {_load_average()}")
    (work / "results.json").write_text(json.dumps([asdict(row) for row in rows], indent=2))


def _parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=40, help="cold starts per skill")
    parser.add_argument("--repetitions", type=int, default=300, help="warm conversations")
    parser.add_argument(
        "--bytecode",
        action="store_true",
        help="ship compiled bytecode in both packages (default: source only, as `sam build`"
        " does, so every cold start compiles what it imports)",
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter that builds and runs both packages; `make bench` passes the Lambda"
        " runtime's Python (template.yaml) when it is installed",
    )
    return parser.parse_args()


def _require_same_launch_answer(name: str, cold: dict[str, Any], warm: dict[str, Any]) -> None:
    """The cold start must have answered the launch as the full conversation did (and not, say,
    with an apology for an unreadable request, which would also be spoken)."""
    if cold["response"].get("outputSpeech") != warm["response"].get("outputSpeech"):
        raise RuntimeError(f"{name}: the cold start's answer to the launch differs:\n{cold}")


def _cold_start_rows(cold: dict[str, ColdStartSamples], runs: int) -> list[Row]:
    ours, base = cold[OURS], cold[BASELINE]
    process, base_process = summarize(ours.process_ms), summarize(base.process_ms)
    in_process = summarize(ours.import_and_answer_ms)
    base_in_process = summarize(base.import_and_answer_ms)
    rss, base_rss = summarize(ours.peak_rss_kib), summarize(base.peak_rss_kib)
    return [
        Row(
            f"cold start, whole process (median of {runs})",
            process.median,
            base_process.median,
            "ms",
            f"ratio <= {COLD_START_RATIO_TARGET}",
            process.median / base_process.median <= COLD_START_RATIO_TARGET,
        ),
        Row("cold start, spread (IQR)", process.spread, base_process.spread, "ms"),
        Row("cold start, import + first answer", in_process.median, base_in_process.median, "ms"),
        Row("peak RSS of the cold start", rss.median, base_rss.median, "KiB"),
    ]


def _warm_rows(turns: dict[str, list[list[float]]], repetitions: int) -> list[Row]:
    flat = {name: [t for replay in replays for t in replay] for name, replays in turns.items()}
    median = {name: summarize(samples).median for name, samples in flat.items()}
    p99 = {name: summarize(samples).p99 for name, samples in flat.items()}
    slowest = {name: _slowest_turn_median(replays) for name, replays in turns.items()}
    turn_count = len(turns[OURS][0])
    return [
        Row(
            f"warm turn, median ({turn_count} turns x {repetitions})",
            median[OURS],
            median[BASELINE],
            "ms",
            f"ratio <= {WARM_RATIO_TARGET}",
            median[OURS] / median[BASELINE] <= WARM_RATIO_TARGET,
        ),
        Row(
            "warm turn, p99",
            p99[OURS],
            p99[BASELINE],
            "ms",
            f"ratio <= {WARM_RATIO_TARGET}",
            p99[OURS] / p99[BASELINE] <= WARM_RATIO_TARGET,
        ),
        Row(
            "warm, slowest turn of the script (median)",
            slowest[OURS],
            slowest[BASELINE],
            "ms",
            f"<= {SLOWEST_TURN_TARGET_MS:.0f} ms",
            slowest[OURS] <= SLOWEST_TURN_TARGET_MS,
        ),
    ]


def _slowest_turn_median(replays: list[list[float]]) -> float:
    """The median time of the script's slowest turn (p99 would mostly measure the scheduler)."""
    by_position = zip(*replays, strict=True)
    return max(summarize(samples).median for samples in by_position)


def _zip_row(packages: dict[str, Package]) -> Row:
    ours, base = packages[OURS].zip_bytes, packages[BASELINE].zip_bytes
    return Row(
        "Lambda zip (boto3 excluded)",
        ours / 1024,
        base / 1024,
        "KiB",
        f"<= hello-world + {ZIP_ALLOWANCE_BYTES // 1024} KiB",
        ours <= base + ZIP_ALLOWANCE_BYTES,
    )


def _machine_description(python: str) -> str:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    cpu = next(
        (line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )
    return (
        f"machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {_version_of(python)}; load average before: {_load_average()}"
    )


def _version_of(python: str) -> str:
    found = subprocess.run(
        [python, "-c", "import platform; print(platform.python_version())"], capture_output=True, text=True, check=True
    )
    return found.stdout.strip()


def _load_average() -> str:
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


if __name__ == "__main__":
    main()
