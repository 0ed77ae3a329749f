"""The README's walkthrough "Adding a question", done on copies of the tables: one row in
questions.toml and its prompts, and the interview asks it exactly when its condition holds.
No code changes: if this needs one, the house has a special case again."""

import copy
import tomllib
from importlib import resources
from typing import Any

from muscle_twitch import data
from muscle_twitch.core.interview import Evidence, Heard, advance, start
from muscle_twitch.core.knowledge import Knowledge, parse_knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.speech import Voice

# The new row, as the README shows it: a yes/no follow-up for eyelid twitches only.
NEW_QUESTION = {
    "id": "eyelid_vision",
    "answer": "yes_no",
    "ask_when": {"areas_any": ["eyelid"]},
    "optional": True,
    "choices": ["yes", "no", "unsure"],
    "on_card": True,
    "source": "mayo",
}
NEW_PROMPTS = {
    "ask": ["Does the twitch make it hard to see?"],
    "reprompt": "Say [yes] or [no]. Does it make it hard to see?",
    "rephrase": "Is your sight affected when it twitches?",
    "examples": "Please say [yes], [no], or [not sure]. Is it hard to see?",
    "help": "I'm asking whether the twitch gets in the way of seeing. Does it? Say [yes] or [no].",
    "why": "A doctor will want to know whether your sight is affected.",
}


def raw(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("muscle_twitch.data").joinpath(f"{name}.toml").read_text("utf-8"))


def tables() -> tuple[Knowledge, dict[str, Any]]:
    questions = raw("questions")
    position = next(i for i, q in enumerate(questions["question"]) if q["id"] == "areas") + 1
    questions["question"].insert(position, NEW_QUESTION)
    prompts = copy.deepcopy(data.load("prompts.en"))
    prompts["questions"]["eyelid_vision"] = NEW_PROMPTS
    prompts["card"]["rows"]["eyelid_vision"] = "Sight affected"
    return parse_knowledge(raw("knowledge"), questions), prompts


def asked(knowledge: Knowledge, area: str) -> list[str]:
    step = start(knowledge)
    questions = [step.ask.question] if step.ask else []
    for evidence in (Evidence(reply="no"), Evidence(terms=(Heard("body_area", area),))):
        step = advance(step.interview, evidence, knowledge)
        questions.append(step.ask.question if step.ask else "")
    return questions


def test_a_new_row_is_asked_when_its_condition_holds_and_only_then() -> None:
    knowledge, _ = tables()
    assert asked(knowledge, "eyelid") == ["emergency", "areas", "eyelid_vision"]
    assert asked(knowledge, "calf") == ["emergency", "areas", "symptoms"]


def test_the_new_question_speaks_its_prompts_and_changes_no_level() -> None:
    knowledge, prompts = tables()
    voice = Voice(knowledge, "en-US", prompts)
    step = start(knowledge)
    step = advance(step.interview, Evidence(reply="no"), knowledge)
    step = advance(step.interview, Evidence(terms=(Heard("body_area", "eyelid"),)), knowledge)
    reply = voice.step(step)
    assert reply.speech.endswith("Does the twitch make it hard to see?")
    assert reply.reprompt == "Say yes or no. Does it make it hard to see?"
    after = advance(step.interview, Evidence(reply="yes"), knowledge)
    assert after.interview.answers.value("eyelid_vision") == "yes"
    assert after.assessment.level is Level.SELF_CARE
