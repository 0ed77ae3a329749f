"""The follow-up reminder offered after a self-care result, in the request's locale.

Connects the prompt tables to the reminder machinery (reminders.py, handlers/reminder_permission.py):
the wording the person hears, the reminder's own text (the skill's name and the check-in only),
and the cause table's phrases, which the reminder text is checked never to contain.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from muscle_twitch import data
from muscle_twitch.core.knowledge import Knowledge, load_knowledge
from muscle_twitch.skill.handlers.reminder_permission import (
    SKILL_NAME,
    PermissionWording,
    ask_for_permission,
    respond,
    statement_for_result,
)
from muscle_twitch.speech import Voice

if TYPE_CHECKING:
    from muscle_twitch.skill.reminders import ReminderText


@cache
def forbidden_phrases(knowledge: Knowledge) -> tuple[str, ...]:
    """Every name and synonym of a body area, symptom, trigger or medicine, in every locale's
    language package (compiled by `make model`: language/build.py health_words)."""
    return tuple(data.load("health_words"))


def wording_for(locale: str | None) -> tuple[PermissionWording, ReminderText]:
    """The permission flow's wording and the reminder's text in `locale` (None: shared English),
    from the prompt tables' [reminders] section, the only place they are written."""
    from muscle_twitch.skill.reminders import ReminderText

    voice = Voice(load_knowledge(), locale)
    prompts, watch = voice.prompts, voice.results.watch
    names = PermissionWording._fields
    wording = PermissionWording.from_mapping({name: prompts.text(f"reminders.{name}", watch=watch) for name in names})
    text = ReminderText(prompts.text("reminders.spoken"), prompts.text("reminders.written"))
    return wording, text


def localised(handler_input: HandlerInput) -> tuple[PermissionWording, ReminderText]:
    """The permission flow's wording and the reminder's text in the request's locale."""
    locale = getattr(handler_input.request_envelope.request, "locale", None)
    return wording_for(locale if isinstance(locale, str) else None)


def set_check_in(handler_input: HandlerInput, days: int) -> Response:
    """The person said yes to the reminder: create it, or ask for the permission first."""
    from muscle_twitch.skill.reminders import ReminderResult, schedule_check_in

    wording, text = localised(handler_input)
    result = schedule_check_in(
        handler_input,
        days=days,
        skill_name=SKILL_NAME,
        text=text,
        forbidden_phrases=forbidden_phrases(load_knowledge()),
    )
    if result is ReminderResult.NEEDS_PERMISSION:
        return ask_for_permission(handler_input, days=days, wording=wording)
    return respond(handler_input, statement_for_result(result, days, wording))
