"""The triage table: every vignette in vignettes.toml reaches its level, for its reason, with
only the everyday causes the answers point to, and says what a "not sure" left open."""

import tomllib
from pathlib import Path
from typing import Any

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.assessment import assess
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.core.outcome import build_outcome
from muscle_twitch.speech import Voice

VIGNETTES = tomllib.loads((Path(__file__).parent / "vignettes.toml").read_text("utf-8"))["vignette"]
K = load_knowledge()
VOICE = Voice(K, "en-US")


def answers_of(vignette: dict[str, Any]) -> Answers:
    return Answers.from_dict({"values": vignette["answers"], "unsure": vignette.get("unsure", [])}, K)


def test_the_table_spans_every_level() -> None:
    assert {v["level"] for v in VIGNETTES} == {level.value for level in Level}


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["name"] for v in VIGNETTES])
def test_vignette(vignette: dict[str, Any]) -> None:
    answers = answers_of(vignette)
    # Every answer in the vignette is valid: a typo would silently test nothing.
    assert dict(answers.values) == {q: tuple(v) if isinstance(v, list) else v for q, v in vignette["answers"].items()}
    outcome = build_outcome(answers, assess(answers, K), K)

    assert outcome.level.value == vignette["level"]
    if "reason" in vignette:
        spoken = [VOICE.results.reason(outcome, answers, i) for i in range(len(outcome.reasons))]
        assert any(vignette["reason"] in text for text in spoken), spoken
    if "causes" in vignette:
        if vignette["causes"] == []:
            assert outcome.causes == ()
        for cause in vignette["causes"]:
            assert cause in outcome.causes
    for cause in vignette.get("not_causes", []):
        assert cause not in outcome.causes
    for rule in vignette.get("uncertain", []):
        assert rule in outcome.uncertain
    # Never a frightening disease among what may be said, and every cause comes from an answer.
    assert all(K.causes[c].kind == "common" for c in outcome.causes)
    named = {
        *(answers.value("triggers") or ()),
        *(answers.value("medicines") or ()),
        *(answers.value("symptoms") or ()),
    }
    for cause_id in outcome.causes:
        cause = K.causes[cause_id]
        assert named & {*cause.triggers, *cause.medicines, *cause.symptoms}
    assert all(set(K.tips[t].applies_to) & named for t in outcome.tips)
    if outcome.level in (Level.BOOK_APPOINTMENT, Level.DOCTOR_SOON):
        assert outcome.tests == tuple(t.id for t in K.tests)
    else:
        assert outcome.tests == ()
