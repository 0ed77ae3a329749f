"""A doctor result without urgency says one true, reassuring sentence only when nothing the person
said, or left open with "not sure", is a sign of a nerve or muscle problem (knowledge.toml
[reassurance]); the signs are read from the table, never listed here."""

from __future__ import annotations

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.assessment import assess
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.core.outcome import build_outcome
from muscle_twitch.speech import Voice
from muscle_twitch.speech.prompts import Prompts

K = load_knowledge()
R = K.reassurance
SENTENCE = Prompts("en-US").text("result.reassure")
# Twitching in a calf for longer than the safety net allows, and nothing else: a doctor, no hurry.
WATCH = int(next(r for r in K.rules if r.safety_net).conditions["onset_days_at_least"])
PLAIN = {
    "emergency": "no",
    "areas": ("calf",),
    "symptoms": (),
    "onset": WATCH + 7,
    "frequency": "daily",
    "medicines": (),
}


def outcome_of(answers: Answers):  # type: ignore[no-untyped-def]
    outcome = build_outcome(answers, assess(answers, K), K)
    return outcome, Voice(K, "en-US").results.speak(outcome, answers)


def ruled_out_by() -> list[tuple[str, str]]:
    """(atom, id) for every sign or question the table says rules the sentence out."""
    assert R is not None
    found = []
    for condition in R.unless:
        for key, wanted in condition.items():
            found += [(key, w) for w in wanted]
    return found


def test_a_long_twitch_and_nothing_else_is_a_doctor_without_urgency_and_reassured() -> None:
    assert R is not None and R.levels
    outcome, spoken = outcome_of(Answers(PLAIN))
    assert outcome.level in R.levels and outcome.reassure
    assert SENTENCE in spoken


@pytest.mark.parametrize(("atom", "wanted"), ruled_out_by())
def test_a_sign_said_rules_the_sentence_out(atom: str, wanted: str) -> None:
    if atom == "symptoms_any":
        answers = Answers({**PLAIN, "symptoms": (wanted,)})
    else:
        assert atom == "said_yes"
        answers = Answers({**PLAIN, wanted: "yes"})
    outcome, spoken = outcome_of(answers)
    assert not outcome.reassure and SENTENCE not in spoken


@pytest.mark.parametrize(("atom", "wanted"), [w for w in ruled_out_by() if w[0] == "said_yes"])
def test_not_sure_about_a_sign_rules_it_out_too(atom: str, wanted: str) -> None:
    outcome, spoken = outcome_of(Answers({**PLAIN, wanted: None}, unsure=[wanted]))
    assert not outcome.reassure and SENTENCE not in spoken


def test_not_sure_about_other_symptoms_rules_it_out() -> None:
    answers = Answers({k: v for k, v in PLAIN.items() if k != "symptoms"}, unsure=["symptoms"])
    outcome, _ = outcome_of(answers)
    assert not outcome.reassure


def test_never_at_another_level() -> None:
    assert R is not None
    assert Level.EMERGENCY not in R.levels and Level.SELF_CARE not in R.levels
    outcome, spoken = outcome_of(Answers({**PLAIN, "onset": 2}))
    assert outcome.level is Level.SELF_CARE and not outcome.reassure and SENTENCE not in spoken
