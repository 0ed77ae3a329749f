"""A person who disables the skill is forgotten at once (AlexaSkillEvent.SkillDisabled)."""

import json
from pathlib import Path

from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter
from muscle_twitch.persistence.keys import key_for_user_id
from muscle_twitch.persistence.store import UserStateStore
from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.entry import handle_event
from tests.persistence.conversations import converse

USER_ID = "amzn1.ask.account.DISABLES-THE-SKILL"
OTHER_USER_ID = "amzn1.ask.account.KEEPS-THE-SKILL"


# Skill events carry no session: they are not part of a conversation.
EVENT = Path(__file__).parents[1] / "fixtures" / "events" / "skill_disabled.json"


def skill_disabled_by(user_id: str) -> dict:
    event = json.loads(EVENT.read_text("utf-8"))
    event["context"]["System"]["user"]["userId"] = user_id
    return event


def test_disabling_the_skill_deletes_only_that_persons_record(store: UserStateStore) -> None:
    converse(FaultTolerantAdapter(store), USER_ID, ("open muscle twitch guide",))
    converse(FaultTolerantAdapter(store), OTHER_USER_ID, ("open muscle twitch guide",))
    assert store.load(key_for_user_id(USER_ID)) is not None

    skill = build_skill(persistence_adapter=FaultTolerantAdapter(store))
    body = handle_event(skill, skill_disabled_by(USER_ID))

    assert "outputSpeech" not in body["response"]  # events take no speech
    assert store.load(key_for_user_id(USER_ID)) is None
    assert store.load(key_for_user_id(OTHER_USER_ID)) is not None


def test_the_event_is_answered_without_persistence_configured() -> None:
    body = handle_event(build_skill(), skill_disabled_by(USER_ID))
    assert body["version"] == "1.0"
    assert "outputSpeech" not in body["response"]
