"""The triage table: every vignette in vignettes.toml must reach its level, for its reason."""

import tomllib
from pathlib import Path

import pytest

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.core.triage import triage

VIGNETTES = tomllib.loads((Path(__file__).parent / "vignettes.toml").read_text("utf-8"))["vignette"]


def test_the_table_spans_every_level_with_at_least_25_vignettes() -> None:
    assert len(VIGNETTES) >= 25
    assert {v["level"] for v in VIGNETTES} == {level.value for level in Level}


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["name"] for v in VIGNETTES])
def test_vignette(vignette: dict) -> None:
    knowledge = load_knowledge()
    answers = Answers.from_dict(vignette["answers"], knowledge)
    outcome = triage(answers, knowledge)

    assert outcome.level.value == vignette["level"]
    if "reason" in vignette:
        assert any(vignette["reason"] in r.text for r in outcome.reasons), outcome.reasons
    causes = [c.id for c in outcome.likely_causes]
    for cause in vignette.get("causes", []):
        assert cause in causes
    for cause in vignette.get("not_causes", []):
        assert cause not in causes
    # Never a frightening disease among what may be spoken.
    assert all(c.kind == "common" for c in outcome.likely_causes)
    # A self-care result always has something to try; a doctor-bound one lists the tests.
    assert len(outcome.tips) >= 2
    if not any(knowledge.terms["medicine"][m].extra["kind"] == "medicine" for m in answers.medicines or ()):
        assert "switch_medication" not in [t.id for t in outcome.tips]
    if outcome.level in (Level.BOOK_APPOINTMENT, Level.DOCTOR_SOON):
        assert [t.id for t in outcome.tests] == ["blood_tests", "mri", "ct", "emg"]
