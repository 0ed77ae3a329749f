"""Skill events: when a person disables the skill, what it remembered about them is deleted."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from muscle_twitch.skill import profile

log = logging.getLogger(__name__)


class SkillDisabledHandler(AbstractRequestHandler):
    """AlexaSkillEvent.SkillDisabled (subscribed in skill.json): forget the person at once
    rather than waiting for the record to expire. Alexa expects no speech for events."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        if profile.has_persistence(handler_input):
            try:
                handler_input.attributes_manager.delete_persistent_attributes()
            except Exception as exc:  # the adapter never raises; this is a last guard
                log.warning("could not delete persistent attributes (%s)", type(exc).__name__)
        return handler_input.response_builder.response
