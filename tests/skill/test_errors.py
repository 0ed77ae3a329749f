"""An unexpected error anywhere becomes a calm spoken apology that keeps the interview."""

import logging

import pytest

from muscle_twitch.skill.handlers import answer, errors
from tests.alexa import say, state

ASKING_SYMPTOMS = state("symptoms", emergency="no", areas=["calf"], onset=3)


def _broken(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("the calf answer broke something")


def test_a_failing_handler_gets_an_apology_and_the_interview_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answer, "advance", _broken)
    heard = say("answer_symptoms_weakness", attributes=ASKING_SYMPTOMS)
    assert heard.speech == errors.APOLOGY
    assert heard.reprompt == errors.APOLOGY_REPROMPT
    assert not heard.ended
    assert heard.attributes == ASKING_SYMPTOMS  # the interview stays exactly where it was


def test_the_error_is_logged_without_what_the_person_said(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(answer, "advance", _broken)
    with caplog.at_level(logging.DEBUG):
        say("answer_symptoms_weakness", attributes=ASKING_SYMPTOMS)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "RuntimeError" in logged
    assert "calf" not in logged and "weak" not in logged


def test_the_error_handler_survives_its_own_logging_failing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answer, "advance", _broken)
    monkeypatch.setattr(errors.log, "error", _broken)
    heard = say("answer_symptoms_weakness", attributes=ASKING_SYMPTOMS)
    assert heard.speech == errors.APOLOGY
    assert not heard.ended
