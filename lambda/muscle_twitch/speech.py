"""Turns core results (Step, Outcome) into what Alexa says and shows. No ASK SDK imports.

Wording comes from data/prompts.<lang>.toml; the emergency number from data/locales.toml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from muscle_twitch import data
from muscle_twitch.core.answers import LIST_FIELDS, SCALAR_FIELDS, Answers
from muscle_twitch.core.interview import Step
from muscle_twitch.core.knowledge import Knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.core.triage import Outcome, describe_onset

SPOKEN_TIPS = 2  # more than two tips is hard to remember by ear; the card lists them all


@dataclass(frozen=True)
class Reply:
    speech: str  # plain text; the shell escapes it into SSML
    reprompt: str | None = None  # present exactly when a question was asked
    card_title: str | None = None
    card_text: str | None = None
    end_session: bool = False

    def after(self, lead: str) -> Reply:
        """The same reply with `lead` spoken first."""
        return replace(self, speech=_say(lead, self.speech))


@cache
def prompts() -> Mapping[str, Any]:
    return data.load("prompts.en")


@cache
def _emergency_numbers() -> Mapping[str, str]:
    return data.load("locales")["emergency_numbers"]


def emergency_phrase(locale: str | None) -> str:
    number = _emergency_numbers().get(locale or "")
    return f"your local emergency number, {number}," if number else "your local emergency number"


class Speaker:
    """Renders for one request: knows the locale's emergency phrase and the cause table."""

    def __init__(self, knowledge: Knowledge, locale: str | None) -> None:
        self.k = knowledge
        self.p = prompts()
        self.emergency = emergency_phrase(locale)

    def _fill(self, text: str) -> str:
        filled = text.replace("{emergency}", self.emergency)
        return filled.replace(",,", ",").replace(",.", ".").replace(", .", ".")

    def _q(self, question: str, key: str) -> str:
        return self._fill(self.p["questions"][question][key])

    def ask_text(self, question: str, variant: int = 0) -> str:
        options = self.p["questions"][question]["ask"]
        return self._fill(options[variant % len(options)])

    def question(self, question: str, *, variant: int = 0, lead: str = "") -> Reply:
        return Reply(_say(lead, self.ask_text(question, variant)), self._q(question, "reprompt"))

    # ---------------------------------------------------------------- turns of the interview
    def step(self, step: Step, *, lead: str = "") -> Reply:
        """What to say after the core advanced the interview by one turn."""
        if step.kind == "outcome":
            assert step.outcome is not None
            return self.outcome(step.outcome, lead=_say(lead, self._ack(step)))
        assert step.question is not None
        q = step.question
        if step.kind == "clarify":
            return Reply(_say(lead, self._q(q, "clarify")), self._q(q, "reprompt"))
        if step.kind == "retry":
            return self.retry(q, step.retry_stage, lead=lead)
        lead = _say(lead, self._ack(step), self._progress(step.remaining))
        return self.question(q, variant=step.interview.asked, lead=lead)

    def _progress(self, remaining: int) -> str:
        return {0: self.p["progress"]["last"], 1: self.p["progress"]["two"]}.get(remaining, "")

    def _ack(self, step: Step) -> str:
        """Implicit confirmation of what this turn added ("Okay, your calf, about 2 weeks.")."""
        answers = step.interview.answers
        fragments = [f for q in step.heard if (f := self._fragment(answers, q))]
        parts = []
        if step.moved_on:
            parts.append(self.p["ack"]["moved_on"])
        if fragments:
            options = self.p["ack"]["heard"]
            parts.append(options[step.interview.asked % len(options)].replace("{what}", ", ".join(fragments)))
        elif "emergency" in step.heard and answers.emergency == "no":
            parts.append(self.p["ack"]["emergency_no"])
        elif step.heard and all(q in answers.unsure for q in step.heard) and not step.moved_on:
            parts.append(self.p["ack"]["unsure"])
        return " ".join(parts)

    def _fragment(self, answers: Answers, question: str) -> str:
        if question in answers.unsure or question == "emergency":
            return ""
        value = answers.value(question)
        if question == "onset":
            return describe_onset(value)
        kinds = {**LIST_FIELDS, **SCALAR_FIELDS}
        if isinstance(value, tuple):
            names = self.k.names(kinds[question], value)
            if not names:
                return self.p["ack"]["none"].get(question, "")
            text = _join(names)
            return f"your {text}" if question == "areas" and value != ("all_over",) else text
        return self.k.terms[kinds[question]][value].name

    def retry(self, question: str, stage: int, *, lead: str = "") -> Reply:
        """First failed try: the question rephrased; second: examples of answers."""
        key, sorry = ("rephrase", "first") if stage <= 1 else ("examples", "second")
        return Reply(_say(lead, self.p["retry"][sorry], self._q(question, key)), self._q(question, "reprompt"))

    def help(self, question: str) -> Reply:
        speech = f"{self._q(question, 'help')} {self.p['help']['general']} {self._q(question, 'short')}"
        return Reply(speech, self._q(question, "reprompt"))

    def why(self, question: str) -> Reply:
        return Reply(f"{self._q(question, 'why')} {self._q(question, 'short')}", self._q(question, "reprompt"))

    def not_here(self, question: str) -> Reply:
        return Reply(f"{self.p['other']['not_here']} {self._q(question, 'short')}", self._q(question, "reprompt"))

    def goodbye(self) -> Reply:
        return Reply(self.p["other"]["goodbye"], end_session=True)

    def welcome(self, *, returning: bool) -> str:
        return self._fill(self.p["welcome"]["returning" if returning else "first"])

    def restart(self) -> str:
        return self.p["welcome"]["restart"]

    # ---------------------------------------------------------------- the result
    def outcome(self, outcome: Outcome, *, lead: str = "") -> Reply:
        r = self.p["result"]
        level = outcome.level
        reason = outcome.reasons[0].text if outcome.reasons else ""
        parts = [lead]
        if level is Level.EMERGENCY:
            parts.append(self._fill(r["emergency"].replace("{reason}", reason)))
        elif level is Level.SELF_CARE:
            parts.append(r["self_care"])
        else:
            parts.append(r[level.value].replace("{reason}", reason))
        if level is not Level.EMERGENCY:
            # Kept to about two breaths: one everyday cause and, for self-care, two things to
            # try; the card carries the rest.
            if outcome.likely_causes and level is not Level.DOCTOR_SOON:
                parts.append(r["causes"].replace("{names}", outcome.likely_causes[0].name))
            spoken_tips = [t.spoken for t in outcome.tips if t.id != "switch_medication"][:SPOKEN_TIPS]
            if spoken_tips and level is Level.SELF_CARE:
                parts.append(r["tips"].replace("{tips}", _join(spoken_tips)))
            if outcome.medicine_named:
                parts.append(r["medicine"])
            parts.append(r["card_note_self_care"] if level is Level.SELF_CARE else r["card_note"])
            parts.append(r["safety_net_self_care"] if level is Level.SELF_CARE else self._fill(r["safety_net_doctor"]))
        parts.append(r["disclaimer"])
        return Reply(_say(*parts), None, self.p["card"]["title"], self.card(outcome), True)

    def card(self, outcome: Outcome) -> str:
        c = self.p["card"]
        s = outcome.summary
        lines = [c["next_step"][outcome.level.value]]
        if outcome.reasons:
            lines.append(f"{c['why']}: " + "; ".join(dict.fromkeys(r.text for r in outcome.reasons)) + ".")
        lines += ["", c["for_doctor"]]
        for key, value in (
            ("where", s.where),
            ("since", s.since),
            ("how_often", s.how_often),
            ("how_long", s.how_long),
            ("other_symptoms", s.other_symptoms),
            ("triggers", s.triggers),
            ("medicines", s.medicines),
        ):
            lines.append(f"- {c[key]}: {value or c['not_asked']}")
        if outcome.tests:
            lines += ["", f"{c['tests']}: " + "; ".join(t.name for t in outcome.tests) + "."]
        if outcome.likely_causes:
            lines += ["", f"{c['causes']}: " + "; ".join(x.name for x in outcome.likely_causes) + "."]
        if outcome.tips or outcome.advice:
            lines += ["", c["tips"] + ":"]
            lines += [f"- {line}" for line in dict.fromkeys((*outcome.advice, *(t.written for t in outcome.tips)))]
        if outcome.tests:
            lines += ["", f"{c['treatments']}: " + "; ".join(t.name for t in self.k.treatments) + "."]
        if outcome.medicine_named:
            lines += ["", c["medicine"]]
        lines += ["", c["safety_net"], "", c["disclaimer"]]
        return "\n".join(lines)


def _say(*parts: str) -> str:
    """Sentences spoken one after another; empty parts are skipped."""
    return " ".join(part for part in parts if part)


def _join(items: list[str], word: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]
