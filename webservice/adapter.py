"""flask-ask-sdk's SkillAdapter with HTTP status codes that tell bad requests from server faults.

The stock ``dispatch_request`` answers 500 to a body that is not JSON or not an Alexa envelope
(its SerializationException is an AskSdkException) and lets a non-UTF-8 body escape as an
unhandled error. Alexa and load balancers must see those as the client's fault: 400.
"""

import logging

from ask_sdk_core.exceptions import AskSdkException, SerializationException
from ask_sdk_webservice_support.verifier import VerificationException
from flask import Response, jsonify
from flask import request as flask_request
from flask_ask_sdk.skill_adapter import SkillAdapter
from werkzeug.exceptions import BadRequest, InternalServerError, ServiceUnavailable

from webservice.verifiers import CertificateUnavailable

logger = logging.getLogger(__name__)


class AlexaSkillAdapter(SkillAdapter):
    def dispatch_request(self) -> Response:
        try:
            body = flask_request.get_data(cache=False).decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("Request body is not UTF-8 text.") from None
        try:
            response = self._webservice_handler.verify_request_and_dispatch(
                http_request_headers=flask_request.headers, http_request_body=body
            )
        except SerializationException:
            raise BadRequest("Request body is not an Alexa request envelope.") from None
        except VerificationException as error:
            # The reason names headers or URLs only; the body (health answers) is never logged.
            logger.warning("Rejected a request that failed verification: %s", error)
            raise BadRequest("Request failed verification.") from None
        except CertificateUnavailable:
            logger.exception("Could not fetch Alexa's signing certificate chain")
            raise ServiceUnavailable("Cannot check the request signature right now.") from None
        except AskSdkException:
            logger.exception("The skill failed to handle a verified request")
            raise InternalServerError("The skill failed to handle the request.") from None
        return jsonify(response)
