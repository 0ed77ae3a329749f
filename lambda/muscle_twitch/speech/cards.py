"""The Alexa app card for each level. The person's answers appear only on the doctor's summary,
which is written only after they say yes to it (cards stay in a history households share).

- emergency: the action, the number and the reason (the sign the person reported);
- doctor levels, before consent: the next step, its time frame and the safety net;
- doctor levels, after yes: the doctor's summary (their own words, new or changed medicines,
  the safety-check answer, the warning signs they ruled out), the reasons and the tests;
- self-care: what may help, habits that help many people, and the safety net.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.knowledge import Knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.core.outcome import Outcome, SummaryRow, doctor_summary
from muscle_twitch.speech.prompts import Prompts
from muscle_twitch.speech.results import ResultSpeaker
from muscle_twitch.speech.words import capitalised, own_words


class Card(NamedTuple):
    title: str
    text: str


class CardWriter:
    def __init__(self, prompts: Prompts, knowledge: Knowledge, results: ResultSpeaker) -> None:
        self.p = prompts
        self.k = knowledge
        self.results = results
        self.watch = results.watch
        self.names = results.names

    def _c(self, key: str, **values: str) -> str:
        return self.p.text(f"card.{key}", watch=self.watch, **values)

    def advice(self, outcome: Outcome, answers: Answers) -> Card:
        """The card that goes with the spoken result: advice only, no answers."""
        level = outcome.level
        lines = [self._c(f"next_step.{level.value}")]
        if level is Level.EMERGENCY:
            reason = self.results.reason(outcome, answers)
            lines += [f"{self._c('why')}: {reason}.", "", self._c("disclaimer")]
            return Card(self._c("title"), "\n".join(lines))
        if level is Level.SELF_CARE:
            lines += ["", f"{self._c('tips')}:"]
            lines += [f"- {self.names.tip(t, written=True, band=outcome.age_band)}" for t in outcome.tips] or [
                f"- {self._c('no_cause')}"
            ]
            if outcome.general_tips:
                lines += ["", f"{self._c('general_tips')}:"]
                lines += [f"- {self.names.tip(t, written=True, band=outcome.age_band)}" for t in outcome.general_tips]
        if outcome.medicine_caution:
            lines += ["", self._c("medicine")]
        lines += ["", self._c("safety_net"), "", self._c("disclaimer")]
        return Card(self._c("title"), "\n".join(lines))

    def summary(self, outcome: Outcome, answers: Answers) -> Card:
        """The doctor's summary, written only after the person said yes to it."""
        reasons = [self.results.reason(outcome, answers, i) for i in range(len(outcome.reasons))]
        lines = [self._c(f"next_step.{outcome.level.value}")]
        if reasons:
            lines.append(f"{self._c('why')}: " + "; ".join(dict.fromkeys(capitalised(r) for r in reasons)) + ".")
        summary = doctor_summary(answers, self.k)
        lines += ["", f"{self._c('for_doctor')}:"]
        lines += [
            f"- {self._c(f'rows.{row.question}')}: {self.value(row, answers)}"
            for row in summary.rows
            if row.state != "not_asked"
        ]
        if summary.denied:
            denied = "; ".join(self.names.term("symptom", s) for s in summary.denied)
            lines.append(f"- {self._c('denied')}: {denied}")
        if outcome.tests:
            tests = "; ".join(self.names.named("test", t.id) for t in self.k.tests if t.id in outcome.tests)
            treatments = "; ".join(self.names.named("treatment", t.id) for t in self.k.treatments)
            lines += ["", f"{self._c('tests')}: {tests}.", f"{self._c('treatments')}: {treatments}."]
        if outcome.medicine_caution:
            lines += ["", self._c("medicine")]
        lines += ["", self._c("safety_net"), "", self._c("disclaimer")]
        return Card(self._c("title_summary"), "\n".join(lines))

    def value(self, row: SummaryRow, answers: Answers) -> str:
        """A summary row's answer in writing: the person's words, with the table's name where it
        adds something ("sertraline (an antidepressant or similar medicine)")."""
        if row.state == "unsure":
            return self._c("not_sure")
        question = self.k.question(row.question)
        value: Any = row.value
        if question.answer == "yes_no":
            return self._c(str(value))
        if question.answer == "days":
            span = self.names.span(value, spoken=False) if value else self.p.text("time.today")
            words = answers.words(row.question, value)
            return f"{span} ({own_words(words)})" if words else span
        if row.state == "none":
            return self._c("none")
        values = value if isinstance(value, tuple) else (value,)
        kind = question.kind or ""
        written = []
        for term_id in values:
            name = self.names.term(kind, term_id)
            words = answers.words(row.question, term_id)
            said = own_words(words) if words else ""
            written.append(
                f"{said} ({name})" if said and said.lower() != name.lower() and kind == "medicine" else said or name
            )
        return "; ".join(written)
