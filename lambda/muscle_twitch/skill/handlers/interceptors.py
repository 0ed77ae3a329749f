"""Runs before every handler: the session holds only what this skill wrote, re-validated."""

from __future__ import annotations

import contextlib

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput

from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.skill.turn import clean_session_attributes, session_attributes


class SessionAttributesGuard(AbstractRequestInterceptor):
    def process(self, handler_input: HandlerInput) -> None:
        cleaned = clean_session_attributes(session_attributes(handler_input), load_knowledge())
        with contextlib.suppress(Exception):  # a request without a session has nothing to clean
            handler_input.attributes_manager.session_attributes = cleaned
