"""What to call things in speech and on cards: a cause-table entry by the locale's spelling of its
name (prompts `names.<kind>.<id>`, e.g. "oestrogen" in en-GB), the table's, or the person's own
words; and spans of days."""

from __future__ import annotations

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.knowledge import Knowledge
from muscle_twitch.speech.prompts import Prompts
from muscle_twitch.speech.words import own_words, span_of_days

FORTNIGHT = 14


class Names:
    def __init__(self, prompts: Prompts, knowledge: Knowledge) -> None:
        self.p = prompts
        self.k = knowledge
        self.units = {k: v for k, v in prompts.raw("time").items() if isinstance(v, str)}

    def term(self, kind: str, term_id: str) -> str:
        """The locale's name for a cause-table entry (terms.toml's `name`, or a prompt override)."""
        key = f"names.{kind}.{term_id}"
        return self.p.text(key) if self.p.has(key) else term_id.replace("_", " ")

    def said_or_name(self, answers: Answers, question: str, kind: str, term_id: str) -> str:
        words = answers.words(question, term_id)
        if words:
            return own_words(words)
        return self.term(kind, term_id)

    def cause(self, cause_id: str) -> str:
        return self.p.text(f"names.cause.{cause_id}")

    def tip(self, tip_id: str, *, written: bool, band: str = "") -> str:
        """A tip's words; `band` (Outcome.age_band) picks its words for that age where it has them."""
        form = "written" if written else "spoken"
        if band and self.p.has(f"names.tip.{tip_id}.{band}.{form}"):
            return self.p.text(f"names.tip.{tip_id}.{band}.{form}")
        return self.p.text(f"names.tip.{tip_id}.{form}")

    def named(self, kind: str, named_id: str) -> str:
        """A test or treatment a doctor may choose."""
        return self.p.text(f"names.{kind}.{named_id}")

    def span(self, days: int, *, spoken: bool) -> str:
        """A number of days as a span: "two weeks", "twelve days" (digits when written), or the
        locale's own word for it ("a fortnight")."""
        if days == FORTNIGHT and spoken and "fortnight" in self.units:
            return self.units["fortnight"]
        return span_of_days(days, self.units, spoken=spoken)

    def days(self, days: int, *, spoken: bool) -> str:
        """How long it has been going on: "since today", "since yesterday", "for twelve days"."""
        if days == 0:
            return self.p.text("time.today")
        if days == 1:
            return self.p.text("time.yesterday")
        return self.p.text("time.for", span=self.span(days, spoken=spoken))
