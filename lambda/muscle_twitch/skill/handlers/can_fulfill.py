"""Name-free interaction (CanFulfillIntentRequest): before anyone names the skill ("Alexa, could
muscle twitching be ALS?"), Alexa asks whether this skill can take an intent with the slots it
heard. The answer comes from the request alone, read by the skill's own reader, and changes
nothing: the request has no session, starts no interview, counts as no visit, stores nothing and
says nothing (the manifest declares CAN_FULFILL_INTENT_REQUEST; docs/nlu.md).

- YES: a question intent (Ask...Intent) or TellIntent whose words are about twitching: a value
  the model lists for the slot (entity resolution matched), a disease the reader knows, or words
  the reader understands (a place, a symptom, a trigger, a medicine, a question of the person's
  own, or the twitching itself). A question intent without words ("is it serious?") is a
  question the skill answers.
- MAYBE: the words are unclear: the reader hears only a time ("for a week"), or some values of a
  slot are understood and others not; TellIntent with no words at all.
- NO: any other intent (AnswerIntent and the built-ins belong to a conversation under way,
  another skill's intents are not ours), or words about something else ("my car won't start").

Per slot that carries words: canUnderstand YES, MAYBE or NO as above; canFulfill YES when the
words are understood at all (the interview asks for the rest), NO when they are not.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, NamedTuple

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response, Slot

from muscle_twitch.core.interview import Evidence
from muscle_twitch.core.knowledge import Knowledge, load_knowledge
from muscle_twitch.language.context import Context
from muscle_twitch.skill import profile
from muscle_twitch.skill.slots import (
    OPEN_QUESTION_INTENT,
    QUESTION_INTENTS,
    TELL_INTENT,
    evidence_from,
    ids_from_resolutions,
    says_twitching,
    slot_items,
    slot_values,
)
from muscle_twitch.speech.answers import is_disease_word

log = logging.getLogger(__name__)

CAN_FULFILL_REQUEST = "CanFulfillIntentRequest"
# The intents a person may say without naming the skill: their own questions and their story.
NAME_FREE_INTENTS = frozenset({TELL_INTENT, OPEN_QUESTION_INTENT, *QUESTION_INTENTS})
# Intents whose words alone say what is asked: judged by those words, with nothing of their own.
WORDS_ONLY_INTENTS = frozenset({TELL_INTENT, OPEN_QUESTION_INTENT})
DISEASE_INTENT = "AskDiseaseIntent"
YES, NO, MAYBE = "YES", "NO", "MAYBE"


class Verdict(NamedTuple):
    """The answer to one CanFulfillIntentRequest."""

    can_fulfill: str  # YES, NO or MAYBE
    slots: dict[str, tuple[str, str]]  # slot name -> (canUnderstand, canFulfill)


def verdict(intent_name: str | None, slots: Any, knowledge: Knowledge, today: dt.date, locale: str | None) -> Verdict:
    """Whether the skill can take `intent_name` with `slots` (the SDK's Slot objects by name)."""
    heard = {name: slot for name, slot in slot_items(slots) if slot_values(slot)}
    if intent_name not in NAME_FREE_INTENTS:
        return Verdict(NO, {name: (NO, NO) for name in heard})
    understood = {name: _understood(intent_name, name, slot, knowledge, today, locale) for name, slot in heard.items()}
    judged = {name: (level, NO if level == NO else YES) for name, level in understood.items()}
    levels = set(understood.values())
    if not levels:
        return Verdict(MAYBE if intent_name in WORDS_ONLY_INTENTS else YES, judged)
    if NO in levels:
        return Verdict(NO, judged)
    return Verdict(MAYBE if MAYBE in levels else YES, judged)


def _understood(
    intent_name: str, name: str, slot: Any, knowledge: Knowledge, today: dt.date, locale: str | None
) -> str:
    """YES when every value of the slot is about twitching, NO when none is, MAYBE otherwise."""
    levels = {
        _value(intent_name, name, words, resolutions, knowledge, today, locale)
        for words, resolutions in slot_values(slot)
    }
    return levels.pop() if len(levels) == 1 else MAYBE


def _value(
    intent_name: str, name: str, words: str, resolutions: Any, knowledge: Knowledge, today: dt.date, locale: str | None
) -> str:
    if ids_from_resolutions(resolutions):
        return YES  # a value (or synonym) the model lists for this skill's own slot type
    try:
        if intent_name == DISEASE_INTENT and is_disease_word(words, locale):
            return YES
        # The words alone, as a story or a question in other words (neither intent adds anything
        # of its own to a reading; AskQuestionIntent puts back the question's first word).
        reading_as = intent_name if intent_name in WORDS_ONLY_INTENTS else TELL_INTENT
        evidence = evidence_from(
            reading_as, {name: Slot(name=name, value=words)}, knowledge, today, locale=locale, context=Context()
        )
        return _about_twitching(evidence, words, locale)
    except Exception as error:  # a reading that fails must not become a spoken apology here
        log.warning("a CanFulfillIntentRequest slot could not be read (%s)", type(error).__name__)
        return NO


def _about_twitching(evidence: Evidence, words: str, locale: str | None) -> str:
    if evidence.terms or evidence.topics or evidence.implied or says_twitching(words, locale):
        return YES
    if any(value is not None for value in (evidence.duration_seconds, evidence.onset_days, evidence.twitch_seconds)):
        return MAYBE  # a time, but of what?
    return NO  # nothing, or only who it is about ("my dog"), a yes or a "repeat"


class CanFulfillHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type(CAN_FULFILL_REQUEST)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        from ask_sdk_model.canfulfill import (
            CanFulfillIntent,
            CanFulfillIntentValues,
            CanFulfillSlot,
            CanFulfillSlotValues,
            CanUnderstandSlotValues,
        )

        request = handler_input.request_envelope.request
        intent = getattr(request, "intent", None)
        name = getattr(intent, "name", None)
        locale = getattr(request, "locale", None)
        judged = verdict(
            name if isinstance(name, str) else None,
            getattr(intent, "slots", None),
            load_knowledge(),
            profile.request_day(handler_input),
            locale if isinstance(locale, str) else None,
        )
        slots = {
            slot: CanFulfillSlot(
                can_understand=CanUnderstandSlotValues(understand), can_fulfill=CanFulfillSlotValues(fulfill)
            )
            for slot, (understand, fulfill) in judged.slots.items()
        }
        answer = CanFulfillIntent(can_fulfill=CanFulfillIntentValues(judged.can_fulfill), slots=slots or None)
        return handler_input.response_builder.set_can_fulfill_intent(answer).response
