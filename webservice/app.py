"""Builds the Flask app: POST / is the Alexa endpoint, GET /health is for load balancers."""

import logging

from ask_sdk_core.skill import CustomSkill
from ask_sdk_webservice_support.verifier import AbstractVerifier, TimestampVerifier
from flask import Flask, Response, jsonify
from flask_ask_sdk.skill_adapter import VERIFY_SIGNATURE_APP_CONFIG, VERIFY_TIMESTAMP_APP_CONFIG
from werkzeug.exceptions import HTTPException

from webservice.adapter import AlexaSkillAdapter, body_limit_config
from webservice.settings import (
    DISABLE_VERIFICATION_VAR,
    SKILL_ID_VAR,
    SettingsError,
    WebSettings,
)
from webservice.verifiers import (
    AmazonSignatureVerifier,
    EnvelopeShapeVerifier,
    GuardedVerifier,
    SkillIdVerifier,
)

logger = logging.getLogger(__name__)

ALEXA_ROUTE = "/"
HEALTH_ROUTE = "/health"
LOCAL_DEV_SKILL_KEY = "local-development"

VERIFICATION_OFF_WARNING = f"""
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  ALEXA REQUEST VERIFICATION IS OFF ({DISABLE_VERIFICATION_VAR} is set).
!!  Signatures and timestamps are NOT checked: anyone who reaches this port can
!!  drive the skill. For local development only; never expose this server.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"""


def create_app(skill: CustomSkill, settings: WebSettings) -> Flask:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = body_limit_config(settings.max_body_bytes)
    # The adapter's built-in verifiers are replaced by the explicit list below (same checks,
    # hardened); these two flags only stop it from adding unhardened copies.
    app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
    app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
    if not settings.verify_requests:
        logger.warning(VERIFICATION_OFF_WARNING)
    skill_id = expected_skill_id(skill, settings)

    # flask-ask-sdk appends its name to the skill's user agent, which is echoed in every
    # response; restore it so this door answers exactly as the Lambda does with the shared skill.
    user_agent = skill.custom_user_agent
    adapter = AlexaSkillAdapter(
        skill=skill,
        skill_id=skill_id or LOCAL_DEV_SKILL_KEY,
        verifiers=request_verifiers(verify_signatures=settings.verify_requests, skill_id=skill_id),
        app=app,
        max_body_bytes=settings.max_body_bytes,
    )
    skill.custom_user_agent = user_agent

    app.add_url_rule(ALEXA_ROUTE, view_func=adapter.dispatch_request, methods=["POST"])
    app.add_url_rule(HEALTH_ROUTE, view_func=health, methods=["GET"])
    app.register_error_handler(HTTPException, http_error_as_json)
    return app


def expected_skill_id(skill: CustomSkill, settings: WebSettings) -> str | None:
    """The ID requests must carry: the setting, else the one the skill object was built with."""
    if settings.skill_id and skill.skill_id and settings.skill_id != skill.skill_id:
        raise SettingsError(
            f"{SKILL_ID_VAR} for the web service ({settings.skill_id}) differs from the "
            f"skill object's ({skill.skill_id})."
        )
    return settings.skill_id or skill.skill_id


def request_verifiers(*, verify_signatures: bool, skill_id: str | None) -> list[AbstractVerifier]:
    """In order: is it an Alexa request, signed by Amazon, fresh, for this skill."""
    verifiers: list[AbstractVerifier] = [EnvelopeShapeVerifier()]
    if verify_signatures:
        verifiers += [AmazonSignatureVerifier(), TimestampVerifier()]
    if skill_id:
        verifiers.append(SkillIdVerifier(skill_id))
    return [GuardedVerifier(verifier) for verifier in verifiers]


def health() -> Response:
    return jsonify(status="ok")


def http_error_as_json(error: HTTPException) -> tuple[Response, int]:
    status = error.code or 500
    return jsonify(error=error.name, message=error.description), status
