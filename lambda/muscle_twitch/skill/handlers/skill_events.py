"""Skill events: when a person disables the skill, what it remembered about them is deleted."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from muscle_twitch.persistence.errors import PersistenceError
from muscle_twitch.skill import profile

log = logging.getLogger(__name__)


class SkillEventNotHandled(Exception):
    """The event could not be carried out: the invocation must FAIL, so Alexa can deliver it again.

    The skill's calm error handler and ``entry.handle_event`` let this one through, where every
    other failure becomes a spoken apology (which Alexa would take as "done"): the Lambda
    invocation fails; the web door answers 503.
    """


class SkillDisabledHandler(AbstractRequestHandler):
    """AlexaSkillEvent.SkillDisabled (subscribed in skill.json): forget the person at once
    rather than waiting for the record to expire. Alexa expects no speech for events."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        if profile.has_persistence(handler_input):
            try:
                handler_input.attributes_manager.delete_persistent_attributes()
            except PersistenceError as error:  # the adapter has logged which store and why
                raise SkillEventNotHandled("the record could not be deleted; Alexa should retry") from error
        return handler_input.response_builder.response
