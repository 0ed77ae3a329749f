"""Answers to the person's own questions, in the locale's words (answers.<id>.<variant or key>),
filled with what the interview found: the likely everyday causes, the tips for what they named,
the reasons of a doctor result, the time frame, and only the disease word they said themselves.

The card holds the longer answer and its source line, and never the person's own answers: an
answer filled with them (their causes, their reasons, their tips) goes on the card in its general
words, as nothing they said reaches a card without their yes. The answer screen (speech/views.py)
shows the same written text. In writing, a disease is named only in words the skill knows as a
disease (the locale's spelling, or a phrase of the reader's disease words): whatever else the
person said in its place ("a tumour in my left calf") is written as "that".
"""

from __future__ import annotations

from muscle_twitch.core.interview import Step, Topic
from muscle_twitch.core.levels import Level
from muscle_twitch.core.topics import NONE_KEY, Choice, choose, load_answers
from muscle_twitch.speech.cards import Card
from muscle_twitch.speech.names import Names
from muscle_twitch.speech.prompts import Prompts
from muscle_twitch.speech.results import ResultSpeaker
from muscle_twitch.speech.words import join

# Placeholders filled with the person's own answers: never on a card.
_PERSONAL = ("{causes}", "{reasons}", "{tips}")


class AnswerSpeaker:
    def __init__(self, prompts: Prompts, names: Names, results: ResultSpeaker) -> None:
        self.p = prompts
        self.names = names
        self.results = results

    def choice(self, topic: Topic, step: Step) -> Choice | None:
        return choose(topic, step)

    def spoken(self, choice: Choice, step: Step) -> str:
        return self._fill(self.p.raw(f"answers.{choice.answer}.{choice.table}")["spoken"], choice, step, written=False)

    def card(self, choice: Choice, step: Step) -> Card:
        body, source = self.written(choice, step)
        return Card(self.p.text("card.title"), f"{body}\n\n{source}".strip())

    def written(self, choice: Choice, step: Step) -> tuple[str, str]:
        """The written answer and its source line: the card's text and the answer screen's."""
        text = self.p.raw(f"answers.{choice.answer}.{choice.table}")["card"]
        if any(p in text for p in _PERSONAL):
            text = self._general_card(choice)
        body = self._fill(text, choice, step, written=True)
        return body, load_answers()[choice.answer].card_source

    def _general_card(self, choice: Choice) -> str:
        """The answer's card in general words, for a table filled with the person's answers. After
        a doctor result the "none" words ("Nothing you told me pointed to anything urgent") would
        contradict the result, so only the general table may stand in for it."""
        tables = self.p.raw(f"answers.{choice.answer}")
        names = ("general",) if choice.level in _DOCTOR else (NONE_KEY, "general")
        for name in names:
            text = tables.get(name, {}).get("card", "")
            if text and not any(p in text for p in _PERSONAL):
                return str(text)
        raise KeyError(f"answers.{choice.answer} has no card in general words for {choice.table}")

    def _fill(self, text: str, choice: Choice, step: Step, *, written: bool) -> str:
        outcome = step.outcome
        values = {
            "disease": self._disease(choice.key, written=written),
            "trigger": self._trigger(choice.key),
            "causes": join([self.names.cause(c) for c in outcome.causes]) if outcome else "",
            "tips": self._tips(step, written=written),
            "reasons": self._reasons(step),
            "when": self.p.text(f"answers_words.when.{choice.level.value}") if choice.level in _DOCTOR else "",
            "watch": self.results.watch,
        }
        return self.p.fill(text, **values)

    def _disease(self, said: str, *, written: bool = False) -> str:
        """Only the person's own word, spoken as it should sound ("ALS", "Parkinson's"). Written,
        only a word the skill knows as a disease: anything else they said stays unwritten."""
        if not said:
            return self.p.text("answers_words.that")
        spoken = self.p.raw("answers_words").get("disease", {})
        if said.lower() in spoken:
            return str(spoken[said.lower()])
        if written and not is_disease_word(said, self.p.locale or None):
            return self.p.text("answers_words.that")
        return said

    def _trigger(self, key: str) -> str:
        if key and self.p.has(f"names.trigger.{key}"):
            return self.p.text(f"names.trigger.{key}")
        return self.p.text("answers_words.that")

    def _tips(self, step: Step, *, written: bool) -> str:
        outcome = step.outcome
        if not outcome or not outcome.tips:
            return ""
        tips = [self.names.tip(t, written=written, band=outcome.age_band) for t in outcome.tips[: 3 if written else 2]]
        return " ".join(tips) if written else join(tips)

    def _reasons(self, step: Step) -> str:
        outcome = step.outcome
        if not outcome or not outcome.reasons:
            return ""
        answers = step.interview.answers
        return join([self.results.reason(outcome, answers, i) for i in range(min(2, len(outcome.reasons)))])


def is_disease_word(said: str, locale: str | None) -> bool:
    """The words are, whole, one of the disease phrases the reader knows (the key group of its
    disease topic: "ALS", "multiple sclerosis", "a brain tumour"), never free words that happen
    to contain one ("a tumour in my left calf")."""
    # The language data is read only when words are: a LaunchRequest never imports it.
    from muscle_twitch.language.lexicon import load_lexicon
    from muscle_twitch.language.tokens import tokenize

    stems = tuple(token.stem for token in tokenize(said))
    topics = load_lexicon(locale).topics
    return any(topic.key_kind == "disease" and stems in topic.groups[0] for topic in topics)


_DOCTOR = (Level.DOCTOR_SOON, Level.BOOK_APPOINTMENT)
