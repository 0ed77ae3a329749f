"""POST /: the web door. Verify, then hand the request to the same entry the Lambda uses.

The body becomes the JSON object Lambda would pass (``envelope.parse_event``, which also
refuses what would cost the SDK's parser dearly), is checked on that JSON (``verifiers``), and
goes to ``muscle_twitch.skill.entry.handle_event``, the only place the SDK parses it, whose
answer is sent back unchanged: the same request gets the same answer through every door.
How failures map:
- not UTF-8, not JSON, not an envelope (also one the SDK cannot read), failed verification
  -> 400 (the skill never runs);
  the answer says what was wrong, except for verification failures while verification is on
  (those are logged, with their reason, never with the body);
- a body over ``max_body_bytes`` -> 413, also when it comes chunked (see ``body_limit_config``),
  at once when its chunks declare more (``chunked.ChunkTooLarge``);
- malformed chunked framing (a bad size, extension, terminator or trailer) -> 400, one log line;
- a body that stops arriving (the server's read timeout) -> 408;
- Amazon's certificate cannot be fetched -> 503;
- a skill event that could not be carried out -> 503, so Alexa can deliver it again;
- the skill itself fails -> ``handle_event``'s spoken apology, as on Lambda.
"""

import logging
from typing import Any, NoReturn

from ask_sdk_core.skill import CustomSkill
from ask_sdk_webservice_support.verifier import VerificationException
from flask import Response, jsonify
from flask import request as flask_request
from werkzeug.exceptions import (
    BadRequest,
    ClientDisconnected,
    RequestEntityTooLarge,
    RequestTimeout,
    ServiceUnavailable,
)

from muscle_twitch.skill.entry import SkillIdMismatch, UnreadableEnvelope, handle_event
from muscle_twitch.skill.handlers.skill_events import SkillEventNotHandled
from webservice.certificates import CertificateUnavailable
from webservice.chunked import FRAMING_ERRORS, ChunkTooLarge
from webservice.envelope import NotAnEnvelope, decode_text, parse_event
from webservice.verifiers import RequestCheck

logger = logging.getLogger(__name__)

NOT_AN_ENVELOPE = "not an Alexa request envelope"
FAILED_VERIFICATION = "Request failed verification."


def body_limit_config(max_body_bytes: int) -> int:
    """Flask's MAX_CONTENT_LENGTH for a limit of ``max_body_bytes``: one byte more.

    Werkzeug answers 413 when Content-Length is over the limit, but silently truncates a chunked
    body at the limit. Letting one extra byte through makes "too long" visible to the endpoint.
    """
    return max_body_bytes + 1


class AlexaEndpoint:
    """The view function for POST / (a callable object, so its settings are explicit)."""

    def __init__(
        self,
        skill: CustomSkill,
        verifiers: list[RequestCheck],
        *,
        max_body_bytes: int,
        explain_rejections: bool,
    ) -> None:
        self._skill = skill
        self._verifiers = verifiers
        self._max_body_bytes = max_body_bytes
        # With verification on, a caller learns only that it failed; locally, exactly why.
        self._explain_rejections = explain_rejections

    def __call__(self) -> Response:
        body = self._read_body()
        try:
            text = decode_text(body)
            event = parse_event(text)
        except NotAnEnvelope as problem:
            self._refuse_body(str(problem))
        try:
            for verifier in self._verifiers:
                verifier.verify(flask_request.headers, text, event)
        except VerificationException as error:
            # The reason (quoted: it may echo header values) never includes the body.
            logger.warning("Rejected a request that failed verification: %r", str(error))
            raise BadRequest(self._verification_message(str(error))) from None
        except CertificateUnavailable as error:
            logger.error("Could not fetch Alexa's signing certificate chain: %s", error)
            raise ServiceUnavailable("Cannot check the request signature right now.") from None
        return jsonify(self._answer(event))

    def _read_body(self) -> bytes:
        try:
            body = flask_request.get_data(cache=False)
        except ClientDisconnected as error:
            if isinstance(error.__context__, TimeoutError):  # the worker's read timeout
                logger.info("Dropped a request whose body stopped arriving")
                raise RequestTimeout("The request body did not arrive in time.") from None
            raise
        except ChunkTooLarge:
            logger.info("Refused a chunked body declaring more than the body limit")
            raise RequestEntityTooLarge() from None
        except FRAMING_ERRORS as error:  # the server's parser, reading the chunks as the app asks
            logger.warning("Rejected a body with malformed chunked framing (%s)", type(error).__name__)
            raise BadRequest(f"{NOT_AN_ENVELOPE}: malformed chunked framing ({type(error).__name__})") from None
        if len(body) > self._max_body_bytes:
            raise RequestEntityTooLarge()
        return body

    def _refuse_body(self, problem: str) -> NoReturn:
        logger.warning("Rejected a body that is %s: %s", NOT_AN_ENVELOPE, problem)
        raise BadRequest(f"{NOT_AN_ENVELOPE}: {problem}")

    def _answer(self, event: dict[str, Any]) -> dict[str, Any]:
        try:
            return handle_event(self._skill, event, refuse_unreadable=True)
        except UnreadableEnvelope as problem:
            self._refuse_body(str(problem))
        except SkillIdMismatch:  # the verifiers check this first; kept for a skill built otherwise
            raise BadRequest(self._verification_message("Request is for another skill")) from None
        except SkillEventNotHandled:
            logger.error("A skill event could not be carried out; answering 503 so that Alexa retries it")
            raise ServiceUnavailable("The event could not be handled now; send it again.") from None

    def _verification_message(self, reason: str) -> str:
        return f"Request failed verification: {reason}" if self._explain_rejections else FAILED_VERIFICATION
