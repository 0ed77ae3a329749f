"""Reading everything a run logged or printed, and finding what leaked into it: shared by the
log-hygiene checks of the skill (tests/robustness) and of the stores (tests/persistence)."""

import logging
import re
from collections.abc import Callable

import pytest


def capture_everything(caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> Callable[[], str]:
    """Everything logged (root at DEBUG) or printed so far, as one text, on each call."""
    caplog.set_level(logging.DEBUG)
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")

    def everything() -> str:
        out, err = capsys.readouterr()
        return "\n".join([*(formatter.format(r) for r in caplog.records), out, err])

    return everything


def leaked(secrets: set[str], captured: str) -> list[str]:
    """The secrets that appear in `captured` as whole words, whatever their case."""
    return sorted(
        s for s in secrets if s.strip() and re.search(rf"(?<!\w){re.escape(s)}(?!\w)", captured, re.IGNORECASE)
    )
