"""The conversations the benchmarks replay, built from the request fixtures in tests/fixtures.

A conversation is a list of request envelopes; the warm probe threads session attributes from
each response into the next request, as Alexa does.
"""

import copy
import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "requests"
# The scripted self-care interview the tests play too (tests/skill/test_requests.py).
SCRIPT = FIXTURES.parent / "self_care_path.json"
INTERVIEW = tuple(json.loads(SCRIPT.read_text(encoding="utf-8"))["fixtures"])


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def launch() -> dict[str, Any]:
    return fixture("launch")


def muscle_twitch_interview() -> list[dict[str, Any]]:
    """The scripted interview to its result, then "no" to the offer that follows it."""
    return [fixture(name) for name in (*INTERVIEW, "no")]


def hello_world_conversation() -> list[dict[str, Any]]:
    hello = copy.deepcopy(fixture("yes"))
    hello["request"]["intent"] = {"name": "HelloWorldIntent", "confirmationStatus": "NONE", "slots": {}}
    return [launch(), hello]


def write_conversation(turns: list[dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"turns": turns}))
    return path
