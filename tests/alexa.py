"""Test helpers: load request fixtures, drive `lambda_handler`, read responses like a person would."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lambda_function import lambda_handler

FIXTURES = Path(__file__).parent / "fixtures" / "requests"


@cache
def _fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))


def request(
    name: str, *, attributes: dict[str, Any] | None = None, locale: str | None = None, new: bool | None = None
) -> dict[str, Any]:
    """A fresh copy of fixture `name`, with session attributes / locale / new-session set."""
    event = copy.deepcopy(_fixture(name))
    if attributes is not None:
        event["session"]["attributes"] = copy.deepcopy(attributes)
    if locale is not None:
        event["request"]["locale"] = locale
    if new is not None:
        event["session"]["new"] = new
    return event


def state(
    asking: str | None = None, *, tries: int = 0, asked: int = 1, offer: str = "", **values: Any
) -> dict[str, Any]:
    """Session attributes for an interview asking `asking` with `values` known (question id ->
    value, as the core keeps them), written by the core itself, never by hand."""
    from muscle_twitch.core.answers import Answers
    from muscle_twitch.core.interview import Interview

    answers = Answers({q: tuple(v) if isinstance(v, list) else v for q, v in values.items()})
    return {"interview": Interview(answers, asking, tries, asked, -1, offer).to_dict()}


@cache
def _voice(locale: str) -> Any:
    from muscle_twitch.core.knowledge import load_knowledge
    from muscle_twitch.speech import Voice

    return Voice(load_knowledge(), locale)


def _pattern(text: str) -> re.Pattern[str]:
    """A prompt as a pattern: its placeholders match any words."""
    parts = re.split(r"\{\w+\}", text)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.IGNORECASE)


def question_of(reprompt: str, locale: str = "en-US") -> str | None:
    """The question being asked, known by its reprompt (each question's is its own)."""
    if not reprompt:
        return None
    voice = _voice(locale)
    for question in voice.knowledge.questions:
        if voice.questions.reprompt(question.id) == reprompt:
            return str(question.id)
    for offer in ("doctor_summary", "reminder"):
        if voice.results.offer_reprompt(offer) == reprompt:
            return f"offer:{offer}"
    return None


def level_of(speech: str, locale: str = "en-US") -> str | None:
    """The result level the person heard, known by its spoken next step."""
    voice = _voice(locale)
    for level in ("emergency", "doctor_soon", "book_appointment", "self_care"):
        if _pattern(voice.prompts.fill(voice.prompts.raw(f"result.{level}"))).search(speech):
            return level
    return None


@dataclass(frozen=True)
class Heard:
    """A response, read the way a person experiences it."""

    body: dict[str, Any]
    locale: str = "en-US"

    @property
    def response(self) -> dict[str, Any]:
        return self.body.get("response", {})

    @property
    def speech(self) -> str:
        return plain(self.response.get("outputSpeech"))

    @property
    def reprompt(self) -> str:
        return plain((self.response.get("reprompt") or {}).get("outputSpeech"))

    @property
    def card(self) -> str:
        return (self.response.get("card") or {}).get("content", "")

    @property
    def card_title(self) -> str:
        return (self.response.get("card") or {}).get("title", "")

    @property
    def ended(self) -> bool:
        return bool(self.response.get("shouldEndSession"))

    @property
    def attributes(self) -> dict[str, Any]:
        return self.body.get("sessionAttributes") or {}

    @property
    def directives(self) -> list[dict[str, Any]]:
        return self.response.get("directives") or []

    @property
    def question(self) -> str | None:
        return question_of(self.reprompt, self.locale)

    @property
    def level(self) -> str | None:
        return level_of(self.speech, self.locale)

    @property
    def words(self) -> int:
        return len(self.speech.split())


def plain(speech: dict[str, Any] | None) -> str:
    if not speech:
        return ""
    text = speech.get("ssml") or speech.get("text") or ""
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").strip()


def send(event: dict[str, Any]) -> Heard:
    request_part = event.get("request") if isinstance(event, dict) else None
    locale = request_part.get("locale") if isinstance(request_part, dict) else None
    return Heard(lambda_handler(event, None), locale if isinstance(locale, str) else "en-US")


def say(name: str, after: Heard | None = None, **kwargs: Any) -> Heard:
    """Sends fixture `name` in the session that `after` left (a new session when None)."""
    attributes = after.attributes if after is not None else kwargs.pop("attributes", None)
    return send(request(name, attributes=attributes, **kwargs))


def _resolved_value(slot_name: str, value: str) -> dict[str, Any]:
    from muscle_twitch.core.knowledge import load_knowledge
    from muscle_twitch.skill.slots import TERM_SLOTS

    entry: dict[str, Any] = {"type": "Simple", "value": value}
    kind = TERM_SLOTS.get(slot_name)
    if kind is None:  # a built-in type (AMAZON.DURATION): no resolutions
        return entry
    value_id = load_knowledge().resolve(kind, value)
    authority = f"amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.{kind.upper()}"
    status = {"code": "ER_SUCCESS_MATCH" if value_id else "ER_SUCCESS_NO_MATCH"}
    resolution: dict[str, Any] = {"authority": authority, "status": status}
    if value_id:
        resolution["values"] = [{"value": {"name": value, "id": value_id}}]
    entry["resolutions"] = {"resolutionsPerAuthority": [resolution]}
    return entry


def intent_event(name: str, slots: dict[str, str | list[str]] | None = None, **kwargs: Any) -> dict[str, Any]:
    """An IntentRequest as Alexa would send it: slot values with entity resolution from the cause
    table (a list becomes a multi-value slot)."""
    event = request("yes", **kwargs)
    built: dict[str, Any] = {}
    for slot_name, value in (slots or {}).items():
        slot: dict[str, Any] = {"name": slot_name, "confirmationStatus": "NONE"}
        if isinstance(value, list):
            slot["slotValue"] = {"type": "List", "values": [_resolved_value(slot_name, v) for v in value]}
        else:
            simple = _resolved_value(slot_name, value)
            slot["value"] = value
            if "resolutions" in simple:
                slot["resolutions"] = simple["resolutions"]
            slot["slotValue"] = simple
        built[slot_name] = slot
    event["request"]["intent"] = {"name": name, "confirmationStatus": "NONE", "slots": built}
    return event
