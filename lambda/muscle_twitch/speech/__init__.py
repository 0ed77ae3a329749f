"""What the skill says and writes: renders the core's Steps and Outcomes to speech, reprompts and
Alexa app cards, in the locale's words. No ASK SDK imports, and nothing medical is decided here.

`Voice` is the entry point for one request. It composes four renderers, one per kind of text:
questions (asking, retrying, help, why), acknowledgements (echoes, notices, progress cues),
results (the spoken result and offers) and cards.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from muscle_twitch.core.interview import Step
from muscle_twitch.core.knowledge import Knowledge
from muscle_twitch.speech.acknowledgements import Acknowledger
from muscle_twitch.speech.answers import AnswerSpeaker
from muscle_twitch.speech.cards import Card, CardWriter
from muscle_twitch.speech.names import Names
from muscle_twitch.speech.prompts import Prompts
from muscle_twitch.speech.questions import QuestionSpeaker
from muscle_twitch.speech.results import ResultSpeaker
from muscle_twitch.speech.views import ScreenViews

__all__ = ["Card", "Reply", "Voice"]


class Reply(NamedTuple):
    speech: str  # plain text; the shell escapes it into SSML
    reprompt: str | None = None  # present exactly when a question was asked
    card: Card | None = None
    end_session: bool = False


def say(*parts: str) -> str:
    """Sentences spoken one after another; empty parts are skipped."""
    return " ".join(part for part in parts if part)


class Voice:
    """Everything one request may say, in its locale."""

    def __init__(self, knowledge: Knowledge, locale: str | None, prompts: Mapping[str, Any] | None = None) -> None:
        self.knowledge = knowledge
        self.prompts = Prompts(locale, prompts)
        names = Names(self.prompts, knowledge)
        safety_net = next(r for r in knowledge.rules if r.safety_net)
        watch = names.span(int(safety_net.conditions["onset_days_at_least"]), spoken=True)
        self.questions = QuestionSpeaker(self.prompts, watch)
        self.acks = Acknowledger(self.prompts, knowledge, names)
        self.results = ResultSpeaker(self.prompts, knowledge, names, watch)
        self.cards = CardWriter(self.prompts, knowledge, self.results)
        self.answers = AnswerSpeaker(self.prompts, names, self.results)
        self.screens = ScreenViews(self.prompts, self.questions, self.results, self.cards, self.answers)

    # ---------------------------------------------------------------- interview turns
    def step(self, step: Step, *, lead: str = "") -> Reply:
        """What to say after the core decided one turn. `lead`: the welcome, when this turn
        opens the session (then the answers heard are not echoed: the welcome is long enough)."""
        self.prompts.about(step.interview.answers.subject)
        if step.topic is not None and step.kind in ("answer", "ask"):
            answered = self.answer(step, lead=lead)
            if answered is not None:
                return answered
        if step.kind == "answer":
            return self.then(step, lead)
        if step.kind == "offer_declined" and step.outcome is None:  # no to a short check
            return Reply(say(lead, self.results.declined("check")), end_session=True)
        if step.kind == "ask":
            assert step.ask is not None
            ask = step.ask
            question = ask.question
            if ask.mode == "clarify":
                return Reply(say(lead, self.questions.clarify(question)), self.questions.reprompt(question))
            if ask.mode in ("rephrase", "examples"):
                tries = step.interview.tries
                return Reply(
                    say(lead, self.questions.retry(question, tries, ask.mode)), self.questions.reprompt(question)
                )
            notices = self.acks.notices(step) if not lead else ""
            cue = self.acks.progress(ask.remaining, ask.variant)
            text = say(lead, notices, cue, self.questions.ask(question, ask.variant))
            return Reply(text, self.questions.reprompt(question))
        assert step.outcome is not None
        outcome = step.outcome
        answers = step.interview.answers
        if step.kind == "result":
            notices = self.acks.result_notices(step)
            speech = say(lead, notices, self.results.speak(outcome, answers))
            if outcome.offer:
                speech = say(speech, self.results.offer(outcome.offer))
                return Reply(speech, self.results.offer_reprompt(outcome.offer), self.cards.advice(outcome, answers))
            return Reply(speech, None, self.cards.advice(outcome, answers), end_session=True)
        offer = step.interview.offer or outcome.offer
        if step.kind == "offer_again":
            return Reply(self.results.offer_again(offer), self.results.offer_reprompt(offer))
        if step.kind == "offer_accepted" and outcome.offer == "doctor_summary":
            return Reply(self.results.accepted(outcome.offer), None, self.cards.summary(outcome, answers), True)
        return Reply(self.results.declined(outcome.offer), None, None, end_session=True)

    def answer(self, step: Step, *, lead: str = "") -> Reply | None:
        """The answer to the person's own question, then what was on the table: the same question
        (a try not counted), the offer, or, before any interview, the offer of a short check."""
        assert step.topic is not None
        if step.topic.id == "why_ask" and step.ask is not None:
            question = step.ask.question
            return Reply(
                say(lead, self.questions.why(question), self.questions.ask(question)), self.questions.reprompt(question)
            )
        choice = self.answers.choice(step.topic, step)
        if choice is None:
            return None
        notices = self.acks.result_notices(step)  # what a "not sure" means now, never dropped
        spoken = self.answers.spoken(choice, step)
        then = self.then(step, "")
        speech = say(lead, notices, spoken, then.speech)
        return Reply(speech, then.reprompt, self.answers.card(choice, step), then.end_session)

    def then(self, step: Step, lead: str) -> Reply:
        """What follows an answer: the question on the table, or the offer waiting."""
        if step.ask is not None:
            question = step.ask.question
            return Reply(say(lead, self.questions.ask(question, step.ask.variant)), self.questions.reprompt(question))
        offer = step.interview.offer
        if offer:
            return Reply(say(lead, self.results.offer(offer)), self.results.offer_reprompt(offer))
        return Reply(say(lead, self.prompts.text("other.goodbye")), end_session=True)

    def repeat(self, step: Step) -> Reply:
        """Repeat: the question again, with its examples after a miss (never the apology), or
        the result with its offer."""
        if step.kind == "ask" and step.ask is not None:
            question = step.ask.question
            tries = step.interview.tries
            text = self.questions.examples(question) if tries else self.questions.ask(question, step.ask.variant)
            return Reply(text, self.questions.reprompt(question))
        return self.step(step)

    # ---------------------------------------------------------------- meta turns
    def help(self, question: str | None, offer: str = "") -> Reply:
        if offer:
            return Reply(self.results.offer_help(offer), self.results.offer_reprompt(offer))
        assert question is not None
        return Reply(self.questions.help(question), self.questions.reprompt(question))

    def why(self, question: str | None, offer: str = "") -> Reply:
        if offer:
            return self.help(None, offer)
        assert question is not None
        return Reply(say(self.questions.why(question), self.questions.ask(question)), self.questions.reprompt(question))

    def not_here(self, question: str | None, offer: str = "") -> Reply:
        text = self.prompts.text("other.not_here")
        if offer:
            return Reply(say(text, self.results.offer(offer)), self.results.offer_reprompt(offer))
        assert question is not None
        return Reply(say(text, self.questions.ask(question)), self.questions.reprompt(question))

    def goodbye(self) -> Reply:
        return Reply(self.prompts.text("other.goodbye"), end_session=True)

    def welcome(self, *, returning: bool) -> str:
        return self.prompts.text("welcome.returning" if returning else "welcome.first")

    def restart(self) -> str:
        return self.prompts.text("welcome.restart")
