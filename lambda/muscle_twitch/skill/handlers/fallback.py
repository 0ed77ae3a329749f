"""Utterances the model did not understand, intents it does not define, other request types."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import IntentRequest, Response

from muscle_twitch.core.interview import Evidence, advance, start
from muscle_twitch.skill.handlers.answer import intent_name
from muscle_twitch.skill.turn import Turn

# Requests Alexa sends for its own information; they take no speech.
SILENT_REQUESTS = ("System.ExceptionEncountered",)


class FallbackHandler(AbstractRequestHandler):
    """AMAZON.FallbackIntent: a failed try on the current question (rephrase, examples, move on)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.FallbackIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        if not turn.in_progress:
            return turn.step_reply(start(turn.knowledge), lead=turn.welcome_lead())
        return turn.step_reply(advance(turn.interview, Evidence(), turn.knowledge))


class UnknownIntentHandler(AbstractRequestHandler):
    """An intent this skill's model does not define: say so and ask the current question again."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(handler_input.request_envelope.request, IntentRequest)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        if not turn.in_progress:
            return turn.step_reply(start(turn.knowledge), lead=turn.welcome_lead())
        return turn.respond(turn.speaker.not_here(turn.question))


class OtherRequestHandler(AbstractRequestHandler):
    """Any other request type: silent where Alexa expects silence, otherwise back to the question."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        if any(is_request_type(t)(handler_input) for t in SILENT_REQUESTS):
            return handler_input.response_builder.response
        turn = Turn.of(handler_input)
        if not turn.in_progress:
            return turn.step_reply(start(turn.knowledge), lead=turn.welcome_lead())
        return turn.respond(turn.speaker.not_here(turn.question))
