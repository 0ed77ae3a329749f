"""The house: the core and speech are plain Python and data. Nothing in them imports the ASK
SDK, Flask or boto3, so the interview and triage can be read, tested and reused alone."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "lambda" / "muscle_twitch"
PURE = sorted([*(PACKAGE / "core").glob("*.py"), *(PACKAGE / "speech").glob("*.py"), PACKAGE / "screens.py"])
FORBIDDEN = ("ask_sdk_core", "ask_sdk_model", "ask_sdk_runtime", "flask", "flask_ask_sdk", "boto3", "botocore")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", PURE, ids=[str(p.relative_to(PACKAGE)) for p in PURE])
def test_core_and_speech_import_no_sdk_web_or_aws_library(path: Path) -> None:
    bad = {name for name in imported(path) if name.split(".")[0] in FORBIDDEN}
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_the_core_imports_nothing_from_the_shell_or_speech() -> None:
    for path in (PACKAGE / "core").glob("*.py"):
        outside = {
            n for n in imported(path) if n.startswith("muscle_twitch.") and not n.startswith("muscle_twitch.core")
        }
        assert outside <= {"muscle_twitch.data"}, (path.name, outside)
