"""AWS Lambda entry point: handler `lambda_function.lambda_handler` (ASK CLI and SAM convention)."""

from typing import Any

from muscle_twitch.skill.builder import get_skill
from muscle_twitch.skill.entry import handle_event


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return handle_event(get_skill(), event, context)
