"""PlannedSerializer reads and writes exactly what the SDK's DefaultSerializer does, without it.

Every request fixture and every response the skill gives in every interview state must come out
the same (the same model objects, byte-identical JSON) while the SDK's own serializer is not
called at all: otherwise the speed-up has silently gone. Generated and mutated envelopes must
give the same objects or the same error, whichever path they take.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.handlers.errors import APOLOGY
from muscle_twitch.skill.serializer import PlannedSerializer
from tests.alexa import FIXTURES, forbid_sdk_serializer, request, send
from tests.robustness.envelopes import intent_requests, json_values, mutate, mutations, with_request
from tests.robustness.interview_states import STATES, attributes_of

EVENT_FIXTURES = FIXTURES.parent / "events"
ALL_FIXTURES = sorted([*Path(FIXTURES).glob("*.json"), *EVENT_FIXTURES.glob("*.json")])
REQUEST_NAMES = sorted(path.stem for path in Path(FIXTURES).glob("*.json"))
STOCK = DefaultSerializer()


def from_text(serializer: DefaultSerializer, payload: str) -> Any:
    return serializer.deserialize(payload, RequestEnvelope)


def from_parsed(serializer: PlannedSerializer, payload: str) -> Any:
    return serializer.deserialize_data(json.loads(payload), RequestEnvelope)


# The web door hands over text; the Lambda door hands over the event Lambda already parsed.
READS = {"text": from_text, "parsed": from_parsed}
Read = Callable[[Any, str], Any]


def outcome(serializer: DefaultSerializer, payload: str, read: Read = from_text) -> tuple[str, Any]:
    try:
        return "read", read(serializer, payload)
    except SerializationException as error:
        return "refused", str(error)


def test_the_lambda_door_answers_without_the_sdk_serializer(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_sdk_serializer(monkeypatch)

    heard = send(request("launch"))

    assert isinstance(build_skill().serializer, PlannedSerializer)
    assert heard.speech.startswith("Welcome") and APOLOGY not in heard.speech


@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda path: path.stem)
def test_reads_each_fixture_as_the_sdk_does_without_calling_it(
    path: Path, read: Read, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = path.read_text(encoding="utf-8")
    expected = STOCK.deserialize(payload, RequestEnvelope)
    forbid_sdk_serializer(monkeypatch)

    envelope = read(PlannedSerializer(), payload)

    assert envelope == expected
    assert type(envelope.request) is type(expected.request)
    assert envelope.request.timestamp == expected.request.timestamp


@pytest.mark.parametrize("state", [None, *sorted(STATES)])
def test_writes_every_response_byte_for_byte_as_the_sdk_does(
    state: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    skill = build_skill()
    attributes = attributes_of(state) if state else {}
    responses = [
        skill.invoke(
            request_envelope=STOCK.deserialize(json.dumps(request(name, attributes=attributes)), RequestEnvelope),
            context=None,
        )
        for name in REQUEST_NAMES
    ]
    expected = [json.dumps(STOCK.serialize(response)) for response in responses]
    forbid_sdk_serializer(monkeypatch)

    planned = PlannedSerializer()
    written = [json.dumps(planned.serialize(response)) for response in responses]

    assert written == expected
    assert any('"card"' in text for text in written)  # results with cards were among them


TIMESTAMPS = [
    # (request timestamp, read without the SDK?)
    ("2026-11-26T12:00:00Z", True),
    ("2026-11-26T12:00:00.123Z", True),
    ("2026-11-26T12:00:00.123456Z", True),
    ("2026-11-26T12:00:00.1Z", False),
    ("2026-11-26T12:00:00+01:00", False),
    ("2026-11-26 12:00:00", False),
    ("2026-11-26", False),
    ("yesterday", False),
    ("2026-13-45T99:00:00Z", False),
]


@pytest.mark.parametrize(("timestamp", "fast"), TIMESTAMPS)
def test_timestamps_read_to_the_same_instant_as_dateutil(timestamp: str, fast: bool) -> None:
    event = request("launch")
    event["request"]["timestamp"] = timestamp
    payload = json.dumps(event)
    planned = PlannedSerializer()
    calls: list[str] = []
    original = DefaultSerializer.deserialize

    def counted(self: DefaultSerializer, *args: Any) -> Any:
        calls.append("sdk")
        return original(self, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DefaultSerializer, "deserialize", counted)
        read = outcome(planned, payload)

    assert read == outcome(STOCK, payload)
    assert calls == ([] if fast else ["sdk"])
    if read[0] == "read":
        assert read[1].request.timestamp.utcoffset() == outcome(STOCK, payload)[1].request.timestamp.utcoffset()


ODD_VALUES = [
    # (path into the launch fixture, value): the SDK converts or refuses these; so must we.
    (("request", "locale"), 5),  # str(5)
    (("session", "new"), "false"),  # bool("false") is True in the SDK
    (("request", "type"), "NoSuchRequest"),  # unknown discriminator
    (("request", "type"), ["LaunchRequest"]),  # unhashable discriminator
    (("request",), "LaunchRequest"),  # a model that is a string
    (("session", "attributes"), [1, 2]),  # dict(str, object) given a list
    (("context", "System", "__class__"), "x"),  # an unknown key that cannot be an attribute
    (("context", "System", "deserialized_types"), {}),  # an unknown key shadowing the model's plan
    (("request", "reason"), "NOT_A_REASON"),  # enum value the model does not know
]


@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
@pytest.mark.parametrize(("path", "value"), ODD_VALUES, ids=lambda v: repr(v)[:30])
def test_odd_values_get_the_sdk_result_or_error(path: tuple[str, ...], value: Any, read: Read) -> None:
    event = request("session_ended")
    parent = event
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    payload = json.dumps(event)

    assert outcome(PlannedSerializer(), payload, read) == outcome(STOCK, payload)


def test_text_that_is_not_json_is_refused_with_the_sdk_message() -> None:
    assert outcome(PlannedSerializer(), "{not json") == outcome(STOCK, "{not json")
    assert PlannedSerializer().deserialize(None, RequestEnvelope) is None


@pytest.mark.parametrize("data", [None, "text", 5, [], {}], ids=repr)
def test_parsed_data_that_is_no_envelope_gets_the_sdk_result(data: Any) -> None:
    payload = json.dumps(data)
    assert outcome(PlannedSerializer(), payload, from_parsed) == outcome(STOCK, payload)


def test_a_response_with_an_object_the_sdk_cannot_write_fails_as_the_sdk_does() -> None:
    unwritable = {"speech": object()}
    with pytest.raises(AttributeError):
        STOCK.serialize(unwritable)
    with pytest.raises(AttributeError):
        PlannedSerializer().serialize(unwritable)


def envelopes() -> st.SearchStrategy[dict[str, Any]]:
    fixtures = st.sampled_from(REQUEST_NAMES).map(request)
    return st.one_of(
        st.builds(mutate, fixtures, mutations()),
        st.builds(with_request, fixtures, intent_requests()),
        st.builds(lambda event, junk: {**event, "context": junk}, fixtures, json_values(8)),
    )


@settings(
    max_examples=400,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(envelopes())
def test_generated_envelopes_read_the_same_and_write_back_the_same(event: dict[str, Any]) -> None:
    payload = json.dumps(event)
    planned = PlannedSerializer()

    read = outcome(planned, payload)

    assert read == outcome(STOCK, payload)
    assert outcome(planned, payload, from_parsed) == read
    if read[0] == "read":
        assert json.dumps(planned.serialize(read[1])) == json.dumps(STOCK.serialize(read[1]))
