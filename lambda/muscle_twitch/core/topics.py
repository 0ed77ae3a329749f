"""Answers to the person's own questions (data/answers.toml): which answer, in which variant, and
what it is filled with, decided from the interview so far. The words are in the language packages
(answers.<id>.<variant>); nothing here is said.

A variant follows the result the person has heard: after a doctor result the answer says why a
doctor should look and how soon, never that all is well; before any result, the general answer.
What the skill matched to the person's own words (likely everyday causes, tailored tips, the
reasons of a result) fills the answer; serious causes never do.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple

from muscle_twitch import data
from muscle_twitch.core.interview import Step, Topic
from muscle_twitch.core.knowledge import KnowledgeError
from muscle_twitch.core.levels import Level

VARIANTS = ("general", "self_care", "book_appointment", "doctor_soon")
DOCTOR_LEVELS = (Level.DOCTOR_SOON, Level.BOOK_APPOINTMENT)
KEYED_BY = ("trigger", "causes", "tips")
NONE_KEY = "none"
OTHER_KEY = "other"
# The key of a trigger_link answer about a medicine asked about as a cause ("could my adderall be
# causing this?": answers.toml's [trigger_link.medicine]).
MEDICINE_KEY = "medicine"
# "Why do you ask?" is about the question on the table: its words are the question's own.
WHY_ASK = "why_ask"


class AnswerSpec(NamedTuple):
    id: str
    sources: tuple[str, ...]
    variants: tuple[str, ...]
    keyed_by: str  # "" or one of KEYED_BY
    keys: tuple[str, ...]
    card_source: str


class Choice(NamedTuple):
    """Which words answer a question: answers.<answer>.<table> in the prompts."""

    answer: str
    table: str  # a variant or a key
    level: Level | None  # the level of the result heard, if any (for {when} and {reasons})
    key: str  # what the person asked about (their word for a disease, a trigger id), if anything


def parse_answers(raw: Mapping[str, Any]) -> dict[str, AnswerSpec]:
    sources = raw.get("sources")
    if not isinstance(sources, dict) or not sources:
        raise KnowledgeError("answers: [sources] must be a non-empty table")
    specs: dict[str, AnswerSpec] = {}
    for entry in raw.get("answer", []):
        label = f"answer '{entry.get('id')}'"
        cited = tuple(entry.get("sources", ()))
        if not cited or any(s not in sources for s in cited):
            raise KnowledgeError(f"{label}: sources must name at least one key of [sources]")
        variants = tuple(entry.get("variants", ()))
        if "general" not in variants or any(v not in VARIANTS for v in variants):
            raise KnowledgeError(f"{label}: variants must include 'general' and only {VARIANTS}")
        keyed_by = entry.get("keyed_by", "")
        if keyed_by and keyed_by not in KEYED_BY:
            raise KnowledgeError(f"{label}: keyed_by must be one of {KEYED_BY}")
        specs[entry["id"]] = AnswerSpec(
            entry["id"], cited, variants, keyed_by, tuple(entry.get("keys", ())), entry.get("card_source", "")
        )
    return specs


@cache
def load_answers() -> dict[str, AnswerSpec]:
    return parse_answers(data.load("answers"))


def result_level(step: Step) -> Level | None:
    """The level of the result the person has heard, if the interview reached one."""
    if step.kind == "result" or (step.interview.offer and step.interview.offer != "check"):
        return step.assessment.level
    return None


def choose(topic: Topic, step: Step, answers: Mapping[str, AnswerSpec] | None = None) -> Choice | None:
    """The answer to `topic` at this point of the conversation (None when it has no answer:
    after an emergency result, only the instruction to call is said)."""
    answers = answers if answers is not None else load_answers()
    spec = answers.get(topic.id)
    level = result_level(step)
    if spec is None or level is Level.EMERGENCY:
        return None
    if level in DOCTOR_LEVELS and level.value in spec.variants:
        return Choice(spec.id, level.value, level, topic.key)
    key = _key(spec, topic, step)
    if key:
        return Choice(spec.id, key, level, topic.key)
    if level is Level.SELF_CARE and "self_care" in spec.variants:
        return Choice(spec.id, "self_care", level, topic.key)
    return Choice(spec.id, "general", level, topic.key)


def _key(spec: AnswerSpec, topic: Topic, step: Step) -> str:
    if spec.keyed_by == "trigger":
        return topic.key if topic.key in spec.keys else OTHER_KEY
    outcome = step.outcome
    if spec.keyed_by == "causes" and not (outcome and outcome.causes):
        # "Why is my eye twitching?" with nothing else said: what usually lies behind a twitch
        # there, when the answer has words for that place.
        areas = step.interview.answers.value("areas") or ()
        return areas[0] if len(areas) == 1 and areas[0] in spec.keys else NONE_KEY
    if spec.keyed_by == "tips" and not (outcome and outcome.tips):
        return NONE_KEY
    return ""
