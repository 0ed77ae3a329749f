import datetime as dt
from pathlib import Path

import pytest

from simulator.matcher import Matcher
from simulator.model import InteractionModel, load_model

FIXTURES = Path(__file__).parent / "fixtures"
# A fixed "today" (a Wednesday) so date conversions are reproducible.
TODAY = dt.date(2024, 5, 8)


@pytest.fixture(scope="session")
def garden_model() -> InteractionModel:
    return load_model(FIXTURES / "garden-model.json")


@pytest.fixture(scope="session")
def garden_matcher(garden_model: InteractionModel) -> Matcher:
    return Matcher(garden_model)
