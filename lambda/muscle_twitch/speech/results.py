"""The spoken result and what follows it: the offer, and the answer to the offer.

About two breaths: reason, next step and time frame, at most one tip, the safety net, the short
disclaimer and the offer, 55 words at most (the conversation tests check every result).
"""

from __future__ import annotations

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.knowledge import Knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.core.outcome import Outcome
from muscle_twitch.speech.names import Names
from muscle_twitch.speech.prompts import Prompts
from muscle_twitch.speech.words import capitalised, join

# How many questions a "not sure" left open the spoken safety net names (two breaths).
MAX_OPEN = 1


class ResultSpeaker:
    def __init__(self, prompts: Prompts, knowledge: Knowledge, names: Names, watch: str) -> None:
        self.p = prompts
        self.k = knowledge
        self.names = names
        self.watch = watch

    def reason(self, outcome: Outcome, answers: Answers, index: int = 0) -> str:
        """Why the level was reached, completing "because ...", in the person's words."""
        match = outcome.reasons[index]
        rule = match.rule
        kind = {"symptoms_any": "symptom", "medicines_any": "medicine"}.get(rule.reason_names or "", "")
        if kind == "medicine":
            question = self.k.question_for_kind["medicine"]
            names = [self.names.said_or_name(answers, question, kind, i) for i in match.names]
        elif rule.reason_names == "said_yes":  # the sign each question answered yes asks about
            signs = dict.fromkeys(s for q in match.names for s in self.k.question(q).yes_adds)
            names = [self.names.term("symptom", s) for s in signs]
        else:
            names = [self.names.term(kind, i) for i in match.names] if kind else []
        return self.p.text(f"reasons.{rule.id}", names=join(names), watch=self.watch)

    def speak(self, outcome: Outcome, answers: Answers) -> str:
        r = "result"
        level = outcome.level
        if level is Level.EMERGENCY:
            reason = self.reason(outcome, answers)
            return " ".join((self.p.text(f"{r}.emergency", reason=reason), self.p.text(f"{r}.disclaimer")))
        parts = [self.p.text(f"{r}.unsure.{q}") for q in outcome.unsure if self.p.has(f"{r}.unsure.{q}")]
        if level is Level.SELF_CARE:
            parts.append(self.p.text(f"{r}.self_care"))
            if outcome.spoken_tip:
                tip = capitalised(self.names.tip(outcome.spoken_tip, written=False, band=outcome.age_band))
                parts.append(self.p.text(f"{r}.tip", tip=tip))
        else:
            parts.append(self.p.text(f"{r}.{level.value}", reason=self.reason(outcome, answers)))
            if outcome.reassure and not outcome.medicine_caution:
                # Within two breaths: "don't stop a medicine on your own" matters more.
                parts.append(self.p.text(f"{r}.reassure"))
        if outcome.medicine_caution:
            parts.append(self.p.text(f"{r}.medicine"))
        if level is Level.SELF_CARE:
            parts.append(self.safety_net(outcome))
        parts.append(self.p.text(f"{r}.disclaimer"))
        return " ".join(parts)

    def safety_net(self, outcome: Outcome) -> str:
        """ "See your doctor if it ...": the usual signs, one of them said the way a "not sure"
        left it open when one did (the card lists every open question)."""
        key = "result.if_unsure"
        open_ones = [rule for rule in outcome.uncertain if self.p.has(f"{key}.{rule}")][:MAX_OPEN]
        conditions = [self.p.text(f"{key}.{rule}", watch=self.watch) for rule in open_ones]
        for name, text in self.p.raw("result.watch_for").items():
            if name not in open_ones:
                conditions.append(self.p.fill(text, watch=self.watch))
        return self.p.text("result.safety_net", conditions=join(conditions, "or"))

    # ---------------------------------------------------------------- the offer
    def offer(self, offer: str) -> str:
        return self.p.text(f"offers.{offer}.ask", watch=self.watch)

    def offer_reprompt(self, offer: str) -> str:
        return self.p.text(f"offers.{offer}.reprompt", watch=self.watch)

    def offer_again(self, offer: str) -> str:
        return self.p.text(f"offers.{offer}.reprompt", watch=self.watch)

    def offer_help(self, offer: str) -> str:
        return self.p.text(f"offers.{offer}.help", watch=self.watch)

    def accepted(self, offer: str) -> str:
        return self.p.text(f"offers.{offer}.accepted", watch=self.watch)

    def declined(self, offer: str) -> str:
        key = f"offers.{offer}.declined" if offer else "other.goodbye"
        return self.p.text(key, watch=self.watch)
