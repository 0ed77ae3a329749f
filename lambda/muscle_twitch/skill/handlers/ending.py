"""Stop, Cancel and NavigateHome end politely at any point; SessionEndedRequest says nothing."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from muscle_twitch.skill.handlers.answer import intent_name
from muscle_twitch.skill.turn import Turn, build_response

EXIT_INTENTS = frozenset({"AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"})


class StopHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in EXIT_INTENTS

    def handle(self, handler_input: HandlerInput) -> Response:
        return build_response(handler_input, Turn.of(handler_input).voice.goodbye())


class SessionEndedHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        # Alexa ignores any speech here; the session's answers simply go with the session.
        return handler_input.response_builder.response
