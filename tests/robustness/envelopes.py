"""Hypothesis strategies for Alexa request envelopes: well-formed, wrong, and in between.

Intent and slot names come from the generated interaction model, so the fuzzing follows the
model as it grows. Mutations work on paths into a real envelope: delete a key, or put a value of
the wrong type, a huge string or odd unicode in its place.

Every strategy is built once and is independent of the envelope it is applied to (a mutation
picks its path by index at apply time): strategies built per example made Hypothesis itself
the bottleneck.
"""

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "skill-package" / "interactionModels" / "custom" / "en-US.json"
REQUEST_TYPES = (
    "LaunchRequest",
    "IntentRequest",
    "SessionEndedRequest",
    "CanFulfillIntentRequest",
    "System.ExceptionEncountered",
    "AudioPlayer.PlaybackStarted",
    "Alexa.Presentation.APL.UserEvent",
)
FOREIGN_INTENTS = ("OrderPizzaIntent", "AMAZON.ShuffleOnIntent", "amzn1.custom.Unknown")
ODD_TEXT = (
    "",
    " ",
    "\u0000",
    "\ud800",  # a lone surrogate: valid in Python strings parsed from JSON, not in UTF-8
    "\u202e\u0645\u0631\u062d\u0628\u0627",
    "\U0001f4a9\u200d\U0001f525",
    "e\u0301\u0301\u0301",
    "<speak>hi</speak>",
    "</speak><audio src='x'/>",
    "& < > \" '",
    "' OR 1=1 --",
    "${jndi:ldap://x}",
    "{{7*7}}",
    "%s%n",
    "NaN",
    "null",
    "P2W",
    "PT0.5S",
    "P99999999999Y",
    "-1",
    "1e308",
)


@cache
def model_intents() -> dict[str, tuple[str, ...]]:
    """Intent name -> its slot names, from the generated interaction model."""
    language_model = json.loads(MODEL.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
    return {
        intent["name"]: tuple(slot["name"] for slot in intent.get("slots", [])) for intent in language_model["intents"]
    }


@cache
def slot_values() -> tuple[str, ...]:
    """Every value and synonym of the model's custom slot types (real words the skill knows)."""
    language_model = json.loads(MODEL.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
    words = []
    for slot_type in language_model.get("types", []):
        for value in slot_type.get("values", []):
            name = value["name"]
            words += [name["value"], *name.get("synonyms", [])]
    return tuple(sorted(set(words)))


@cache
def texts() -> st.SearchStrategy[str]:
    huge = st.builds(
        lambda unit, times: unit * times,
        st.sampled_from(["a", "calf ", "\U0001f4a9", "<", "&amp;"]),
        st.integers(min_value=2_000, max_value=40_000),
    )
    return st.one_of(
        st.sampled_from(slot_values()),
        st.sampled_from(ODD_TEXT),
        st.text(max_size=24),
        huge,
    )


@cache
def long_strings() -> st.SearchStrategy[str]:
    """Strings far longer than any field of a real envelope, shaped to be costly to parse:
    dateutil slowed down quadratically on "9.9.9...", and a time followed by junk."""
    return st.builds(
        lambda unit, times: unit * times,
        st.sampled_from(["9.", "9", "a", "\ud800", "{", " ", "2026-11-26T12:00:00Z"]),
        st.integers(min_value=5_000, max_value=70_000),
    )


@cache
def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        texts(),
    )
    keys = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=12))
    return st.recursive(
        scalars,
        lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)),
        max_leaves=max_leaves,
    )


@cache
def intent_names() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(sorted(model_intents())),
        st.sampled_from(FOREIGN_INTENTS),
        st.text(max_size=30),
    )


@cache
def slot_names() -> st.SearchStrategy[str]:
    known = sorted({slot for slots in model_intents().values() for slot in slots})
    return st.one_of(st.sampled_from(known), st.text(max_size=15))


_AUTHORITY = "amzn1.er-authority.echo-sdk.amzn1.ask.skill.fuzz.SomeType"


