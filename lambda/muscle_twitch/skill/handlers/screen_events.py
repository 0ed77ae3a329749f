"""Touch on a screen (Alexa.Presentation.APL.UserEvent): a touched answer is the same evidence
the spoken answer gives, and goes through the same core."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from muscle_twitch.core.interview import Evidence, Heard, Interview, advance
from muscle_twitch.core.knowledge import REPLIES, Knowledge
from muscle_twitch.skill.turn import Turn

USER_EVENT = "Alexa.Presentation.APL.UserEvent"


def evidence_from_touch(arguments: object, interview: Interview, knowledge: Knowledge) -> Evidence | None:
    """The evidence a touched answer gives, or None for a touch that does not answer what is on
    the table now (an old screen, or arguments our screens never send)."""
    from muscle_twitch import screens

    touch = screens.read_touch(arguments)
    if touch is None:
        return None
    if touch.kind == "offer":
        return Evidence(reply=touch.choice_id) if interview.offer else None
    if touch.question_id != interview.asking or not knowledge.has_question(touch.question_id):
        return None
    question = knowledge.question(touch.question_id)
    if touch.choice_id in REPLIES:
        return Evidence(reply=touch.choice_id)
    kind = question.kind
    if kind and touch.choice_id in knowledge.terms[kind]:
        return Evidence(terms=(Heard(kind, touch.choice_id),))
    return None


class TouchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type(USER_EVENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        arguments = getattr(handler_input.request_envelope.request, "arguments", None)
        evidence = evidence_from_touch(arguments, turn.interview, turn.knowledge)
        if not turn.in_progress:
            return turn.opening()
        if evidence is None:
            # A stale screen: show and say what is on the table now.
            step, _ = turn.on_the_table()
            return turn.respond(turn.voice.repeat(step), step.interview, step)
        return turn.step_reply(advance(turn.interview, evidence, turn.knowledge))
