"""Utterances the model did not understand, intents it does not define, other request types."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from muscle_twitch.core.interview import Evidence, advance
from muscle_twitch.skill.handlers.answer import intent_name
from muscle_twitch.skill.turn import Turn


class FallbackHandler(AbstractRequestHandler):
    """AMAZON.FallbackIntent: a failed try on the current question (rephrase, examples, move on)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.FallbackIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        if not turn.in_progress:
            return turn.opening()
        return turn.step_reply(advance(turn.interview, Evidence(), turn.knowledge))


class UnknownIntentHandler(AbstractRequestHandler):
    """An intent this skill's model does not define: say so and ask the current question again."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(handler_input.request_envelope.request, IntentRequest)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        if not turn.in_progress:
            return turn.opening()
        step, _ = turn.on_the_table()
        question = step.ask.question if step.ask else None
        return turn.respond(turn.voice.not_here(question, turn.interview.offer))


class OtherRequestHandler(AbstractRequestHandler):
    """Any other request type (skill events, SessionResumedRequest, AudioPlayer, Messaging,
    System.ExceptionEncountered, ...): answered with what its type allows, an empty response.
    None of them starts an interview or counts as a visit. (CanFulfillIntentRequest has its own
    handler, handlers/can_fulfill.py.)"""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response
