"""Every state the interview can be in, reached the way a person gets there: by talking.

Each state is a list of request fixtures sent from launch on; the session attributes the last
response carries are that state. Kept as data so the matrix, the fuzzing and the log check
share one map of the interview. A state is checked by what is heard: the question the skill
then puts (known by its reprompt).
"""

import copy
import json
from functools import cache
from typing import Any

from tests.alexa import FIXTURES, Heard, say

# The scripted self-care interview, shared with the warm benchmark; up to the last question.
SCRIPT = tuple(json.loads((FIXTURES.parent / "self_care_path.json").read_text("utf-8"))["fixtures"])
SELF_CARE_PATH = SCRIPT[:-1]
DOCTOR_PATH = ("launch", "no", "body_area_calves_two_weeks", "nothing", "frequency_daily", "nothing")

# State name -> (fixtures that lead there, the question then being asked).
STATES: dict[str, tuple[tuple[str, ...], str]] = {
    "asking emergency": (SELF_CARE_PATH[:1], "emergency"),
    "asking the signs one at a time": ((*SELF_CARE_PATH[:1], "dont_know"), "sign_breathing"),
    "asking areas": (SELF_CARE_PATH[:2], "areas"),
    "asking areas after a failed try": ((*SELF_CARE_PATH[:2], "fallback"), "areas"),
    "asking symptoms": (SELF_CARE_PATH[:3], "symptoms"),
    "asking onset": (SELF_CARE_PATH[:4], "onset"),
    "asking frequency": (SELF_CARE_PATH[:5], "frequency"),
    "asking medicines": (SELF_CARE_PATH[:6], "medicines"),
    "asking whether a medicine is new": ((*SELF_CARE_PATH[:6], "medicine_prednisone"), "medicine_new"),
    "asking triggers": (SELF_CARE_PATH, "triggers"),
    "asking twitch length": (DOCTOR_PATH, "twitch_length"),
    "offering a reminder": (SCRIPT, "offer:reminder"),
    "offering the doctor's summary": ((*DOCTOR_PATH, "twitch_length_seconds", "nothing"), "offer:doctor_summary"),
}


def talk(fixtures: tuple[str, ...]) -> Heard:
    heard = say(fixtures[0])
    for name in fixtures[1:]:
        heard = say(name, heard)
    return heard


@cache
def _reached(state: str) -> Heard:
    fixtures, asking = STATES[state]
    heard = talk(fixtures)
    if heard.question != asking or heard.ended:
        raise AssertionError(f"{state}: {fixtures} no longer leads there (asking {heard.question})")
    return heard


def reach(state: str) -> Heard:
    """The response that put the interview in `state` (its attributes are the state)."""
    return _reached(state)


def attributes_of(state: str) -> dict[str, Any]:
    return copy.deepcopy(_reached(state).attributes)
