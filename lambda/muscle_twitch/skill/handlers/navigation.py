"""Help, "why do you ask?", repeat and start over: each keeps the interview where it is."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from muscle_twitch.core.interview import Interview, start
from muscle_twitch.skill.handlers.answer import intent_name
from muscle_twitch.skill.turn import LAST_REPLY_KEY, Turn, session_attributes
from muscle_twitch.speech import Reply


def _opened(turn: Turn) -> Interview:
    """The interview to continue: the stored one, or a new one asking the first question."""
    return turn.interview if turn.in_progress else start(turn.knowledge).interview


class HelpHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.HelpIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        interview = _opened(turn)
        return turn.respond(turn.speaker.help(interview.asking or turn.question), interview)


class WhyHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "WhyIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        interview = _opened(turn)
        return turn.respond(turn.speaker.why(interview.asking or turn.question), interview)


class RepeatHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.RepeatIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        last = session_attributes(handler_input).get(LAST_REPLY_KEY)
        if (
            turn.in_progress
            and isinstance(last, dict)
            and isinstance(last.get("speech"), str)
            and isinstance(last.get("reprompt"), str)
        ):
            return turn.respond(Reply(last["speech"], last["reprompt"]))
        interview = _opened(turn)
        return turn.respond(turn.speaker.question(interview.asking or turn.question), interview)


class StartOverHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.StartOverIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        return turn.step_reply(start(turn.knowledge), lead=turn.speaker.restart())
