"""Test helpers: load request fixtures, build requests as Alexa sends them, drive `lambda_handler`,
read responses like a person would, and play whole interviews.

Requests are built from the generated interaction model, never from the skill's own code: every
question is elicited on one slot of the model's dialog intent (AnswerIntent), so Alexa passes the
person's whole answer in that slot, resolved (ER_SUCCESS_MATCH with the id) only when the words are
a value or synonym the model lists, and otherwise as the words alone (ER_SUCCESS_NO_MATCH).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lambda_function import lambda_handler

FIXTURES = Path(__file__).parent / "fixtures" / "requests"
MODELS = Path(__file__).resolve().parents[1] / "skill-package" / "interactionModels" / "custom"
# The locale of the fixtures, and of requests built without one.
LOCALE = "en-US"
# The entity-resolution authority Alexa names for a custom slot type ends with the type's name.
_AUTHORITY = "amzn1.er-authority.echo-sdk.amzn1.ask.skill.00000000-0000-0000-0000-000000000000"


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
    asking: str | None = None, *, tries: int = 0, asked: int | None = None, offer: str = "", **values: Any
) -> dict[str, Any]:
    """Session attributes for an interview with `asking` (a question id) or `offer` on the table and
    `values` known (question id -> value, as the core keeps them), written by the core itself,
    never by hand. `asked` defaults to one more than the questions answered."""
    from muscle_twitch.core.answers import Answers
    from muscle_twitch.core.interview import Interview

    answers = Answers({q: tuple(v) if isinstance(v, list) else v for q, v in values.items()})
    count = asked if asked is not None else len(values) + (1 if asking else 0)
    return {"interview": Interview(answers, asking, tries, count, -1, offer).to_dict()}


# ---------------------------------------------------------------- the generated model


@cache
def interaction_model(locale: str = LOCALE) -> dict[str, Any]:
    path = MODELS / f"{locale}.json"
    if not path.exists():  # a locale the skill does not ship hears the shared English model
        path = MODELS / f"{LOCALE}.json"
    return json.loads(path.read_text("utf-8"))["interactionModel"]


@cache
def model_intents(locale: str = LOCALE) -> dict[str, dict[str, Any]]:
    """Intent name -> the intent as the model defines it (samples, slots)."""
    return {intent["name"]: intent for intent in interaction_model(locale)["languageModel"]["intents"]}


@cache
def dialog_intent(locale: str = LOCALE) -> str:
    """The intent every question is elicited on: the one the dialog model delegates to the skill."""
    [intent] = [i["name"] for i in interaction_model(locale)["dialog"]["intents"]]
    return str(intent)


@cache
def _values(type_name: str, locale: str) -> dict[str, tuple[str, str]]:
    """Every listed value and synonym of a custom slot type, lowercased -> (id, value name)."""
    types = {t["name"]: t for t in interaction_model(locale)["languageModel"].get("types", [])}
    found: dict[str, tuple[str, str]] = {}
    for value in types.get(type_name, {}).get("values", []):
        name = value["name"]
        for phrase in (name["value"], *name.get("synonyms", [])):
            found.setdefault(phrase.lower(), (value.get("id") or name["value"], name["value"]))
    return found


def slot_type(intent: str, slot: str, locale: str = LOCALE) -> str | None:
    for defined in model_intents(locale).get(intent, {}).get("slots", []):
        if defined["name"] == slot:
            return str(defined["type"])
    return None


def value_name(type_name: str, value_id: str, locale: str = LOCALE) -> str:
    """The words the model lists for a value id of a custom type (a resolvable answer)."""
    for listed_id, name in _values(type_name, locale).values():
        if listed_id == value_id:
            return name
    raise KeyError(f"{type_name} lists no value {value_id!r}")


def answer_slot(question: str, locale: str = LOCALE) -> str:
    """The dialog intent's slot a question is elicited on: the slot named after the question, or the
    one slot named after none (yes/no questions and offers)."""
    from muscle_twitch.core.knowledge import load_knowledge

    intent = model_intents(locale)[dialog_intent(locale)]
    names = [s["name"] for s in intent["slots"]]
    if question in names:
        return question
    questions = {q.id for q in load_knowledge().questions}
    [reply] = [name for name in names if name not in questions]
    return str(reply)


def _resolutions(type_name: str | None, words: str, locale: str) -> dict[str, Any] | None:
    """Entity resolution as Alexa does it for a custom type: a listed value or synonym matches."""
    if type_name is None or type_name.startswith("AMAZON."):
        return None
    match = _values(type_name, locale).get(words.strip().lower())
    authority: dict[str, Any] = {"authority": f"{_AUTHORITY}.{type_name}"}
    if match is None:
        authority["status"] = {"code": "ER_SUCCESS_NO_MATCH"}
    else:
        authority["status"] = {"code": "ER_SUCCESS_MATCH"}
        authority["values"] = [{"value": {"name": match[1], "id": match[0]}}]
    return {"resolutionsPerAuthority": [authority]}


def _filled_slot(name: str, words: str | list[str], type_name: str | None, locale: str) -> dict[str, Any]:
    slot: dict[str, Any] = {"name": name, "confirmationStatus": "NONE", "source": "USER"}
    if isinstance(words, list):  # a multi-value slot (the skill reads slotValue.values)
        values = []
        for one in words:
            value: dict[str, Any] = {"type": "Simple", "value": one}
            resolutions = _resolutions(type_name, one, locale)
            if resolutions:
                value["resolutions"] = resolutions
            values.append(value)
        slot["slotValue"] = {"type": "List", "values": values}
        return slot
    slot["value"] = words
    simple: dict[str, Any] = {"type": "Simple", "value": words}
    resolutions = _resolutions(type_name, words, locale)
    if resolutions:
        slot["resolutions"] = resolutions
        simple["resolutions"] = copy.deepcopy(resolutions)
    slot["slotValue"] = simple
    return slot


def intent_event(
    name: str,
    slots: Mapping[str, str | list[str]] | None = None,
    *,
    attributes: dict[str, Any] | None = None,
    locale: str | None = None,
    new: bool | None = None,
) -> dict[str, Any]:
    """An IntentRequest as Alexa sends it: every slot the model defines for the intent (the empty
    ones with their name only), the given ones with the words and their entity resolution."""
    event = request("yes", attributes=attributes, locale=locale, new=new)
    model_locale = event["request"].get("locale") or LOCALE
    built: dict[str, Any] = {}
    for defined in model_intents(model_locale).get(name, {}).get("slots", []):
        built[defined["name"]] = {"name": defined["name"], "confirmationStatus": "NONE"}
    for slot_name, words in (slots or {}).items():
        built[slot_name] = _filled_slot(slot_name, words, slot_type(name, slot_name, model_locale), model_locale)
    intent: dict[str, Any] = {"name": name, "confirmationStatus": "NONE", "slots": built}
    event["request"]["intent"] = intent
    if name == dialog_intent(model_locale):
        event["request"]["dialogState"] = "IN_PROGRESS"  # the skill elicited the slot
    return event


def answer_event(
    words: str | list[str],
    *,
    after: Heard | None = None,
    attributes: dict[str, Any] | None = None,
    slot: str | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """The person's words as Alexa sends them after the skill elicited a slot: in the slot the
    response `after` elicited (or the slot of the question `attributes` has on the table)."""
    if after is not None:
        attributes = after.attributes
        slot = slot or after.elicited
    if slot is None:
        asking = ((attributes or {}).get("interview") or {}).get("asking")
        slot = answer_slot(asking if isinstance(asking, str) else "")
    locale = kwargs.get("locale") or LOCALE
    return intent_event(dialog_intent(locale), {slot: words}, attributes=attributes, **kwargs)


# ---------------------------------------------------------------- responses


@cache
def _voice(locale: str) -> Any:
    from muscle_twitch.core.knowledge import load_knowledge
    from muscle_twitch.speech import Voice

    return Voice(load_knowledge(), locale)


def _pattern(text: str) -> re.Pattern[str]:
    """A prompt as a pattern: its placeholders match any words."""
    parts = re.split(r"\{\w+\}", text)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.IGNORECASE)


def offers() -> tuple[str, ...]:
    """Every offer the skill makes: after each level's result, and the check before an interview."""
    from muscle_twitch.core.interview import CHECK_OFFER
    from muscle_twitch.core.knowledge import load_knowledge

    return (*dict.fromkeys(o for o in load_knowledge().offers.values() if o), CHECK_OFFER)


