"""Asking: each question's wording, retries, clarifications, help and "why do you ask"."""

from __future__ import annotations

from muscle_twitch.speech.prompts import Prompts


class QuestionSpeaker:
    def __init__(self, prompts: Prompts, watch: str) -> None:
        self.p = prompts
        self.watch = watch  # the safety net's time in words, for "why" texts that quote it

    def _text(self, question: str, key: str, variant: int = 0) -> str:
        return self.p.text(f"questions.{question}.{key}", variant, watch=self.watch)

    def ask(self, question: str, variant: int = 0) -> str:
        return self._text(question, "ask", variant)

    def reprompt(self, question: str) -> str:
        return self._text(question, "reprompt")

    def examples(self, question: str) -> str:
        return self._text(question, "examples")

    def clarify(self, question: str) -> str:
        return self._text(question, "clarify")

    def retry(self, question: str, tries: int, mode: str) -> str:
        """A failed try: an apology, then the question put more simply, or with examples."""
        sorry = self.p.text("retry.first" if tries <= 1 else "retry.second")
        return f"{sorry} {self._text(question, mode)}"

    def help(self, question: str) -> str:
        return self._text(question, "help")

    def why(self, question: str) -> str:
        return self._text(question, "why")
