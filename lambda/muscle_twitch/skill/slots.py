"""Turns one IntentRequest into core Evidence: the words of every slot go to the skill's reader.

Alexa fills the slot the skill elicited with what the person said (often the whole answer), and
passes the words it heard even when entity resolution found no value (ER_SUCCESS_NO_MATCH). Every
value is read, never only its resolved id: "yes, my muscles feel weak" is a yes and a weakness.
A slot may be missing, empty, carry several values (slotValue.values) or none; older clients send
only `value`. The question intents (AskDiseaseIntent, ...) carry the person's question in their
name and the thing asked about in a slot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from muscle_twitch.core.interview import Evidence, Heard, Interview, Topic
from muscle_twitch.core.knowledge import Knowledge
from muscle_twitch.core.topics import MEDICINE_KEY
from muscle_twitch.language.context import Context
from muscle_twitch.speech.answers import is_disease_word

# Slot name -> the term kind its values name, for the ids entity resolution matched (the exact
# figure of `make nlu` reads only these). Every custom slot's words also go to the reader.
TERM_SLOTS = {
    "areas": "body_area",
    "symptoms": "symptom",
    "triggers": "trigger",
    "medicines": "medicine",
    "frequency": "frequency",
    "twitch_length": "twitch_length",
    "onset": "onset",
}
REPLY_INTENTS = {"AMAZON.YesIntent": "yes", "AMAZON.NoIntent": "no"}
# The intent every question is asked on (the dialog model elicits one of its slots per question),
# and the slot of yes/no questions and offers.
ANSWER_INTENT = "AnswerIntent"
TELL_INTENT = "TellIntent"
# A question of the person's own in words no question intent lists: the words after its first word,
# in a slot named for that word ("after_will": "it ever go away"); TellIntent does the same for a
# story that starts with who it is about ("after_he": "keeps dropping his cup").
OPEN_QUESTION_INTENT = "AskQuestionIntent"
OPENER_SLOT_PREFIX = "after_"
REPLY_SLOT = "reply"
SLOT_OF_KIND = {kind: slot for slot, kind in TERM_SLOTS.items()}
# The question intents of the model: the topic of answers.toml each one asks.
QUESTION_PREFIX = "Ask"
QUESTION_INTENTS = {
    "AskSeriousIntent": "serious",
    "AskDiseaseIntent": "disease",
    "AskCausesIntent": "causes",
    "AskMyCauseIntent": "my_cause",
    "AskWhatToDoIntent": "what_to_do",
    "AskHowLongIntent": "how_long",
    "AskWhenDoctorIntent": "when_doctor",
    "AskDoctorVisitIntent": "doctor_visit",
    "AskTreatmentsIntent": "treatments",
    "AskTriggerLinkIntent": "trigger_link",
    "AskSupplementsIntent": "supplements",
    "AskEyelidIntent": "eyelid_normal",
    "AskFamilyIntent": "family",
    "AskTellDoctorIntent": "tell_doctor",
}
# A slot's words longer than this are not an answer (Alexa's own values are far shorter).
_MAX_VALUE_CHARS = 300


def elicited_slot(interview: Interview, knowledge: Knowledge) -> str:
    """The slot of AnswerIntent the question on the table is asked on."""
    if interview.asking:
        kind = knowledge.question(interview.asking).kind
        return SLOT_OF_KIND.get(kind or "", REPLY_SLOT)
    return REPLY_SLOT


def _get(obj: Any, name: str) -> Any:
    return getattr(obj, name, None)


def ids_from_resolutions(resolutions: Any) -> list[str]:
    """The ids entity resolution matched (ER_SUCCESS_MATCH): values the model itself lists."""
    ids: list[str] = []
    for authority in _get(resolutions, "resolutions_per_authority") or []:
        status = _get(_get(authority, "status"), "code")
        if _get(status, "value") != "ER_SUCCESS_MATCH" and status != "ER_SUCCESS_MATCH":
            continue
        for wrapper in _get(authority, "values") or []:
            value_id = _get(_get(wrapper, "value"), "id")
            if isinstance(value_id, str):
                ids.append(value_id)
    return ids


def slot_values(slot: Any) -> list[tuple[str, Any]]:
    """(words, resolutions) of each value a slot carries, reading slotValue when present."""
    slot_value = _get(slot, "slot_value")
    if slot_value is not None and _get(slot_value, "values"):
        pairs = [(_get(v, "value"), _get(v, "resolutions")) for v in _get(slot_value, "values")]
    elif slot_value is not None and _get(slot_value, "value") is not None:
        pairs = [(_get(slot_value, "value"), _get(slot_value, "resolutions"))]
    else:
        pairs = [(_get(slot, "value"), _get(slot, "resolutions"))]
    return [(v.strip(), r) for v, r in pairs if isinstance(v, str) and v.strip() and len(v) <= _MAX_VALUE_CHARS]


def slot_items(slots: Any) -> Iterable[tuple[str, Any]]:
    """(name, slot) of an intent's slots, skipping anything that is not one."""
    if not isinstance(slots, dict):
        return []
    return [(k, v) for k, v in slots.items() if isinstance(k, str) and v is not None]