def question_of(reprompt: str, locale: str = LOCALE) -> str | None:
    """The question being asked, known by its reprompt (each question's is its own)."""
    if not reprompt:
        return None
    voice = _voice(locale)
    for question in voice.knowledge.questions:
        if voice.questions.reprompt(question.id) == reprompt:
            return str(question.id)
    for offer in offers():
        if voice.results.offer_reprompt(offer) == reprompt:
            return f"offer:{offer}"
    return None


def level_of(speech: str, locale: str = LOCALE) -> str | None:
    """The result level the person heard, known by its spoken next step (its placeholders, the
    care words and "your" or "their", match any words)."""
    voice = _voice(locale)
    for level in ("emergency", "doctor_soon", "book_appointment", "self_care"):
        if _pattern(voice.prompts.raw(f"result.{level}")).search(speech):
            return level
    return None


@dataclass(frozen=True)
class Heard:
    """A response, read the way a person experiences it."""

    body: dict[str, Any]
    locale: str = LOCALE

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
    def elicited(self) -> str | None:
        """The slot the response elicits (Dialog.ElicitSlot): where Alexa puts the next answer."""
        for directive in self.directives:
            if directive.get("type") == "Dialog.ElicitSlot":
                return directive.get("slotToElicit")
        return None

    @property
    def question(self) -> str | None:
        """The question asked, known by the reprompt the person would hear."""
        return question_of(self.reprompt, self.locale)

    @property
    def on_the_table(self) -> str | None:
        """What waits for an answer, as the session attributes say: a question id, or
        "offer:<offer>"; None when nothing does."""
        interview = self.attributes.get("interview") or {}
        if interview.get("asking"):
            return str(interview["asking"])
        if interview.get("offer"):
            return f"offer:{interview['offer']}"
        return None

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