@st.composite
def _slot_body(draw: st.DrawFn) -> dict[str, Any]:
    """A slot object without its name: plain, resolved, unmatched, multi-value or ill-typed."""
    slot: dict[str, Any] = {"confirmationStatus": "NONE"}
    value = draw(st.one_of(st.none(), texts()))
    if value is not None:
        slot["value"] = value
    shape = draw(st.sampled_from(["plain", "resolved", "no_match", "multi", "wrong_types"]))
    if shape == "resolved":
        ids = draw(st.lists(st.one_of(st.sampled_from(slot_values()), st.text(max_size=20)), min_size=1, max_size=3))
        slot["resolutions"] = {
            "resolutionsPerAuthority": [
                {
                    "authority": _AUTHORITY,
                    "status": {"code": "ER_SUCCESS_MATCH"},
                    "values": [{"value": {"name": i, "id": i}} for i in ids],
                }
            ]
        }
    elif shape == "no_match":
        slot["resolutions"] = {
            "resolutionsPerAuthority": [{"authority": _AUTHORITY, "status": {"code": "ER_SUCCESS_NO_MATCH"}}]
        }
    elif shape == "multi":
        values = draw(st.lists(texts(), max_size=4))
        slot["slotValue"] = {"type": "List", "values": [{"type": "Simple", "value": v} for v in values]}
    elif shape == "wrong_types":
        keys = draw(
            st.lists(
                st.sampled_from(["value", "resolutions", "slotValue", "name"]), min_size=1, max_size=3, unique=True
            )
        )
        for key in keys:
            slot[key] = draw(json_values(4))
    return slot


@cache
def slot_bodies() -> st.SearchStrategy[dict[str, Any]]:
    return _slot_body()


@st.composite
def _intent_request(draw: st.DrawFn) -> dict[str, Any]:
    slots = draw(st.dictionaries(slot_names(), slot_bodies(), max_size=3))
    return {
        "type": "IntentRequest",
        "requestId": "amzn1.echo-api.request.fuzz",
        "timestamp": "2026-01-01T00:00:00Z",
        "locale": draw(st.sampled_from(["en-US", "en-GB", "en-IN", "de-DE", "", "xx"])),
        "dialogState": draw(st.sampled_from(["STARTED", "IN_PROGRESS", "COMPLETED"])),
        "intent": {
            "name": draw(intent_names()),
            "confirmationStatus": "NONE",
            # A body's own "name" may be ill-typed on purpose; otherwise it names its key.
            "slots": {name: {"name": name, **body} for name, body in slots.items()},
        },
    }


@cache
def intent_requests() -> st.SearchStrategy[dict[str, Any]]:
    """The `request` part of an envelope: any intent, with random slots."""
    return _intent_request()


def with_request(base: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
    event = copy.deepcopy(base)
    event["request"] = request
    return event


# A mutation: (which path, by index modulo the paths there are; delete it?; replacement).
Mutation = tuple[int, bool, Any]


@cache
def mutations() -> st.SearchStrategy[list[Mutation]]:
    one = st.tuples(st.integers(min_value=0, max_value=10**6), st.booleans(), json_values(4))
    return st.lists(one, min_size=1, max_size=4)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def with_field(base: dict[str, Any], where: int, key: str, value: Any) -> dict[str, Any]:
    """``base`` with ``key`` set to ``value`` in one of its objects (picked by index)."""
    event = copy.deepcopy(base)
    objects = [event] + [p for p in _paths(event) if isinstance(_at(event, p), dict)]
    target = objects[where % len(objects)]
    (target if isinstance(target, dict) else _at(event, target))[key] = value
    return event


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def mutate(base: Any, changes: list[Mutation]) -> Any:
    """`base` with each change applied: a key deleted or a value replaced."""
    mutated = copy.deepcopy(base)
    for index, delete, replacement in changes:
        paths = _paths(mutated)
        if not paths:
            break
        path = paths[index % len(paths)]
        parent = mutated
        for step in path[:-1]:
            parent = parent[step]
        if delete and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(replacement)
    return mutated
