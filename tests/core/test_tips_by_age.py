"""A tip with words by age (the cause table's `by_age`) says the figure for the patient's age: the
article's adult hours never reach a teenager or a child, and a carer who gave no age hears none."""

from __future__ import annotations

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.assessment import assess
from muscle_twitch.core.knowledge import SOMEONE_BAND, load_knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.core.outcome import age_band, build_outcome
from muscle_twitch.speech import Voice
from muscle_twitch.speech.prompts import Prompts

K = load_knowledge()
AGED = [tip for tip in K.tips.values() if tip.by_age]
# The plain self-care interview the tips are for: everyday twitching, a trigger each tip answers.
PLAIN = {"emergency": "no", "areas": ("eyelid",), "symptoms": (), "onset": 3, "frequency": "daily", "medicines": ()}


def bands() -> list[tuple[str, str, int | None, str | None]]:
    """(tip, band, an age in it or None, subject) for every band of every tip with words by age."""
    cases = []
    for tip in AGED:
        for band, (youngest, oldest) in tip.by_age.items():
            cases += [(tip.id, band, max(youngest, 1), "self"), (tip.id, band, oldest, "other")]
        cases.append((tip.id, SOMEONE_BAND, None, "other"))
        cases.append((tip.id, "", None, "self"))
    return cases


def test_some_tip_has_words_by_age() -> None:
    assert AGED, "the sleep tip's adult hours need their figures for younger people"


@pytest.mark.parametrize(("tip", "band", "age", "subject"), bands())
def test_the_spoken_and_written_tip_follow_the_age(tip: str, band: str, age: int | None, subject: str) -> None:
    trigger = K.tips[tip].applies_to[0]
    answers = Answers({**PLAIN, "triggers": (trigger,)}, subject=subject, age=age)
    assessment = assess(answers, K)
    assert assessment.level is Level.SELF_CARE
    outcome = build_outcome(answers, assessment, K)
    assert age_band(answers, K) == band == outcome.age_band
    prompts = Prompts("en-US")
    for form in ("spoken", "written"):
        key = f"names.tip.{tip}.{band}.{form}" if band else f"names.tip.{tip}.{form}"
        assert prompts.has(key), key
    words = prompts.text(f"names.tip.{tip}.{band}.spoken" if band else f"names.tip.{tip}.spoken")
    others = {prompts.text(f"names.tip.{tip}.{b}.spoken") for b in (*K.tips[tip].by_age, SOMEONE_BAND) if b != band}
    if band:
        others.add(prompts.text(f"names.tip.{tip}.spoken"))
    assert outcome.spoken_tip == tip
    spoken = Voice(K, "en-US").results.speak(outcome, answers).lower()
    assert words.lower() in spoken and not any(o.lower() in spoken for o in others), spoken


def test_an_adult_age_keeps_the_tips_own_words() -> None:
    oldest = max(high for tip in AGED for _, high in tip.by_age.values())
    assert age_band(Answers(PLAIN, age=oldest + 1), K) == ""
