"""Things written once (issue 28): the SSML escaping lives in skill/ssml.py, and the reminder's
wording only in the prompt tables; a second copy would drift from the first unnoticed."""

import ast
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from muscle_twitch import data
from muscle_twitch.skill.handlers.reminder_permission import check_in_text, default_wording
from muscle_twitch.skill.ssml import ssml_text

PACKAGE = Path(__file__).resolve().parents[2] / "lambda" / "muscle_twitch"
MODULES = sorted(PACKAGE.rglob("*.py"))


def strings_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_only_skill_ssml_escapes_text_for_ssml() -> None:
    escaping = [p.relative_to(PACKAGE) for p in MODULES if any("&amp;" in s or "&lt;" in s for s in strings_in(p))]
    assert escaping == [Path("skill/ssml.py")]


@pytest.mark.parametrize("text", ["Fish & chips < 3 > 2", "a bell\x07 and a lone \ud800 surrogate", "plain"])
def test_ssml_text_reads_back_as_the_text_without_what_xml_forbids(text: str) -> None:
    read = "".join(ElementTree.fromstring(f"<speak>{ssml_text(text)}</speak>").itertext())
    assert read == text.replace("\x07", "").replace("\ud800", "")


def test_the_reminder_wording_is_written_only_in_the_prompt_tables() -> None:
    section = data.load("prompts.en")["reminders"]
    openings = {value[:25] for value in section.values()}
    copies = {str(p.relative_to(PACKAGE)) for p in MODULES for s in strings_in(p) if s[:25] in openings}
    assert copies == set()


def test_the_default_wording_is_the_shared_tables() -> None:
    section = data.load("prompts.en")["reminders"]
    assert default_wording().not_answered == section["not_answered"]
    assert check_in_text() == (section["spoken"], section["written"])
