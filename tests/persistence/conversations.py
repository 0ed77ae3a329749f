"""Whole conversations with the real skill, through the simulator, with a chosen adapter."""

import dataclasses
import datetime as dt
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.entry import handle_event
from simulator.conversation import Conversation, Turn
from simulator.model import load_model, model_path_for

OPEN = "open muscle twitch guide"
# A whole interview, whatever the question table asks and in whichever order: a place, when it
# started and how often, how long each twitch lasts if asked, and "no" to everything else (the
# safety check, other symptoms, medicines, the offer after the result). Two weeks on the calves
# makes the result a doctor's, so the answers the store must not keep include the summary's.
SAYS = {
    "areas": "my calves",
    "onset": "a couple of weeks",
    "frequency": "a few times a day",
    "twitch_length": "a few seconds",
}
OTHERWISE = "no"
MAX_TURNS = 20
VISIT_DAY = dt.datetime(2026, 11, 18, 9, 30, tzinfo=dt.UTC)


def _conversation(adapter: AbstractPersistenceAdapter | None, user_id: str) -> Conversation:
    skill = build_skill(persistence_adapter=adapter)
    conversation = Conversation(
        load_model(model_path_for("en-US")),
        lambda event, context: handle_event(skill, event, context),
        clock=lambda: VISIT_DAY,
    )
    conversation.identity = dataclasses.replace(conversation.identity, user_id=user_id)
    return conversation


def converse(
    adapter: AbstractPersistenceAdapter | None, user_id: str, lines: tuple[str, ...] | None = None
) -> list[Turn]:
    """The lines said one after the other; without lines, a whole interview."""
    if lines is None:
        return whole_interview(adapter, user_id)
    conversation = _conversation(adapter, user_id)
    return [conversation.say(line) for line in lines]


def on_the_table(turn: Turn) -> str:
    interview = turn.attributes.get("interview") or {}
    return str(interview.get("asking") or interview.get("offer") or "")


def whole_interview(adapter: AbstractPersistenceAdapter | None, user_id: str) -> list[Turn]:
    """From opening the skill to the end of the session, answering what is on the table each time."""
    conversation = _conversation(adapter, user_id)
    turns = [conversation.say(OPEN)]
    while turns[-1].session_open and len(turns) < MAX_TURNS:
        turns.append(conversation.say(SAYS.get(on_the_table(turns[-1]), OTHERWISE)))
    return turns


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
