"""Acknowledging: implicit confirmation in the person's own words ("Okay, both your calves, for
twelve days."), notices when an answer turns out "not sure", and progress cues."""

from __future__ import annotations

import re
from typing import Any

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.interview import Step
from muscle_twitch.core.knowledge import Knowledge
from muscle_twitch.speech.names import Names
from muscle_twitch.speech.prompts import Prompts
from muscle_twitch.speech.words import onset_echo, own_words


class Acknowledger:
    def __init__(self, prompts: Prompts, knowledge: Knowledge, names: Names) -> None:
        self.p = prompts
        self.k = knowledge
        self.names = names

    def notices(self, step: Step) -> str:
        """Before the next question: what this turn added, in the person's words, and what a
        "not sure" means now (e.g. "If any of those is happening, call 911 now.")."""
        parts = [self._unsure_notices(step)]
        answers = step.interview.answers
        heard = [q for q in step.heard if q not in answers.unsure]
        # Each thing once: "heavy sweating" is a sign and a trigger, said back once.
        fragments = list(dict.fromkeys(p for q in heard if (f := self.fragment(answers, q)) for p in f.split(", ")))
        if fragments:
            variant = step.ask.variant if step.ask else 0
            parts.append(self.p.text("ack.heard", variant, what=self.said_back(", ".join(fragments))))
        else:
            parts.extend(self._yes_no_acks(answers, heard))
        if not any(parts) and step.heard and all(q in answers.unsure for q in step.heard):
            parts.append(self.p.text("ack.unsure"))
        return " ".join(p for p in parts if p)

    def result_notices(self, step: Step) -> str:
        """Before a result only what a "not sure" means: the result itself is long enough."""
        return self._unsure_notices(step)

    def _unsure_notices(self, step: Step) -> str:
        said = [
            self.p.text(f"questions.{q}.on_unsure") for q in step.newly_unsure if self.p.has(f"questions.{q}.on_unsure")
        ]
        if step.moved_on and not self.p.has(f"questions.{step.moved_on}.on_unsure"):
            said.insert(0, self.p.text("ack.moved_on"))
        return " ".join(said)

    def _yes_no_acks(self, answers: Answers, heard: list[str]) -> list[str]:
        """A yes or no is acknowledged too, or a yes given before it was asked ("yeah, I started
        it last week") would be taken in silence and the person would think it was missed."""
        acks = []
        for question in heard:
            if self.k.question(question).answer != "yes_no" or answers.value(question) not in ("yes", "no"):
                continue
            key = f"questions.{question}.ack_{answers.value(question)}"
            acks.append(self.p.text(key) if self.p.has(key) else self.p.text("ack.yes_no"))
        return acks[:1]

    def said_back(self, text: str) -> str:
        """The person's words from the skill's side: "back of my knee" -> "back of your knee"."""
        swaps = self.p.raw("ack.said_back") if self.p.has("ack.said_back") else {}
        if not swaps:
            return text
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, swaps)) + r")\b", re.IGNORECASE)
        return pattern.sub(lambda m: self.p.fill(swaps[m.group(1).lower()]), text)

    def fragment(self, answers: Answers, question: str) -> str:
        """One answer as the person put it: "both your calves", "every day", "for twelve days"."""
        spec = self.k.question(question)
        value: Any = answers.value(question)
        if spec.answer == "yes_no" or value is None:
            return ""
        if spec.answer == "days":
            words = answers.words(question, value)
            if words:
                return onset_echo(words)
            return self.names.days(value, spoken=True)
        if spec.answer == "term":
            return own_words(answers.words(question, value) or self.names.term(spec.kind or "", value))
        if not value:
            key = f"ack.none.{question}"
            return self.p.text(key) if self.p.has(key) else ""
        if spec.kind == "body_area":
            return ", ".join(self.area(answers, question, area) for area in value)
        if spec.kind == "symptom":  # the table's words: "you mentioned weakness", not "feels weak"
            return ", ".join(self.names.term("symptom", i) for i in value)
        return ", ".join(self.names.said_or_name(answers, question, spec.kind or "", i) for i in value)

    def area(self, answers: Answers, question: str, area: str) -> str:
        words = answers.words(question, area)
        if area == "all_over" or not words:
            return own_words(words) if words else self.names.term("body_area", area)
        text = own_words(words)
        owners = self.p.raw("ack.owners") if self.p.has("ack.owners") else []
        if self.said_back(text) != text or text.lower().split(" ")[0] in owners:
            return text  # "back of my knee", "her left eyelid" say whose it is already
        if text.lower().startswith("both "):
            return self.p.text("ack.both_areas", words=text[5:])
        return self.p.text("ack.area", words=text)

    def progress(self, remaining: int | None, variant: int) -> str:
        if remaining == 0:
            return self.p.text("progress.last", variant)
        if remaining == 1:
            return self.p.text("progress.two", variant)
        return ""
