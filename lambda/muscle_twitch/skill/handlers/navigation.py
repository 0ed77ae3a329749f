"""Help, "why do you ask?", repeat and start over: each keeps the interview where it is. The same
requests said inside an answer (the reader heard them there) come through `meta_response`."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from muscle_twitch.skill.handlers.answer import intent_name
from muscle_twitch.skill.turn import Turn, build_response
from muscle_twitch.speech import Reply, say


def _lead(reply: Reply, lead: str) -> Reply:
    return reply._replace(speech=say(lead, reply.speech))


def explain(turn: Turn, why: bool) -> Response:
    """Help, or "why do you ask?": about what is on the table, ending with it."""
    step, lead = turn.on_the_table()
    question = step.ask.question if step.ask else None
    offer = turn.interview.offer
    reply = turn.voice.why(question, offer) if why else turn.voice.help(question, offer)
    return turn.respond(_lead(reply, lead), step.interview, step)


def repeat(turn: Turn) -> Response:
    """The question again (with its examples after a miss), or the result and its offer."""
    step, lead = turn.on_the_table()
    return turn.respond(_lead(turn.voice.repeat(step), lead), step.interview, step)


def start_over(turn: Turn) -> Response:
    return turn.opening(lead=turn.voice.restart())


def meta_response(turn: Turn, meta: str) -> Response:
    """A request about the conversation that arrived as words of an answer."""
    if meta in ("stop", "cancel"):
        return build_response(turn.handler_input, turn.voice.goodbye())
    if meta == "start_over":
        return start_over(turn)
    if meta == "repeat":
        return repeat(turn)
    return explain(turn, why=meta == "why")


class HelpHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.HelpIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        return explain(Turn.of(handler_input), why=False)


class WhyHandler(AbstractRequestHandler):
    """ "Why do you ask?" at a question; "why?" after a result is a question about the result."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "WhyIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        if turn.interview.offer and turn.interview.offer != "check":
            from muscle_twitch.core.interview import Evidence, Topic, advance

            return turn.step_reply(advance(turn.interview, Evidence(topics=(Topic("why"),)), turn.knowledge))
        return explain(turn, why=True)


class RepeatHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.RepeatIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        return repeat(Turn.of(handler_input))


class StartOverHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.StartOverIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        return start_over(Turn.of(handler_input))
