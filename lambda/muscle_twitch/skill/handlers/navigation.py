"""Help, "why do you ask?", repeat and start over: each keeps the interview where it is."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from muscle_twitch.skill.handlers.answer import intent_name
from muscle_twitch.skill.turn import Turn
from muscle_twitch.speech import Reply, say


def _lead(reply: Reply, lead: str) -> Reply:
    return reply._replace(speech=say(lead, reply.speech))


class _AboutTheQuestion(AbstractRequestHandler):
    """Help and "why" explain what is on the table and end with it."""

    intent = ""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == self.intent

    def explain(self, turn: Turn, question: str | None) -> Reply:
        raise NotImplementedError

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        step, lead = turn.on_the_table()
        question = step.ask.question if step.ask else None
        return turn.respond(_lead(self.explain(turn, question), lead), step.interview, step)


class HelpHandler(_AboutTheQuestion):
    intent = "AMAZON.HelpIntent"

    def explain(self, turn: Turn, question: str | None) -> Reply:
        return turn.voice.help(question, turn.interview.offer)


class WhyHandler(_AboutTheQuestion):
    intent = "WhyIntent"

    def explain(self, turn: Turn, question: str | None) -> Reply:
        return turn.voice.why(question, turn.interview.offer)


class RepeatHandler(AbstractRequestHandler):
    """The question again (with its examples after a miss), or the result and its offer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.RepeatIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        step, lead = turn.on_the_table()
        return turn.respond(_lead(turn.voice.repeat(step), lead), step.interview, step)


class StartOverHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.StartOverIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        return turn.opening(lead=turn.voice.restart())
