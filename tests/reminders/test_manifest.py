"""The skill manifest declares exactly the permission the reminder needs."""

import json
from pathlib import Path

from muscle_twitch.skill.reminders import REMINDERS_SCOPE

MANIFEST = json.loads((Path(__file__).parents[2] / "skill-package" / "skill.json").read_text("utf-8"))["manifest"]


def test_the_manifest_declares_the_reminders_permission_and_no_other() -> None:
    assert MANIFEST["permissions"] == [{"name": REMINDERS_SCOPE}]
