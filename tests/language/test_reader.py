"""The skill's reader, by its specification (readings.toml): every word Alexa hands over is read
into evidence, at the question it answers."""

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from muscle_twitch.core.interview import Evidence
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.language.reader import Context, read

CASES = tomllib.loads((Path(__file__).parent / "readings.toml").read_text("utf-8"))["case"]
DATA_EN = Path(__file__).resolve().parents[2] / "lambda" / "muscle_twitch" / "data" / "language" / "en"
K = load_knowledge()
TODAY = dt.date(2024, 5, 8)
KINDS = {"areas": "body_area", "symptoms": "symptom", "triggers": "trigger", "medicines": "medicine"}


def reading(case: dict[str, Any]) -> Evidence:
    asking = K.question(case["asking"]) if "asking" in case else None
    context = Context(asking=asking, subject=case.get("subject"), today=TODAY)
    return read(case["text"], K, case.get("locale", "en-US"), context)


def what_was_read(evidence: Evidence) -> dict[str, Any]:
    """The evidence in the specification's terms (only what is there)."""
    got: dict[str, Any] = {}
    for key, kind in KINDS.items():
        ids = [h.id for h in evidence.terms if h.kind == kind]
        if ids:
            got[key] = sorted(ids)
    for kind in ("frequency", "twitch_length"):
        ids = [h.id for h in evidence.terms if h.kind == kind]
        if ids:
            got[kind] = ids[0]
    simple = {"reply": evidence.reply, "subject": evidence.subject, "age": evidence.age, "meta": evidence.meta}
    got.update({k: v for k, v in simple.items() if v is not None})
    if evidence.implied:
        got["implied"] = dict(evidence.implied)
    if evidence.confirm:
        got["confirm"] = list(evidence.confirm)
    if evidence.denied:
        got["denied"] = sorted(evidence.denied)
    if evidence.topics:
        got["topic"] = evidence.topics[0].id
        if evidence.topics[0].key and evidence.topics[0].id == "disease":
            got["disease"] = evidence.topics[0].key
        if evidence.topics[0].key and evidence.topics[0].id == "trigger_link":
            got["trigger"] = evidence.topics[0].key
    return got


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_reading(case: dict[str, Any]) -> None:
    evidence = reading(case)
    got = what_was_read(evidence)
    expect = dict(case["expect"])
    days = expect.pop("onset_days", None)
    got_days = got.pop("onset_days", None)
    onset = evidence.onset_days if evidence.onset_days is not None else _days(evidence)
    if days is not None:
        assert onset is not None and days[0] <= onset <= days[1], f"onset {onset}, expected {days}: {got}"
    for key in ("areas", "symptoms", "triggers", "medicines", "denied"):
        if key in expect:
            expect[key] = sorted(expect[key])
    assert got == expect, case["text"]
    assert got_days is None


def _days(evidence: Evidence) -> int | None:
    seconds = evidence.duration_seconds
    return round(seconds / 86400) if seconds is not None and seconds >= 3600 else None


def test_no_words_is_no_evidence() -> None:
    assert read("", K, "en-US") == Evidence()
    assert read("   ", K, "en-GB") == Evidence()


def test_an_unknown_locale_reads_shared_english() -> None:
    assert read("my left eyelid", K, "xx-XX", Context(asking=K.question("areas"))).terms
    assert read("my left eyelid", K, "../../etc", Context(asking=K.question("areas"))).terms


def _words_alone() -> list[str]:
    """Every hedge, filler, negator and reply of the English word lists, as said on its own."""
    words = tomllib.loads((DATA_EN / "words.toml").read_text(encoding="utf-8"))
    said = [*words["hedges"], *words["fillers"], *words["negators"], *words["leaning"]]
    said += [phrase for replies in words["replies"].values() for phrase in replies]
    return sorted(set(said))


def test_a_hedge_filler_or_reply_alone_or_after_a_hedge_is_read_at_every_question() -> None:
    # "I think" alone once ran the reader past the end of the sentence: every short answer made
    # of the word lists is read, at every question, without an error.
    knowledge = load_knowledge()
    # One question of each kind of answer, and none: the reader's paths differ by that alone.
    kinds = {(q.answer, q.kind): q for q in reversed(knowledge.questions)}
    for question in [None, *kinds.values()]:
        context = Context(asking=question, today=dt.date(2024, 5, 8))
        for words in _words_alone():
            for text in (words, f"um {words}", f"i think {words}", f"{words} not"):
                read(text, knowledge, "en-US", context)


@pytest.mark.parametrize("text", ["alright", "sorry", "so um", "hang on", "before i answer"])
def test_words_that_lead_into_a_question_said_alone_are_read_without_error(text: str) -> None:
    # They are skipped to find where a question starts; said alone there is nothing after them.
    knowledge = load_knowledge()
    evidence = read(text, knowledge, "en-US", Context(asking=knowledge.question("emergency")))
    assert evidence.topics == () and not evidence.terms
