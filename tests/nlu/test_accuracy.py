"""The gate of issue 13: the skill understands the natural-speech corpus, strictly (only values
Alexa's entity resolution matches count), at least 95% overall and in every locale, with no false
red flag and no red-flag line missed. `make nlu` prints the same figures with the misses."""

from dataclasses import replace

import pytest

from tests.nlu.corpus import BATCH_DIRS
from tests.nlu.ids import LOCALES
from tests.nlu.score import Report, score

MIN_ACCURACY = 0.95


@pytest.fixture(scope="module")
def report() -> Report:
    return score(strict=True)


def test_overall_accuracy_is_at_least_95_percent(report: Report) -> None:
    assert report.accuracy() >= MIN_ACCURACY


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_is_at_least_95_percent(report: Report, locale: str) -> None:
    assert report.accuracy(report.by("locale")[locale]) >= MIN_ACCURACY


def test_no_red_flag_is_heard_where_none_was_said(report: Report) -> None:
    assert [(v.locale, v.utterance.text, v.problems) for v in report.false_red_flags] == []


def test_no_red_flag_line_is_missed(report: Report) -> None:
    assert [(v.locale, v.utterance.question, v.utterance.text, v.problems) for v in report.missed_red_flags] == []


def test_the_gate_can_fail(report: Report) -> None:
    # The same verdicts with one line misheard and one red flag invented fall below a perfect
    # score and are named, so the figures above are measured, not assumed.
    correct = [v for v in report.verdicts if v.correct][:40]
    broken = [
        replace(correct[0], problems=["misheard on purpose"]),
        replace(correct[1], false_red_flag=True),
        *correct[2:],
    ]
    degraded = Report(broken)
    assert degraded.accuracy() == pytest.approx(39 / 40)
    assert [v.utterance.text for v in degraded.false_red_flags] == [correct[1].utterance.text]


# The later batches (tests/nlu/README.md): written after the model, independently again, by someone
# who never saw it. They are the best estimate of how a new person fares, so they are not tuned to
# 95 % (that would mean memorising them); each must never hear a red flag that was not said, never
# miss one that was, and never fall below what it scored once its red flags were fixed.
LATER_BATCH_FLOORS = {"second": 0.84, "third": 0.71}


@pytest.fixture(scope="module", params=sorted(LATER_BATCH_FLOORS))
def later_batch(request: pytest.FixtureRequest) -> tuple[Report, float]:
    return score(strict=True, directory=BATCH_DIRS[request.param]), LATER_BATCH_FLOORS[request.param]


def test_a_later_batch_hears_no_red_flag_that_was_not_said(later_batch: tuple[Report, float]) -> None:
    report, _ = later_batch
    assert [(v.locale, v.utterance.text, v.problems) for v in report.false_red_flags] == []


def test_a_later_batch_misses_no_red_flag(later_batch: tuple[Report, float]) -> None:
    report, _ = later_batch
    assert [(v.locale, v.utterance.text, v.problems) for v in report.missed_red_flags] == []


def test_a_later_batch_does_not_fall_below_its_recorded_figure(later_batch: tuple[Report, float]) -> None:
    report, floor = later_batch
    assert report.accuracy() >= floor
