"""Builds the one skill object that all three doors (Lambda, web service, simulator) use."""

from __future__ import annotations

import os
from functools import cache

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder

from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.skill.handlers.answer import AnswerHandler
from muscle_twitch.skill.handlers.can_fulfill import CanFulfillHandler
from muscle_twitch.skill.handlers.ending import SessionEndedHandler, StopHandler
from muscle_twitch.skill.handlers.errors import CalmErrorHandler
from muscle_twitch.skill.handlers.fallback import FallbackHandler, OtherRequestHandler, UnknownIntentHandler
from muscle_twitch.skill.handlers.interceptors import SessionAttributesGuard
from muscle_twitch.skill.handlers.launch import LaunchHandler
from muscle_twitch.skill.handlers.navigation import HelpHandler, RepeatHandler, StartOverHandler, WhyHandler
from muscle_twitch.skill.handlers.reminder_permission import ReminderPermissionHandler
from muscle_twitch.skill.handlers.screen_events import TouchHandler
from muscle_twitch.skill.handlers.skill_events import SkillDisabledHandler

# Order matters: the catch-alls come last.
REQUEST_HANDLERS = (
    CanFulfillHandler,  # name-free interaction: answered from the request alone, changing nothing
    LaunchHandler,
    StopHandler,
    SessionEndedHandler,
    SkillDisabledHandler,
    HelpHandler,
    WhyHandler,
    RepeatHandler,
    StartOverHandler,
    AnswerHandler,
    TouchHandler,
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
        if handler is OtherRequestHandler:  # the catch-all comes last
            builder.add_request_handler(_reminder_permission_handler())
        builder.add_request_handler(handler())
    builder.add_global_request_interceptor(SessionAttributesGuard())
    builder.add_exception_handler(CalmErrorHandler())
    builder.skill_id = skill_id or None
    skill = builder.create()
    return skill


def _reminder_permission_handler() -> ReminderPermissionHandler:
    """Alexa's answer to the reminders permission question, in the request's locale."""
    from muscle_twitch.skill.check_ins import SKILL_NAME, forbidden_phrases, localised

    return ReminderPermissionHandler(
        skill_name=SKILL_NAME, forbidden_phrases=forbidden_phrases(load_knowledge()), localised=localised
    )


@cache
def get_skill() -> CustomSkill:
    """The process-wide skill, configured from the environment (SKILL_ID, persistence)."""
    from muscle_twitch.persistence import default_adapter

    return build_skill(skill_id=os.environ.get("SKILL_ID") or None, persistence_adapter=default_adapter())
