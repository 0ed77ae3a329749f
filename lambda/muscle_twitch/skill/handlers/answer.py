"""Intents that answer the question on the table (areas, symptoms, yes, no, "I don't know", ...)."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from muscle_twitch.core.interview import advance
from muscle_twitch.skill.slots import evidence_from
from muscle_twitch.skill.turn import Turn

ANSWER_INTENTS = frozenset(
    {
        "YesDetailIntent",
        "NoDetailIntent",
        "UnsureDetailIntent",
        "BodyAreaIntent",
        "SymptomIntent",
        "OnsetIntent",
        "FrequencyIntent",
        "TwitchLengthIntent",
        "TriggerIntent",
        "MedicineIntent",
        "NothingIntent",
        "DontKnowIntent",
        "AMAZON.YesIntent",
        "AMAZON.NoIntent",
    }
)


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
        evidence = evidence_from(name, slots, turn.knowledge, turn.today())
        if not turn.in_progress:
            # A one-shot request ("ask muscle twitch guide about my eyelid"): keep what was said,
            # but the safety check still comes first.
            return turn.opening(evidence)
        return turn.step_reply(advance(turn.interview, evidence, turn.knowledge))
