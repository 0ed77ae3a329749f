"""Whole conversations with the real skill, through the simulator, with a chosen adapter."""

import dataclasses
import datetime as dt
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.entry import handle_event
from simulator.conversation import Conversation, Turn
from simulator.model import load_model, model_path_for

# A whole interview that ends with a result and its offer: safety check, area, other symptoms,
# how long, how often, medicines, how long each twitch lasts, and no to the doctor's summary.
WHOLE_INTERVIEW = (
    "open muscle twitch guide",
    "no",
    "my calves",
    "no",
    "about two weeks",
    "a few times a day",
    "no",
    "a few seconds",
    "no thanks",
)
VISIT_DAY = dt.datetime(2026, 11, 18, 9, 30, tzinfo=dt.UTC)


def converse(
    adapter: AbstractPersistenceAdapter | None,
    user_id: str,
    lines: tuple[str, ...] = WHOLE_INTERVIEW,
) -> list[Turn]:
    skill = build_skill(persistence_adapter=adapter)
    conversation = Conversation(
        load_model(model_path_for("en-US")),
        lambda event, context: handle_event(skill, event, context),
        clock=lambda: VISIT_DAY,
    )
    conversation.identity = dataclasses.replace(conversation.identity, user_id=user_id)
    return [conversation.say(line) for line in lines]


def what_the_person_heard(turns: list[Turn]) -> list[tuple[Any, ...]]:
    """Everything the person hears or sees, turn by turn (ids and timestamps left out)."""
    return [(turn.said, turn.speech, turn.reprompt, turn.card, turn.session_open, turn.problems) for turn in turns]


def interview_answers(turns: list[Turn]) -> set[str]:
    """Every value the person gave: slot values and resolutions sent, and the interview state
    the skill kept in the session."""
    answers: set[str] = set()
    for turn in turns:
        for exchange in turn.exchanges:
            intent = exchange.request.get("request", {}).get("intent") or {}
            answers |= leaves(intent.get("slots", {}))
        answers |= leaves(turn.attributes.get("interview", {}))
    return answers


def leaves(value: Any) -> set[str]:
    """All scalar values inside a JSON-like value, as strings."""
    if isinstance(value, dict):
        return set().union(*(leaves(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(leaves(v) for v in value)) if value else set()
    return {str(value)} if value is not None else set()
