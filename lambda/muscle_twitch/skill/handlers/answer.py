"""Intents that carry words for the interview: AnswerIntent (every question is elicited on one of
its slots), TellIntent (a one-shot story), the question intents (Ask...Intent, AskQuestionIntent
for a question in other words) and Yes/No. Their
words go to the skill's reader; a request about the conversation said inside an answer ("why do
you ask?") goes where Alexa's own intent would have taken it."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from muscle_twitch.core.interview import advance
from muscle_twitch.skill.slots import (
    ANSWER_INTENT,
    OPEN_QUESTION_INTENT,
    QUESTION_INTENTS,
    REPLY_INTENTS,
    TELL_INTENT,
    evidence_from,
)
from muscle_twitch.skill.turn import Turn

ANSWER_INTENTS = frozenset({ANSWER_INTENT, TELL_INTENT, OPEN_QUESTION_INTENT, *QUESTION_INTENTS, *REPLY_INTENTS})


def intent_name(handler_input: HandlerInput) -> str | None:
    request = handler_input.request_envelope.request
    if not isinstance(request, IntentRequest):
        return None
    name = getattr(request.intent, "name", None)
    return name if isinstance(name, str) else None


class AnswerHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in ANSWER_INTENTS

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = Turn.of(handler_input)
        name = intent_name(handler_input) or ""
        slots = getattr(handler_input.request_envelope.request.intent, "slots", None)
        evidence = evidence_from(
            name, slots, turn.knowledge, turn.today(), locale=turn.locale, context=turn.reading_context()
        )
        if evidence.meta:
            from muscle_twitch.skill.handlers.navigation import meta_response

            return meta_response(turn, evidence.meta)
        if not turn.in_progress:
            # A one-shot request ("tell muscle twitch guide my eyelid has been twitching for a
            # week"): keep what was said, but the safety check still comes first.
            return turn.opening(evidence)
        return turn.step_reply(advance(turn.interview, evidence, turn.knowledge))
