"""The example answers the skill suggests in its own prompts ("say [yes], [no] or [not sure]",
"for example [my eyelid]"), read from the prompt tables, and whether a locale's model understands
each with the meaning the prompt implies (issue 20). Judged with the scorer's own helpers (the skill's
figure: said at the question's elicited slot, read by the skill's reader), so an example counts as
understood exactly when a corpus line would.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.language.build import PACKAGES, SHARED, packaged
from tests.nlu.score import Heard, answer_to, hear

_EXAMPLE = re.compile(r"\[([^\[\]]+)\]")
# What an example that is itself a reply means.
_REPLIES = {"yes": "yes", "no": "no", "nothing": "no", "not sure": "unsure", "i'm not sure": "unsure"}


@dataclass(frozen=True)
class Example:
    locale: str  # "en" for the shared table, else the locale whose table says it
    key: str  # where it is said, e.g. "questions.onset.reprompt"
    question: str  # a question id, or "offer"
    text: str

    @property
    def reply(self) -> str | None:
        """The reply the example is, when it is one ("[no, just the twitching]" is a no)."""
        plain = " ".join(re.findall(r"[a-z']+", self.text.lower()))
        if plain in _REPLIES:
            return _REPLIES[plain]
        return "no" if plain.startswith(("no just", "nothing")) else None


def prompt_tables() -> dict[str, Path]:
    """The shared English table and every locale's overrides (language/<locale>/prompts.toml)."""
    packages = [SHARED, *packaged()]
    return {name: path for name in packages if (path := PACKAGES / name / "prompts.toml").exists()}


def _strings(value: Any, key: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)
    elif isinstance(value, Mapping):
        for name, item in value.items():
            yield from _strings(item, f"{key}.{name}")


def examples() -> list[Example]:
    """Every [bracketed] example in questions.<id>.* and offers.<kind>.* of every prompt table."""
    found: list[Example] = []
    for locale, path in prompt_tables().items():
        table = tomllib.loads(path.read_text("utf-8"))
        for section, question_of in (("questions", lambda name: name), ("offers", lambda name: "offer")):
            for name, entry in dict(table.get(section, {})).items():
                for key, text in _strings(entry, f"{section}.{name}"):
                    for match in _EXAMPLE.finditer(text):
                        found.append(Example(locale, key, question_of(name), match.group(1)))
    return found


def problem(example: Example, locale: str) -> str | None:
    """Why `locale`'s model does not understand the example as its prompt means it, or None."""
    heard = hear(example.text, locale, mode="skill", question=example.question)
    wanted = example.reply
    knowledge = load_knowledge()
    if not knowledge.has_question(example.question):  # the offer after the result: yes or no
        got = heard.evidence.reply
        return None if got == wanted and wanted in ("yes", "no") else f"heard {heard.intent}, reply {got}"
    question = knowledge.question(example.question)
    answered = answer_to(example.question, heard.evidence)
    if question.answer == "yes_no":
        if wanted is None:
            return None if answered in ("yes", "no", "unsure") else f"heard {heard.intent}: no yes or no"
        return None if answered == wanted else f"heard {heard.intent}: {answered} instead of {wanted}"
    return _open_answer_problem(heard, answered, wanted)


def _open_answer_problem(heard: Heard, answered: Any, wanted: str | None) -> str | None:
    if wanted == "no":
        return None if answered == () else f"heard {heard.intent}: {answered!r} instead of none"
    if wanted == "unsure":
        return None if answered == "unsure" else f"heard {heard.intent}: {answered!r} instead of not sure"
    if answered in (None, (), "unsure"):
        return f"heard {heard.intent}: {answered!r}, not an answer of the question's kind"
    return None
