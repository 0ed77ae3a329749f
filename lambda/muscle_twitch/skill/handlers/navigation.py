"""Help, "why do you ask?", repeat and start over: each keeps the interview where it is."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from muscle_twitch.core.interview import Interview, start
from muscle_twitch.skill.handlers.answer import intent_name
from muscle_twitch.skill.turn import LAST_REPLY_KEY, Turn, session_attributes
from muscle_twitch.speech import Reply


def _opened(turn: Turn) -> tuple[Interview, str]:
    """The interview to continue and what to say first: the stored one, or, when this request
    opens the session, a new one led by the welcome and its spoken disclaimer. Either way it
    asks `turn.question`."""
    if turn.in_progress:
        return turn.interview, ""
    return start(turn.knowledge).interview, turn.welcome_lead()


class HelpHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.HelpIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        interview, lead = _opened(turn)
        return turn.respond(turn.speaker.help(turn.question).after(lead), interview)


class WhyHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "WhyIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        interview, lead = _opened(turn)
        return turn.respond(turn.speaker.why(turn.question).after(lead), interview)


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
        interview, lead = _opened(turn)
        return turn.respond(turn.speaker.question(turn.question, lead=lead), interview)


class StartOverHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.StartOverIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        return turn.step_reply(start(turn.knowledge), lead=turn.speaker.restart())