def resolved_evidence(intent_name: str, slots: Any, knowledge: Knowledge) -> Evidence:
    """Only what entity resolution matched, as Alexa sent it: the `make nlu` exact figure."""
    terms: list[Heard] = []
    reply = REPLY_INTENTS.get(intent_name)
    for name, slot in slot_items(slots):
        for words, resolutions in slot_values(slot):
            ids = ids_from_resolutions(resolutions)
            if name == "reply" and ids and ids[0] in ("yes", "no", "unsure"):
                reply = reply or ids[0]
            kind = TERM_SLOTS.get(name)
            found = next((i for i in ids if kind and i in knowledge.terms[kind]), None)
            if kind and found:
                terms.append(Heard(kind, found, words))
    topic = QUESTION_INTENTS.get(intent_name)
    return Evidence(terms=tuple(terms), reply=reply, topics=(Topic(topic),) if topic else ())


def evidence_from(
    intent_name: str, slots: Any, knowledge: Knowledge, today: dt.date, *, locale: str | None, context: Context
) -> Evidence:
    """Everything an intent carries, read by the skill's reader in the request's locale."""
    from muscle_twitch.language.reader import read  # only a request with words needs the reader

    context = context._replace(today=today)
    texts = [
        _with_opener(intent_name, name, words) for name, slot in slot_items(slots) for words, _ in slot_values(slot)
    ]
    readings = [read(text, knowledge, locale, context) for text in texts]
    evidence = merge(readings)
    reply = REPLY_INTENTS.get(intent_name)
    if reply and evidence.reply is None:
        evidence = evidence._replace(reply=reply)
    topic = QUESTION_INTENTS.get(intent_name)
    if topic == "disease":
        if texts and not any(is_disease_word(text, locale) for text in texts) and _things_asked(evidence):
            topic = "trigger_link"  # "could it be from stress?", "could it be her new tablets?"
        else:
            # "Is it MS?" asks about a disease; it does not say they have it.
            evidence = evidence._replace(terms=tuple(h for h in evidence.terms if h.kind != "medicine"))
    if topic and not any(t.id == topic for t in evidence.topics):
        key = next((t.key for t in evidence.topics if t.key), "") or _key_of(topic, evidence, texts, locale)
        evidence = evidence._replace(topics=(Topic(topic, key), *evidence.topics))
    if topic == "trigger_link":
        # "Can energy drinks cause this?" asks about them; it does not say they are drunk.
        evidence = evidence._replace(terms=tuple(h for h in evidence.terms if h not in _things_asked(evidence)))
    return evidence


def _things_asked(evidence: Evidence) -> tuple[Heard, ...]:
    """What a question about a cause names: a trigger or a medicine."""
    return tuple(h for h in evidence.terms if h.kind in ("trigger", "medicine"))


def _with_opener(intent_name: str, slot_name: str, words: str) -> str:
    """The sentence whole again: "after_will" holding "it ever go away" is "will it ever go away",
    "after_he" holding "keeps dropping his cup" is "he keeps dropping his cup"."""
    if intent_name not in (OPEN_QUESTION_INTENT, TELL_INTENT) or not slot_name.startswith(OPENER_SLOT_PREFIX):
        return words
    return f"{slot_name.removeprefix(OPENER_SLOT_PREFIX).replace('_', ' ')} {words}"


def _key_of(topic: str, evidence: Evidence, texts: list[str], locale: str | None) -> str:
    """What a question intent asked about: the disease as said, or the trigger heard."""
    if topic == "disease":
        return texts[0] if texts else ""
    if topic == "trigger_link":
        from muscle_twitch.language.reader import key_asked_about

        keyed = next((key for text in texts if (key := key_asked_about(text, locale))), "")
        asked = _things_asked(evidence)
        trigger = next((h.id for h in asked if h.kind == "trigger"), "")
        return keyed or trigger or (MEDICINE_KEY if asked else "")
    return ""


def says_twitching(words: str, locale: str | None) -> bool:
    """The words name the twitching itself ("muscle twitching", "my leg keeps jumping"): a phrase
    of the reader's twitch words, which on their own give the reader nothing to keep."""
    # The language data is read only when words are: a LaunchRequest never imports it.
    from muscle_twitch.language.lexicon import load_lexicon
    from muscle_twitch.language.tokens import tokenize

    stems = [token.stem for token in tokenize(words)]
    lexicon = load_lexicon(locale)
    return any(lexicon.has("twitch_words", stems, start) for start in range(len(stems)))


def merge(readings: list[Evidence]) -> Evidence:
    """Several slots' readings as one: every term, the first of each single value."""
    if not readings:
        return Evidence()
    if len(readings) == 1:
        return readings[0]
    first = readings[0]
    fields: dict[str, Any] = {}
    for name in Evidence._fields:
        values = [getattr(r, name) for r in readings]
        if isinstance(getattr(first, name), tuple):
            fields[name] = tuple(dict.fromkeys(v for value in values for v in value))
        else:
            fields[name] = next((v for v in values if v is not None), None)
    return Evidence(**fields)
