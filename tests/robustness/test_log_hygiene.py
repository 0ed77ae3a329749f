"""Whole interviews leave no health answer, slot value or user id in the logs.

Everything the skill logs or prints is captured at DEBUG level (ours, the ASK SDK's, the
persistence layer's) while whole conversations run: with persistence off, with a working local
store, with a broken store, through unreadable envelopes, and through a handler failing with an
exception that quotes what was said. Then every slot value, every recorded answer, the user id,
its storage key and the API token are looked for, as whole words, in what was captured.
"""

import copy
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from lambda_function import lambda_handler
from muscle_twitch.persistence import FaultTolerantAdapter, SqliteStore
from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.entry import handle_event
from tests.alexa import FIXTURES, request
from tests.robustness.log_capture import capture_everything, leaked

# The scripted self-care interview the warm benchmark replays, and "no" to its offer.
SELF_CARE = (*json.loads((FIXTURES.parent / "self_care_path.json").read_text("utf-8"))["fixtures"], "no")
# Conversations as request fixtures, one after the other in one session: each request carries
# what the last response left, wherever the interview then is (the skill reads every slot).
CONVERSATIONS = {
    "self-care interview": SELF_CARE,
    "doctor interview": (
        "launch",
        "no",
        "answer_areas_calves_two_weeks",
        "answer_symptoms_yes_legs_weak",
        "answer_frequency_daily",
        "answer_medicines_prednisone",
        "answer_reply_yes_started_it_last_week",
        "answer_twitch_length_seconds",
        "answer_reply_not_sure",
        "yes",
    ),
    "emergency": ("launch", "no", "answer_symptoms_trouble_breathing"),
    "one-shot and questions": ("tell_eyelid_for_a_week", "ask_disease_als", "ask_serious", "no", "stop"),
    "detours": (
        "launch",
        "no",
        "answer_areas_elbow_pit",
        "answer_areas_value_only",
        "answer_areas_calves_and_eyelid",
        "help",
        "why",
        "repeat",
        "answer_symptoms_weakness",
        "fallback",
        "answer_onset_three_weeks",
        "answer_medicines_started_sertraline",
        "unknown_intent",
        "answer_reply_not_sure",
        "answer_symptoms_no_just_the_twitching",
        "start_over",
        "yes",
        "stop",
    ),
}
# Answers that are ordinary words in any log line; everything else recorded is looked for.
GENERIC_ANSWERS = {"yes", "no"}

Handler = Callable[[dict[str, Any]], dict[str, Any]]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)


def secrets_in_request(event: dict[str, Any]) -> set[str]:
    system = event["context"]["System"]
    user_id = system["user"]["userId"]
    found = {user_id, hashlib.sha256(user_id.encode()).hexdigest(), system["apiAccessToken"]}
    intent = event["request"].get("intent") or {}
    for slot in (intent.get("slots") or {}).values():
        slot_value = slot.get("slotValue") or {}
        for spoken in [slot, slot_value, *slot_value.get("values", [])]:
            found |= set(_strings(spoken.get("value")))
            for authority in (spoken.get("resolutions") or {}).get("resolutionsPerAuthority", []):
                for wrapper in authority.get("values", []):
                    found |= set(_strings(wrapper["value"]))  # the resolved name and id
    return found


def secrets_in_response(response: dict[str, Any]) -> set[str]:
    """The recorded answers ("unsure" only lists question names, which are not answers)."""
    answers = ((response.get("sessionAttributes") or {}).get("interview") or {}).get("answers")
    recorded = {k: v for k, v in (answers or {}).items() if k != "unsure"}
    return {s for s in _strings(recorded) if s not in GENERIC_ANSWERS}


def talk(handler: Handler, fixtures: tuple[str, ...], secrets: set[str]) -> None:
    attributes: dict[str, Any] = {}
    for name in fixtures:
        event = request(name, attributes=attributes)
        secrets |= secrets_in_request(event)
        response = handler(event)
        secrets |= secrets_in_response(response)
        attributes = response.get("sessionAttributes") or {}


@pytest.fixture
def captured(caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> Callable[[], str]:
    return capture_everything(caplog, capsys)


def skill_handler(adapter: FaultTolerantAdapter | None) -> Handler:
    skill = build_skill(persistence_adapter=adapter)
    return lambda event: handle_event(skill, event, None)


def handlers(tmp_path: Path) -> dict[str, Handler]:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    return {
        "lambda_handler, nothing remembered": lambda event: lambda_handler(event, None),
        "local store": skill_handler(FaultTolerantAdapter(SqliteStore(tmp_path / "s.sqlite3"))),
        "broken store": skill_handler(FaultTolerantAdapter(SqliteStore(blocked / "s.sqlite3"), cooldown_seconds=0)),
    }


def test_whole_interviews_log_no_answers_slot_values_or_user_ids(tmp_path: Path, captured: Callable[[], str]) -> None:
    secrets: set[str] = set()
    for handler in handlers(tmp_path).values():
        for fixtures in CONVERSATIONS.values():
            talk(handler, fixtures, secrets)
    text = captured()
    assert "store" in text.lower(), "the broken store logged nothing: is the capture working?"
    assert {"calf", "eyelid", "caffeine", "amzn1.ask.account.FIXTUREUSER"} <= secrets
    assert leaked(secrets, text) == []


def test_failures_mid_interview_log_no_answers_slot_values_or_user_ids(
    monkeypatch: pytest.MonkeyPatch, captured: Callable[[], str]
) -> None:
    secrets: set[str] = set()
    unreadable = request("answer_areas_eyelid")
    unreadable["request"]["timestamp"] = {"when": "eyelid"}
    secrets |= secrets_in_request(unreadable)
    lambda_handler(unreadable, None)

    def quoting_failure(intent_name: str, slots: Any, knowledge: Any, today: Any, **_: Any) -> Any:
        heard = [slot.value for slot in (slots or {}).values() if slot.value]
        raise ValueError(f"could not read {heard} from {intent_name}")

    monkeypatch.setattr("muscle_twitch.skill.handlers.answer.evidence_from", quoting_failure)
    event = request("answer_areas_calves_two_weeks", attributes={})
    secrets |= secrets_in_request(copy.deepcopy(event))
    response = lambda_handler(event, None)
    text = captured()
    assert response["response"]["shouldEndSession"] is False
    assert "ValueError" in text, "the failure was not logged: is the capture working?"
    assert leaked(secrets, text) == []
