"""Builds the one skill object that all three doors (Lambda, web service, simulator) use."""

from __future__ import annotations

import os
from functools import cache

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder

from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.skill.handlers.answer import AnswerHandler
from muscle_twitch.skill.handlers.ending import SessionEndedHandler, StopHandler
from muscle_twitch.skill.handlers.errors import CalmErrorHandler
from muscle_twitch.skill.handlers.fallback import FallbackHandler, OtherRequestHandler, UnknownIntentHandler
from muscle_twitch.skill.handlers.interceptors import SessionAttributesGuard
from muscle_twitch.skill.handlers.launch import LaunchHandler
from muscle_twitch.skill.handlers.navigation import HelpHandler, RepeatHandler, StartOverHandler, WhyHandler
from muscle_twitch.skill.handlers.skill_events import SkillDisabledHandler
from muscle_twitch.skill.serializer import PlannedSerializer

# Order matters: the catch-alls come last.
REQUEST_HANDLERS = (
    LaunchHandler,
    StopHandler,
    SessionEndedHandler,
    SkillDisabledHandler,
    HelpHandler,
    WhyHandler,
    RepeatHandler,
    StartOverHandler,
    AnswerHandler,
    FallbackHandler,
    UnknownIntentHandler,
    OtherRequestHandler,
)


def build_skill(
    *, skill_id: str | None = None, persistence_adapter: AbstractPersistenceAdapter | None = None
) -> CustomSkill:
    """A skill object; with `skill_id`, requests for any other skill are refused."""
    load_knowledge()  # validate the cause table now, not in the middle of a conversation
    builder = CustomSkillBuilder(persistence_adapter=persistence_adapter)
    for handler in REQUEST_HANDLERS:
        builder.add_request_handler(handler())
    builder.add_global_request_interceptor(SessionAttributesGuard())
    builder.add_exception_handler(CalmErrorHandler())
    builder.skill_id = skill_id or None
    skill = builder.create()
    skill.serializer = PlannedSerializer()  # same results as the SDK's, in a fraction of the time
    return skill


@cache
def get_skill() -> CustomSkill:
    """The process-wide skill, configured from the environment (SKILL_ID, persistence)."""
    from muscle_twitch.persistence import default_adapter

    return build_skill(skill_id=os.environ.get("SKILL_ID") or None, persistence_adapter=default_adapter())
