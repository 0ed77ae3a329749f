"""Builds the Flask app: POST / is the Alexa endpoint, GET /health is for load balancers."""

import logging

from ask_sdk_core.skill import CustomSkill
from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException

from webservice.endpoint import AlexaEndpoint, body_limit_config
from webservice.settings import DISABLE_VERIFICATION_VAR, SKILL_ID_VAR, SettingsError, WebSettings
from webservice.verifiers import request_verifiers

logger = logging.getLogger(__name__)

ALEXA_ROUTE = "/"
HEALTH_ROUTE = "/health"

VERIFICATION_OFF_WARNING = f"""
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  ALEXA REQUEST VERIFICATION IS OFF ({DISABLE_VERIFICATION_VAR} is set).
!!  Signatures and timestamps are NOT checked: anyone who reaches this port can
!!  drive the skill. For local development only; never expose this server.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"""


def create_app(skill: CustomSkill, settings: WebSettings) -> Flask:
    """The app around ``skill`` (in production the process-wide ``get_skill()``, see wsgi.py)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = body_limit_config(settings.max_body_bytes)
    if not settings.verify_requests:
        logger.warning(VERIFICATION_OFF_WARNING)
    skill_id = expected_skill_id(skill, settings)
    endpoint = AlexaEndpoint(
        skill,
        request_verifiers(verify_signatures=settings.verify_requests, skill_id=skill_id),
        max_body_bytes=settings.max_body_bytes,
        explain_rejections=not settings.verify_requests,
    )
    app.add_url_rule(ALEXA_ROUTE, "alexa", view_func=endpoint, methods=["POST"])
    app.add_url_rule(HEALTH_ROUTE, view_func=health, methods=["GET"])
    app.register_error_handler(HTTPException, http_error_as_json)
    return app


def expected_skill_id(skill: CustomSkill, settings: WebSettings) -> str | None:
    """The ID requests must carry: the setting, else the one the skill object was built with."""
    if settings.skill_id and skill.skill_id and settings.skill_id != skill.skill_id:
        raise SettingsError(
            f"{SKILL_ID_VAR}={settings.skill_id} for the web service differs from the skill object's "
            f"({skill.skill_id}): expected one skill ID for both"
        )
    return settings.skill_id or skill.skill_id


def health() -> Response:
    return jsonify(status="ok")


def http_error_as_json(error: HTTPException) -> tuple[Response, int]:
    status = error.code or 500
    return jsonify(error=error.name, message=error.description), status
