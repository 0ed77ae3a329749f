"""flask-ask-sdk's SkillAdapter, with HTTP answers that tell bad requests from our own faults.

The request goes through the SDK's webservice handler as usual (parse once, run the verifiers,
invoke the skill, serialize). Only the mapping of failures differs from the stock adapter, which
answers 500 to a body that is not JSON or not an Alexa envelope and lets other errors escape:
- not UTF-8, not JSON, not an envelope, failed verification -> 400 (the skill never runs);
- Amazon's certificate cannot be fetched -> 503;
- the skill itself fails -> the same spoken apology the Lambda door gives (``handle_event``);
- a body over ``max_body_bytes`` -> 413, also when it comes chunked (see ``body_limit_config``).
"""

import json
import logging
from typing import Any

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_webservice_support.verifier import VerificationException
from flask import Response, jsonify
from flask import request as flask_request
from flask_ask_sdk.skill_adapter import SkillAdapter
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, ServiceUnavailable

from muscle_twitch.skill.entry import apology_response
from webservice.verifiers import CertificateUnavailable

logger = logging.getLogger(__name__)


def body_limit_config(max_body_bytes: int) -> int:
    """Flask's MAX_CONTENT_LENGTH for a limit of ``max_body_bytes``: one byte more.

    Werkzeug answers 413 when Content-Length is over the limit, but silently truncates a chunked
    body at the limit. Letting one extra byte through makes "too long" visible to the adapter.
    """
    return max_body_bytes + 1


class AlexaSkillAdapter(SkillAdapter):
    def __init__(self, *, max_body_bytes: int, **adapter_arguments: Any) -> None:
        self._max_body_bytes = max_body_bytes
        super().__init__(**adapter_arguments)

    def dispatch_request(self) -> Response:
        raw_body = flask_request.get_data(cache=False)
        if len(raw_body) > self._max_body_bytes:
            raise RequestEntityTooLarge()
        try:
            body = raw_body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("Request body is not UTF-8 text.") from None
        try:
            response = self._webservice_handler.verify_request_and_dispatch(
                http_request_headers=flask_request.headers, http_request_body=body
            )
        except SerializationException:
            raise BadRequest("Request body is not an Alexa request envelope.") from None
        except VerificationException as error:
            # The reason (quoted: it may echo header values) never includes the body, which can
            # hold health answers.
            logger.warning("Rejected a request that failed verification: %r", str(error))
            raise BadRequest("Request failed verification.") from None
        except CertificateUnavailable:
            logger.exception("Could not fetch Alexa's signing certificate chain")
            raise ServiceUnavailable("Cannot check the request signature right now.") from None
        except Exception as error:
            # Verified and parsed, so the skill failed: answer like every other door does.
            logger.error("The skill could not handle a request (%s)", type(error).__name__)
            return jsonify(apology_response(json.loads(body)))
        return jsonify(response)
