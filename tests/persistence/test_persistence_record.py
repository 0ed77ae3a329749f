"""What may be stored, and how stored items of every version read back (record.py)."""

from datetime import UTC, date, datetime
from typing import Any

import pytest

from muscle_twitch.persistence import record
from muscle_twitch.persistence.errors import CorruptedItem
from tests.persistence.support import load_fixture

STORED_ITEMS = load_fixture("stored_items.json")


@pytest.mark.parametrize(
    ("stored", "loads_as"),
    [(case["stored"], case["loads_as"]) for case in STORED_ITEMS["readable"]],
    ids=[case["case"] for case in STORED_ITEMS["readable"]],
)
def test_readable_items_load_in_the_current_layout(stored: Any, loads_as: dict) -> None:
    assert record.from_storage(stored) == loads_as


@pytest.mark.parametrize(
    "stored",
    [case["stored"] for case in STORED_ITEMS["corrupted"]],
    ids=[case["case"] for case in STORED_ITEMS["corrupted"]],
)
def test_corrupted_items_are_refused_whole(stored: Any) -> None:
    with pytest.raises(CorruptedItem):
        record.from_storage(stored)


@pytest.mark.parametrize(
    ("attributes", "stored", "refused"),
    [
        (
            {"heard_introduction": True, "last_visit": "2026-11-26"},
            {"schema_version": 1, "heard_introduction": True, "last_visit": "2026-11-26"},
            [],
        ),
        (
            {"heard_introduction": False, "last_visit": date(2026, 11, 26)},
            {"schema_version": 1, "heard_introduction": False, "last_visit": "2026-11-26"},
            [],
        ),
        (
            {"last_visit": datetime(2026, 11, 26, 23, 59, tzinfo=UTC)},
            {"schema_version": 1, "heard_introduction": False, "last_visit": "2026-11-26"},
            [],
        ),
        (
            # A caller's old version number never survives: the writer decides the layout.
            {"schema_version": 0, "heard_introduction": True},
            {"schema_version": 1, "heard_introduction": True},
            [],
        ),
        (
            # Interview answers that leak into the persistent attributes are never written.
            {
                "heard_introduction": True,
                "body_areas": ["calves"],
                "duration": "P2W",
                "answers": {"weakness": "no"},
            },
            {"schema_version": 1, "heard_introduction": True},
            ["answers", "body_areas", "duration"],
        ),
        (
            {"heard_introduction": "yes", "last_visit": "soon"},
            {"schema_version": 1, "heard_introduction": False},
            ["heard_introduction", "last_visit"],
        ),
        ({}, {"schema_version": 1, "heard_introduction": False}, []),
    ],
)
def test_only_the_three_facts_are_ever_stored(attributes: dict, stored: dict, refused: list[str]) -> None:
    assert record.for_storage(attributes) == (stored, refused)


def test_what_is_stored_reads_back_unchanged() -> None:
    stored, _ = record.for_storage({"heard_introduction": True, "last_visit": date(2026, 2, 28)})
    assert record.from_storage(stored) == stored
