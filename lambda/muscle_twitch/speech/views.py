"""What a screen shows for a Step: the views that muscle_twitch/screens.py turns into APL
documents (contract in docs/screens.md). Words come from the same prompts and results as the
speech; nothing medical is decided here, and the person's answers appear only after their yes.
An answer to the person's own question shows its card's written text (speech/answers.py), which
holds none of their answers."""

from __future__ import annotations

from typing import Any

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.interview import Step
from muscle_twitch.core.levels import Level
from muscle_twitch.core.outcome import Outcome, doctor_summary
from muscle_twitch.speech.answers import AnswerSpeaker
from muscle_twitch.speech.cards import CardWriter
from muscle_twitch.speech.prompts import Prompts
from muscle_twitch.speech.questions import QuestionSpeaker
from muscle_twitch.speech.results import ResultSpeaker
from muscle_twitch.speech.words import capitalised

REPLY_CHOICES = ("yes", "no", "unsure")
OFFER_CHOICES = ("yes", "no")


class ScreenViews:
    def __init__(
        self,
        prompts: Prompts,
        questions: QuestionSpeaker,
        results: ResultSpeaker,
        cards: CardWriter,
        answers: AnswerSpeaker,
    ) -> None:
        self.p = prompts
        self.questions = questions
        self.results = results
        self.cards = cards
        self.answers = answers
        self.k = results.k

    def for_step(self, step: Step, *, consented: bool = False) -> dict[str, Any] | None:
        """The screen for what the step says: its question, its result, or the answer to the
        person's own question."""
        if step.kind in ("ask", "answer") and step.ask is not None:
            return self.question(step)  # after an answer to their own question, the question again
        # An answer to their own question carries what the answers point to so far, but it is
        # not a result: no result screen before the interview gives one, only the answer.
        if step.kind == "answer":
            return self.answer(step)
        if step.outcome is not None:
            return self.result(step.outcome, step.interview.answers, consented=consented)
        return None

    def answer(self, step: Step) -> dict[str, Any] | None:
        """The answer to the person's own question, as its card writes it, and the offer waiting
        (a short check, a reminder, the doctor's summary) with Yes and No to touch. None when the
        question has no written answer (after an emergency result only the call is said)."""
        if step.topic is None:
            return None
        choice = self.answers.choice(step.topic, step)
        if choice is None:
            return None
        text, source = self.answers.written(choice, step)
        offer = step.interview.offer
        return {
            "kind": "answer",
            "title": self.p.text(f"screen.answer_title.{choice.answer}"),
            "text": text,
            "source": source,
            "offer": self.results.offer(offer) if offer else "",
            "choices": [
                {"label": self.p.text(f"screen.choices.{reply}"), "arguments": ["offer", reply]}
                for reply in (OFFER_CHOICES if offer else ())
            ],
            "disclaimer": self.p.text("result.disclaimer"),
        }

    def question(self, step: Step) -> dict[str, Any]:
        assert step.ask is not None
        spec = self.k.question(step.ask.question)
        asked = max(step.interview.asked, 1)
        return {
            "kind": "question",
            "questionId": spec.id,
            "title": self.questions.ask(spec.id, step.ask.variant),
            "hint": self.p.text("screen.hint"),
            "progress": {"step": asked, "of": max(self.k.max_questions, asked)},
            "choices": [
                {"label": self._label(spec.kind, choice), "arguments": ["answer", spec.id, choice]}
                for choice in spec.choices
            ],
        }

    def _label(self, kind: str | None, choice: str) -> str:
        if choice in REPLY_CHOICES:
            return self.p.text(f"screen.choices.{choice}")
        return capitalised(self.results.names.term(kind or "", choice))

    def result(self, outcome: Outcome, answers: Answers, *, consented: bool) -> dict[str, Any]:
        level = outcome.level
        disclaimer = self.p.text("result.disclaimer")
        headline = self.p.text(f"screen.headline.{level.value}")
        if level is Level.EMERGENCY:
            return {
                "kind": "emergency",
                "headline": headline,
                "number": self.p.care["emergency"],
                "action": self.p.text("card.next_step.emergency"),
                "reason": capitalised(self.results.reason(outcome, answers)) + ".",
                "disclaimer": disclaimer,
            }
        if level is Level.SELF_CARE:
            tips = [
                self.results.names.tip(t, written=True, band=outcome.age_band)
                for t in (*outcome.tips, *outcome.general_tips)
            ]
            return {
                "kind": "self_care",
                "headline": headline,
                "tips": tips[:4],
                "safetyNet": self.results.safety_net(outcome),
                "disclaimer": disclaimer,
            }
        summary = doctor_summary(answers, self.k) if consented else None
        rows = [
            {"label": self.p.text(f"card.rows.{row.question}"), "value": self.cards.value(row, answers)}
            for row in (summary.rows if summary else ())
            if row.state != "not_asked"
        ]
        # The reason is built from the answers ("Prednisone can sometimes cause twitching"):
        # before the person's yes the screen carries only the level and what to do.
        reason = capitalised(self.results.reason(outcome, answers)) + "." if consented else ""
        return {
            "kind": "doctor",
            "headline": headline,
            "timeFrame": self.p.text(f"screen.time_frame.{level.value}"),
            "reason": reason,
            "summary": rows,
            "tips": [],
            "safetyNet": self.p.text("card.safety_net", watch=self.results.watch),
            "disclaimer": disclaimer,
        }
