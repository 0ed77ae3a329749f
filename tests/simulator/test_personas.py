"""Every persona (tests/simulator/personas/), played against the skill through the simulator:
the level a clinician expects, red flags first, at most seven questions, a reprompt with every
question, the voice budgets, and their own questions answered where they asked them."""

import pytest

from lambda_function import lambda_handler
from tests.simulator.personas import FOLDER, all_personas, describe, play, verdict

PERSONAS = all_personas()


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.path.stem for p in PERSONAS])
def test_persona(persona) -> None:
    played = play(persona, lambda_handler)
    problems = verdict(persona, played)
    assert not problems, f"{persona.path.name}: {persona.title}\n" + "\n".join(problems) + "\n" + describe(played)


def test_there_are_personas_for_every_level() -> None:
    levels = {p.level for p in PERSONAS}
    assert levels == {"emergency", "doctor_soon", "book_appointment", "self_care"}, levels
    assert FOLDER.is_dir()
