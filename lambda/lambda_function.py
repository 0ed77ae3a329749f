"""AWS Lambda entry point: handler `lambda_function.lambda_handler` (ASK CLI and SAM convention)."""

from typing import Any

import muscle_twitch.snapstart  # noqa: F401  (registers the SnapStart hooks while Lambda imports the handler)
from muscle_twitch.skill.builder import get_skill
from muscle_twitch.skill.entry import handle_event


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return handle_event(get_skill(), event, context)
