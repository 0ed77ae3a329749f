"""Nothing a request holds makes the ASK SDK's parser expensive, on either door: time fields
reach dateutil only as short ISO strings (a 130 KB timestamp took seconds there), and the SDK
sees at most a bounded envelope (thousands of slot values or empty resolution values took up
to 14 s). What is cheap is checked first: an envelope for another skill is refused as such,
readable or not. Real envelopes pass unchanged. No timing is asserted: the proofs are what
the SDK was handed."""

import copy
import importlib
import inspect
import json
import pkgutil
from collections.abc import Iterator
from typing import Any

import ask_sdk_model
import dateutil.parser
import pytest

import webservice  # noqa: F401  (the oscrypto fix, before the web app is imported)
from muscle_twitch.skill import intake
from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.entry import SkillIdMismatch, handle_event
from tests.alexa import FIXTURES, answer_event, request, send
from webservice.app import create_app
from webservice.settings import WebSettings

from .alexa_contract import check_response

FIXTURE_NAMES = sorted(path.stem for path in FIXTURES.glob("*.json"))
SKILL_ID = request("launch")["context"]["System"]["application"]["applicationId"]
OTHER_SKILL_ID = "amzn1.ask.skill.99999999-9999-4999-8999-999999999999"


@pytest.fixture
def parsed_times(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The length of every string the SDK hands dateutil."""
    lengths: list[int] = []
    real_parse = dateutil.parser.parse

    def parse(text: str, *args: Any, **kwargs: Any) -> Any:
        lengths.append(len(text))
        return real_parse(text, *args, **kwargs)

    monkeypatch.setattr(dateutil.parser, "parse", parse)
    yield lengths


@pytest.fixture
def sdk_payloads(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every envelope (as JSON) the skill's serializer is asked to read."""
    skill = build_skill()
    seen: list[Any] = []
    real = skill.serializer.deserialize

    def deserialize(payload: str, obj_type: Any) -> Any:
        seen.append(json.loads(payload))
        return real(payload=payload, obj_type=obj_type)

    monkeypatch.setattr(skill.serializer, "deserialize", deserialize)
    seen.append(skill)  # the skill under test rides at index 0
    return seen


def answer(payloads: list[Any], event: Any) -> dict[str, Any]:
    response = handle_event(payloads[0], event)
    check_response(response)
    return response


def _nodes(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_nodes(v) for v in value.values())
    if isinstance(value, list):
        return len(value) + sum(_nodes(v) for v in value)
    return 0


def _with_time(path: tuple[str, ...], text: str) -> dict[str, Any]:
    event = request("launch")
    node = event
    for step in path[:-1]:
        node = node.setdefault(step, {})
    node[path[-1]] = text
    return event


LONG_TIMES = {
    "a 130 KB timestamp of 9.9.9": ("request", "timestamp"),
    "a long eventCreationTime": ("request", "eventCreationTime"),
    "a long time deep in the context": ("context", "Something", "lastUpdateTimestamp"),
}


@pytest.mark.parametrize("path", LONG_TIMES.values(), ids=LONG_TIMES.keys())
def test_a_long_time_string_never_reaches_dateutil_on_the_lambda_door(
    parsed_times: list[int], sdk_payloads: list[Any], path: tuple[str, ...]
) -> None:
    response = answer(sdk_payloads, _with_time(path, "9." * 65_000))
    assert response["response"]["outputSpeech"]["text"].startswith("Sorry, I had a problem just then.")
    assert max(parsed_times, default=0) <= intake.MAX_TIME_CHARS
    assert sdk_payloads[1:] == []  # refused before the SDK


def test_a_long_time_string_never_reaches_dateutil_on_the_web_door(parsed_times: list[int]) -> None:
    for settings in (WebSettings(skill_id=SKILL_ID), WebSettings(skill_id=SKILL_ID, verify_requests=False)):
        client = create_app(build_skill(skill_id=SKILL_ID), settings).test_client()
        response = client.post("/", json=_with_time(("request", "timestamp"), "9." * 65_000))
        assert response.status_code == 400
    assert max(parsed_times, default=0) <= intake.MAX_TIME_CHARS


def _multi_value() -> dict[str, Any]:
    """An answer in a multi-value slot (slotValue.values), each value with its resolution."""
    return answer_event(["calves", "eyelid"], slot="areas")


def _slot_values(count: int) -> dict[str, Any]:
    event = _multi_value()
    values = event["request"]["intent"]["slots"]["areas"]["slotValue"]["values"]
    event["request"]["intent"]["slots"]["areas"]["slotValue"]["values"] = [copy.deepcopy(values[0])] * count
    return event


def _empty_resolution_values(count: int) -> dict[str, Any]:
    event = _multi_value()
    value = event["request"]["intent"]["slots"]["areas"]["slotValue"]["values"][0]
    value["resolutions"]["resolutionsPerAuthority"][0]["values"] = [{}] * count
    return event


def _many_slots(count: int) -> dict[str, Any]:
    event = request("answer_areas_eyelid")
    event["request"]["intent"]["slots"] = {f"s{i}": {"name": f"s{i}", "value": "calf"} for i in range(count)}
    return event


HUGE_LISTS = {"slot values": _slot_values, "empty resolution values": _empty_resolution_values, "slots": _many_slots}


@pytest.mark.parametrize("make", HUGE_LISTS.values(), ids=HUGE_LISTS.keys())
def test_the_sdk_sees_a_bounded_envelope_however_long_the_lists(sdk_payloads: list[Any], make: Any) -> None:
    answer(sdk_payloads, make(20_000))
    [payload] = sdk_payloads[1:]
    assert _nodes(payload) <= intake.MAX_NODES


def test_an_envelope_with_more_values_than_any_alexa_sends_is_refused_before_the_sdk(sdk_payloads: list[Any]) -> None:
    event = request("launch")
    event["context"]["Extra"] = [[[0] * 64] * 64] * 2  # every list within bounds, 8,000 values in all
    assert answer(sdk_payloads, event)["response"]["outputSpeech"]["text"].startswith("Sorry")
    assert sdk_payloads[1:] == []


def test_long_strings_are_cut_before_the_sdk(sdk_payloads: list[Any]) -> None:
    event = request("answer_areas_eyelid")
    event["request"]["intent"]["slots"]["areas"]["value"] = "calf " * 100_000
    answer(sdk_payloads, event)
    [payload] = sdk_payloads[1:]
    assert len(payload["request"]["intent"]["slots"]["areas"]["value"]) == intake.MAX_TEXT_CHARS


def test_an_unreadable_envelope_for_another_skill_is_refused_as_such() -> None:
    skill = build_skill(skill_id=SKILL_ID)
    event = request("launch")
    event["context"]["System"]["application"]["applicationId"] = OTHER_SKILL_ID
    event["request"]["timestamp"] = "yesterday-ish"  # the SDK cannot read this one
    with pytest.raises(SkillIdMismatch):
        handle_event(skill, event)
    event["context"]["System"]["application"]["applicationId"] = SKILL_ID
    assert handle_event(skill, event)["response"]["outputSpeech"]["text"].startswith("Sorry")


def _with_screen(event: dict[str, Any]) -> dict[str, Any]:
    from simulator.devices import DEVICES

    screened = copy.deepcopy(event)
    screened["context"]["System"]["device"]["supportedInterfaces"] = {
        "Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}
    }
    screened["context"]["Viewport"] = DEVICES["show15"].viewport()
    return screened


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_real_envelope_passes_unchanged(name: str) -> None:
    for event in (request(name), _with_screen(request(name))):
        assert intake.screened(event) == event


def test_the_edge_of_time_is_still_a_time() -> None:
    for stamp in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-12:00", "2026-11-26T12:00:00.123456789Z"):
        heard = send(_with_time(("request", "timestamp"), stamp))
        assert heard.speech.startswith("Welcome to Muscle Twitch Guide."), stamp


def test_the_time_fields_are_every_datetime_field_of_the_installed_sdk() -> None:
    names = set()
    for module_info in pkgutil.walk_packages(ask_sdk_model.__path__, "ask_sdk_model."):
        module = importlib.import_module(module_info.name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == module.__name__ and hasattr(cls, "deserialized_types"):
                names |= {cls.attribute_map[a] for a, t in cls.deserialized_types.items() if "datetime" in t}
    assert names == intake.TIME_FIELDS
