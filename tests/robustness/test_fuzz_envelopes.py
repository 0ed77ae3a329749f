"""Property-based fuzzing of `lambda_handler`: 2,500 generated and mutated envelopes per run.

Whatever arrives (random intents and slots in any interview state, envelopes with keys deleted
or replaced by wrong types, huge strings, long strings in any field, odd unicode, corrupted
session attributes, or not an envelope at all), the handler returns and its response keeps the Alexa contract
(alexa_contract.py): it parses, it speaks, and the session is open exactly when a question
was asked. Runs are derandomized and use no example database, so CI sees the same inputs.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import dateutil.parser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_function import lambda_handler
from muscle_twitch.skill import intake
from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.entry import SkillIdMismatch, handle_event, raw_application_id
from tests.alexa import FIXTURES, request

from .alexa_contract import MAX_RESPONSE_BYTES, check_response
from .envelopes import (
    Mutation,
    intent_requests,
    json_values,
    long_strings,
    mutate,
    mutations,
    texts,
    with_field,
    with_request,
)
from .interview_states import STATES, attributes_of

Handler = Callable[[Any, Any], dict[str, Any]]
# Requests Alexa expects no speech for; only their envelope is checked.
SILENT_REQUEST_TYPES = ("SessionEndedRequest", "System.ExceptionEncountered")
FIXTURE_NAMES = sorted(path.stem for path in Path(FIXTURES).glob("*.json"))


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def answer_keeps_contract(event: Any, handler: Handler = lambda_handler) -> None:
    request_part = event.get("request") if isinstance(event, dict) else None
    request_type = request_part.get("type") if isinstance(request_part, dict) else None
    response = handler(event, None)
    check_response(
        response,
        session_ended_request=request_type in SILENT_REQUEST_TYPES,
        max_bytes=MAX_RESPONSE_BYTES,
    )


def run_counted(
    examples: int, strategy: st.SearchStrategy[Any], check: Callable[[Any], None] = answer_keeps_contract
) -> int:
    """Runs the property over `examples` events and returns how many were really sent."""
    sent: list[None] = []

    @fuzz_settings(examples)
    @given(strategy)
    def prop(event: Any) -> None:
        sent.append(None)
        check(event)

    prop()
    return len(sent)


def base_events(fixtures: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A fixture request sent in any interview state, or outside of one."""
    states = st.sampled_from([None, *sorted(STATES)])

    def base(fixture: str, state: str | None) -> dict[str, Any]:
        return request(fixture, attributes=attributes_of(state) if state else {})

    return st.builds(base, st.sampled_from(fixtures), states)


def with_attributes(event: dict[str, Any], attributes: Any) -> dict[str, Any]:
    event["session"]["attributes"] = attributes
    return event


def test_random_intents_and_slots_in_every_state() -> None:
    events = st.builds(with_request, base_events(["yes"]), intent_requests())
    assert run_counted(700, events) == 700


def test_envelopes_with_keys_deleted_or_given_wrong_types() -> None:
    events = st.builds(mutate, base_events(FIXTURE_NAMES), mutations())
    assert run_counted(600, events) == 600


def test_corrupted_session_attributes() -> None:
    def corrupt(event: dict[str, Any], changes: list[Mutation]) -> dict[str, Any]:
        return with_attributes(event, mutate(event["session"]["attributes"], changes))

    events = st.one_of(
        st.builds(corrupt, base_events(FIXTURE_NAMES), mutations()),
        st.builds(with_attributes, base_events(FIXTURE_NAMES), json_values(8)),
    )
    assert run_counted(500, events) == 500


def _nested(depth: int, leaf: Any) -> Any:
    value = leaf
    for _ in range(depth):
        value = {"interview": value}
    return value


def test_stop_ends_the_session_whatever_the_attributes_hold() -> None:
    """Typed corruption of every field of the stored interview, and nesting far deeper than ours:
    Stop still ends the session, and nothing foreign is echoed back."""

    def stopped(event: dict[str, Any]) -> None:
        response = lambda_handler(event, None)
        check_response(response)
        assert response["response"]["shouldEndSession"] is True
        assert set(response.get("sessionAttributes") or {}) <= {"interview"}

    def corrupt(changes: list[Mutation], state: str) -> dict[str, Any]:
        return request("stop", attributes=mutate(attributes_of(state), changes))

    deep = st.builds(
        lambda depth, leaf: request("stop", attributes=_nested(depth, leaf)), st.integers(1, 300), json_values(2)
    )
    events = st.one_of(st.builds(corrupt, mutations(), st.sampled_from(sorted(STATES))), deep)
    assert run_counted(200, events, stopped) == 200


def test_long_strings_in_every_field_never_reach_dateutil() -> None:
    """A long string (time-like, numeric, a lone surrogate, brackets) in place of any field of
    any fixture in any state: answered within the contract, and dateutil, which the SDK hands
    every time field and which slows down quadratically, only ever sees short strings."""
    parsed: list[int] = []
    real_parse = dateutil.parser.parse

    def parse(text: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(len(text))
        return real_parse(text, *args, **kwargs)

    change = st.tuples(st.integers(min_value=0, max_value=10**6), st.just(False), long_strings())
    time_fields = st.sampled_from(sorted(intake.TIME_FIELDS))
    events = st.one_of(
        st.builds(mutate, base_events(FIXTURE_NAMES), st.lists(change, min_size=1, max_size=2)),
        st.builds(with_field, base_events(FIXTURE_NAMES), st.integers(0, 10**6), time_fields, long_strings()),
    )
    with mock.patch.object(dateutil.parser, "parse", parse):
        assert run_counted(100, events) == 100
    assert parsed and max(parsed) <= intake.MAX_TIME_CHARS


def test_events_that_are_not_envelopes() -> None:
    events = st.one_of(
        json_values(),
        st.dictionaries(st.sampled_from(["version", "session", "context", "request"]), json_values(6)),
        st.builds(lambda text: {"version": "1.0", "request": {"type": text}}, texts()),
    )
    assert run_counted(300, events) == 300


def test_with_a_skill_id_only_requests_for_other_skills_are_refused() -> None:
    """As deployed (SKILL_ID set): an envelope whose application id is not this skill's may be
    refused with SkillIdMismatch, which Lambda reports as an error; nothing else raises."""
    skill_id = request("launch")["context"]["System"]["application"]["applicationId"]
    skill = build_skill(skill_id=skill_id)

    def answer_or_refuse(event: Any) -> None:
        try:
            answer_keeps_contract(event, lambda e, c: handle_event(skill, e, c))
        except SkillIdMismatch:
            assert raw_application_id(event) != skill_id, "refused a request for this very skill"

    events = st.builds(mutate, base_events(FIXTURE_NAMES), mutations())
    assert run_counted(300, events, answer_or_refuse) == 300


def test_with_a_skill_id_an_envelope_naming_no_skill_is_never_answered() -> None:
    # Unreadable ({}) or readable without an application id: the apology, never an interview turn,
    # and never a refusal that Lambda would retry.
    launch = request("launch")
    skill = build_skill(skill_id=launch["context"]["System"]["application"]["applicationId"])
    nameless = request("launch")
    del nameless["context"]["System"]["application"]["applicationId"]
    nameless["session"]["application"].pop("applicationId", None)
    apology = handle_event(skill, {})["response"]["outputSpeech"]
    assert handle_event(skill, nameless)["response"]["outputSpeech"] == apology
    assert handle_event(skill, launch)["response"]["outputSpeech"] != apology
