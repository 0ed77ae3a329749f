"""The response contract used by the fuzz and matrix tests accepts good responses and rejects
each kind of bad one, so those tests can actually fail."""

import json
from pathlib import Path
from typing import Any

import pytest

from .alexa_contract import ContractViolation, check_response

CASES = json.loads((Path(__file__).parent / "fixtures" / "contract_cases.json").read_text())
PLACEHOLDERS = {'"LONG_TEXT"': "x" * 8001, '"HUGE_TEXT"': "x" * 25000}


def _expand(case: Any) -> Any:
    text = json.dumps(case)
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, json.dumps(value))
    return json.loads(text)


@pytest.mark.parametrize("name", sorted(CASES["valid"]))
def test_accepts(name: str) -> None:
    check_response(_expand(CASES["valid"][name]))


@pytest.mark.parametrize("name", sorted(CASES["invalid"]))
def test_rejects(name: str) -> None:
    with pytest.raises(ContractViolation):
        check_response(_expand(CASES["invalid"][name]))


def test_session_ended_request_needs_no_speech() -> None:
    check_response({"version": "1.0", "response": {}}, session_ended_request=True)
