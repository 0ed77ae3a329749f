"""One rules pass: the answers against the triage rules, computed once per turn.

The next-question choice and the result both read the same Assessment; nothing else runs the
rules. "Highest level wins" is written once, here.
"""

from __future__ import annotations

from typing import NamedTuple

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.conditions import Truth, evaluate
from muscle_twitch.core.knowledge import Knowledge, Rule
from muscle_twitch.core.levels import Level


class Match(NamedTuple):
    rule: Rule
    names: tuple[str, ...]  # ids matched by the rule's reason_names condition, for the reason


class Assessment(NamedTuple):
    level: Level
    fired: tuple[Match, ...]  # every rule that holds, in table order
    uncertain: tuple[Rule, ...]  # rules above `level` left open only by "not sure" answers

    @property
    def reasons(self) -> tuple[Match, ...]:
        """The rules that decided the level, most important (first in the table) first."""
        return tuple(m for m in self.fired if m.rule.level is self.level)


def highest(levels: list[Level]) -> Level:
    """The level that wins: the highest any rule reaches, self-care when none does."""
    return max(levels, key=lambda lv: lv.rank, default=Level.SELF_CARE)


def assess(answers: Answers, knowledge: Knowledge) -> Assessment:
    fired: list[Match] = []
    maybe: list[Rule] = []
    for rule in knowledge.rules:
        truth, names = evaluate(rule.conditions, answers, knowledge, names_from=rule.reason_names)
        if truth is Truth.YES:
            fired.append(Match(rule, names))
        elif truth is Truth.MAYBE:
            maybe.append(rule)
    level = highest([m.rule.level for m in fired])
    uncertain = tuple(r for r in maybe if r.level.rank > level.rank)
    return Assessment(level, tuple(fired), uncertain)