def send(event: Any) -> Heard:
    request_part = event.get("request") if isinstance(event, dict) else None
    locale = request_part.get("locale") if isinstance(request_part, dict) else None
    return Heard(lambda_handler(event, None), locale if isinstance(locale, str) else LOCALE)


def say(name: str, after: Heard | None = None, **kwargs: Any) -> Heard:
    """Sends fixture `name` in the session that `after` left (a new session when None)."""
    attributes = after.attributes if after is not None else kwargs.pop("attributes", None)
    return send(request(name, attributes=attributes, **kwargs))


def answer(words: str | list[str], after: Heard | None = None, **kwargs: Any) -> Heard:
    """Says `words` as the answer to what `after` asked (or to the question in `attributes`)."""
    return send(answer_event(words, after=after, **kwargs))


# ---------------------------------------------------------------- whole interviews

# The place a plain interview names: a limb, so the general follow-ups are asked (the eyelid has
# its own), and one that no rule makes a reason for a doctor on its own.
PLAIN_AREA = "calf"


def plain_words(question_id: str, locale: str = LOCALE) -> str:
    """A plain answer of the question's type, in words the model lists: no to a yes/no question or
    a list that may be empty, the plain place, or the first answer the question offers on screen."""
    from muscle_twitch.core.knowledge import load_knowledge

    knowledge = load_knowledge()
    question = knowledge.question(question_id)
    slot = answer_slot(question_id, locale)
    type_name = slot_type(dialog_intent(locale), slot, locale) or ""
    if question.answer == "yes_no" or (question.answer == "terms" and question.no_is_none):
        reply_type = slot_type(dialog_intent(locale), answer_slot("", locale), locale) or ""
        return value_name(reply_type, "no", locale)
    if question.kind == "body_area":
        return value_name(type_name, PLAIN_AREA, locale)
    first = next(c for c in question.choices if c in knowledge.terms.get(question.kind or "", {}))
    return value_name(type_name, first, locale)


def play(
    answers: Mapping[str, str | Mapping[str, str]] | None = None,
    *,
    until: Callable[[Heard], bool] = lambda heard: heard.ended,
    opening: dict[str, Any] | None = None,
    limit: int = 40,
    locale: str = LOCALE,
    screen: Callable[[dict[str, Any]], dict[str, Any]] = lambda event: event,
) -> tuple[Heard, list[str]]:
    """An interview from launch (or the `opening` request) where `answers` (question id or
    "offer:<offer>" -> words) answer what they name and every other question gets its plain answer,
    said in the slot the skill elicited, until `until` holds or the session ends. Words given as
    slot -> words fill several slots in one turn (a person answering ahead). Returns the last
    response and what was on the table, turn by turn. `screen` dresses each request (a device)."""
    answers = answers or {}
    heard = send(screen(opening or request("launch", locale=locale, new=True)))
    tables: list[str] = []
    for _ in range(limit):
        table = heard.on_the_table
        if table is not None:
            tables.append(table)
        if until(heard) or heard.ended or table is None:
            return heard, tables
        if table in answers:
            words = answers[table]
        elif table.startswith("offer:"):
            words = "no"
        else:
            words = plain_words(table, locale)
        if isinstance(words, Mapping):
            event = intent_event(dialog_intent(locale), dict(words), attributes=heard.attributes, locale=locale)
        else:
            event = answer_event(words, after=heard, locale=locale, new=False)
        heard = send(screen(event))
    raise AssertionError(f"no end after {limit} turns: {tables}")


def asking(question: str) -> Callable[[Heard], bool]:
    """`until` for play: the question (or "offer:<offer>") is on the table."""
    return lambda heard: heard.on_the_table == question and not heard.ended
