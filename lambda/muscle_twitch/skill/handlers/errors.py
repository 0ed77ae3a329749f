"""The last line of defence: any unexpected error becomes a calm spoken apology."""

from __future__ import annotations

import contextlib
import logging
import traceback

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import PlainTextOutputSpeech, Reprompt

from muscle_twitch.skill.handlers.skill_events import SkillEventNotHandled

log = logging.getLogger(__name__)

# Used when even the prompt tables cannot be read; this must never depend on anything.
APOLOGY = "Sorry, I had a problem just then. Please say that again, or say stop to finish."
APOLOGY_REPROMPT = "Please say that again, or say stop to finish."


def where(exception: BaseException) -> str:
    """File and line of the failure, without the message (which might quote what was said)."""
    frames = traceback.extract_tb(exception.__traceback__)
    if not frames:
        return "unknown location"
    last = frames[-1]
    return f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno}"


class CalmErrorHandler(AbstractExceptionHandler):
    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        # A skill event that could not be carried out must fail, so Alexa delivers it again.
        return not isinstance(exception, SkillEventNotHandled)

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        with contextlib.suppress(Exception):  # logging must not be what breaks the reply
            log.error("unhandled %s at %s", type(exception).__name__, where(exception))
        # The session attributes are left as the request brought them, so the interview
        # stays where it was and the next utterance carries on from there.
        return Response(
            output_speech=PlainTextOutputSpeech(text=APOLOGY),
            reprompt=Reprompt(output_speech=PlainTextOutputSpeech(text=APOLOGY_REPROMPT)),
            should_end_session=False,
        )
