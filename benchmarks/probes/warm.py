"""Child process for the warm benchmark: one process replays a whole conversation many times.

Run as `python -S -I warm.py <package_dir> <runtime_dir> <conversation.json> <repetitions>`.
Each turn's session attributes come from the previous response, as Alexa threads them. After
WARM_UP_TURNS unmeasured turns, only the `lambda_handler` call is timed. Prints one JSON line:
per-turn milliseconds for every repetition, and the responses of the last repetition so the
parent can check the conversation still runs from launch to result.
"""

import copy
import gc
import json
import sys
import time

package_dir, runtime_dir, conversation_path, repetitions = sys.argv[1:5]
sys.path[:0] = [package_dir, runtime_dir]

import lambda_function  # noqa: E402

with open(conversation_path, encoding="utf-8") as conversation_file:
    turns = json.load(conversation_file)["turns"]


def replay() -> tuple[list[float], list[dict]]:
    timings, responses, attributes = [], [], {}
    for turn in turns:
        event = copy.deepcopy(turn)
        if "session" in event:
            event["session"]["attributes"] = attributes
        started = time.perf_counter()
        response = lambda_function.lambda_handler(event, None)
        timings.append((time.perf_counter() - started) * 1000)
        responses.append(response)
        attributes = response.get("sessionAttributes") or {}
    return timings, responses


# The first conversations after import are part of the cold start, not warm: the interpreter
# is still specializing the code (3.11+). Warm up on the same number of turns for every skill,
# so a two-turn conversation is not measured less warmed than an eight-turn one.
WARM_UP_TURNS = 400
for _ in range(-(-WARM_UP_TURNS // len(turns))):
    replay()
gc.collect()
all_timings, last_responses = [], []
for _ in range(int(repetitions)):
    timings, last_responses = replay()
    all_timings.append(timings)

print(json.dumps({"turn_ms": all_timings, "responses": last_responses}))
