"""Runs before every handler: the session holds only what this skill wrote, re-validated, and
the stored interview is read once for the whole request (handlers get it through Turn.of)."""

from __future__ import annotations

import contextlib

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput

from muscle_twitch.core.interview import Interview, resumed
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.skill.turn import INTERVIEW_KEY, clean_session_attributes, session_attributes


class SessionAttributesGuard(AbstractRequestInterceptor):
    def process(self, handler_input: HandlerInput) -> None:
        knowledge = load_knowledge()
        attributes = session_attributes(handler_input)
        interview = resumed(Interview.from_dict(attributes.get(INTERVIEW_KEY), knowledge), knowledge)
        handler_input.attributes_manager.request_attributes[INTERVIEW_KEY] = interview
        cleaned = clean_session_attributes(attributes, knowledge, interview)
        with contextlib.suppress(Exception):  # a request without a session has nothing to clean
            handler_input.attributes_manager.session_attributes = cleaned
