"""Loads and checks the natural-speech corpus: one TOML file per question under tests/nlu/corpus/.

`problems()` checks one file's parsed TOML and names every defect it finds, so a typo in an id, a
reversed range or a duplicated line fails the format test with the line's text. `load()` returns the
lines of a corpus that has no problems, for the scorer (`make nlu`) and the counts in the README.

`python -m tests.nlu.corpus` prints the counts table that tests/nlu/README.md must carry.
"""

import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import cast

from tests.nlu.ids import (
    CONTEXTS,
    EXPECT_KEYS,
    FREE_KEYS,
    LIST_KEYS,
    LOCALES,
    MAX_ONSET_DAYS,
    ONE_OF_KEYS,
    QUESTIONS,
    YES_NO_QUESTIONS,
    is_red_flag,
)

CORPUS_DIR = Path(__file__).parent / "corpus"
# Written later, independently again, and kept apart (tests/nlu/README.md, "The later batches").
SECOND_BATCH_DIR = Path(__file__).parent / "second_batch"
THIRD_BATCH_DIR = Path(__file__).parent / "third_batch"
# Written blind for the language layer (issues 24-26): every question, carers, people's own questions.
FOURTH_BATCH_DIR = Path(__file__).parent / "fourth_batch"
FIFTH_BATCH_DIR = Path(__file__).parent / "fifth_batch"
# Written blind for the stomach-upset follow-up added after the fifth.
SIXTH_BATCH_DIR = Path(__file__).parent / "sixth_batch"
SEVENTH_BATCH_DIR = Path(__file__).parent / "seventh_batch"
EIGHTH_BATCH_DIR = Path(__file__).parent / "eighth_batch"
NINTH_BATCH_DIR = Path(__file__).parent / "ninth_batch"
TENTH_BATCH_DIR = Path(__file__).parent / "tenth_batch"
ELEVENTH_BATCH_DIR = Path(__file__).parent / "eleventh_batch"
TWELFTH_BATCH_DIR = Path(__file__).parent / "twelfth_batch"
THIRTEENTH_BATCH_DIR = Path(__file__).parent / "thirteenth_batch"
FOURTEENTH_BATCH_DIR = Path(__file__).parent / "fourteenth_batch"
FIFTEENTH_BATCH_DIR = Path(__file__).parent / "fifteenth_batch"
SIXTEENTH_BATCH_DIR = Path(__file__).parent / "sixteenth_batch"
BATCH_DIRS = {
    "main": CORPUS_DIR,
    "second": SECOND_BATCH_DIR,
    "third": THIRD_BATCH_DIR,
    "fourth": FOURTH_BATCH_DIR,
    "fifth": FIFTH_BATCH_DIR,
    "sixth": SIXTH_BATCH_DIR,
    "seventh": SEVENTH_BATCH_DIR,
    "eighth": EIGHTH_BATCH_DIR,
    "ninth": NINTH_BATCH_DIR,
    "tenth": TENTH_BATCH_DIR,
    "eleventh": ELEVENTH_BATCH_DIR,
    "twelfth": TWELFTH_BATCH_DIR,
    "thirteenth": THIRTEENTH_BATCH_DIR,
    "fourteenth": FOURTEENTH_BATCH_DIR,
    "fifteenth": FIFTEENTH_BATCH_DIR,
    "sixteenth": SIXTEENTH_BATCH_DIR,
}

LINE_KEYS = frozenset({"text", "locales", "expect", "note", "context"})
# The file of people's own questions: each line says where it is said (ids.CONTEXTS).
OWN_QUESTIONS = "questions"

# As a speech recogniser writes it: lower case words, digits and apostrophes, single spaces, no punctuation.
ASR_TEXT = re.compile(r"[a-z0-9']+( [a-z0-9']+)*")

# Besides reply and meta, the key that answers each open question; a line must answer its question somehow.
ANSWER_KEY = {
    "areas": "areas",
    "symptoms": "symptoms",
    "onset": "onset_days",
    "frequency": "frequency",
    "medicines": "medicines",
    "twitch_length": "twitch_length",
    "triggers": "triggers",
}

# Questions that list several signs: naming which one is part of the answer, not an over-answer.
SIGN_LISTING_QUESTIONS = frozenset({"emergency", "medicine_signs"})


@dataclass(frozen=True)
class Utterance:
    question: str
    text: str
    # Who would say it this way; `locale_specific` is True when the file names them (not all five).
    locales: tuple[str, ...]
    locale_specific: bool
    expect: Mapping[str, object]
    note: str | None
    context: str | None = None  # where a person's own question is said (questions.toml only)

    @property
    def red_flag(self) -> bool:
        return is_red_flag(self.question, self.expect)

    @property
    def over_answer(self) -> bool:
        """Whether the line also answers something its question did not ask ("my calves, for two weeks")."""
        own = {"reply", "meta", ANSWER_KEY.get(self.question, "reply")}
        if self.question in SIGN_LISTING_QUESTIONS:
            own.add("symptoms")
        return bool(set(self.expect) - own)


def problems(question: str, document: Mapping[str, object]) -> list[str]:
    """Every defect of one question's parsed file, each naming the line it is in."""
    if question not in QUESTIONS:
        return [f"unknown question {question!r}: the file name must be one of {', '.join(QUESTIONS)}"]
    if set(document) != {"utterance"}:
        return [f"{question}: the file holds only [[utterance]] tables, found keys {sorted(document)}"]
    lines = document["utterance"]
    if not isinstance(lines, list) or not lines:
        return [f"{question}: [[utterance]] must be a non-empty list of tables"]
    found: list[str] = []
    seen: Counter[str] = Counter()
    for number, line in enumerate(lines, start=1):
        if not isinstance(line, dict):
            found.append(f"{question} #{number}: not a table")
            continue
        where = f"{question} #{number} {line.get('text')!r}"
        found += [f"{where}: {problem}" for problem in _line_problems(question, line)]
        if isinstance(line.get("text"), str):
            seen[line["text"]] += 1
    found += [f"{question}: {text!r} appears {count} times" for text, count in seen.items() if count > 1]
    return found


def _line_problems(question: str, line: dict[str, object]) -> list[str]:
    found = [f"unknown key {key!r}" for key in sorted(set(line) - LINE_KEYS)]
    text = line.get("text")
    if not isinstance(text, str) or not ASR_TEXT.fullmatch(text):
        found.append("text must be lower-case words, digits and apostrophes separated by single spaces")
    if "locales" in line:
        found += _locale_problems(line["locales"])
    note = line.get("note")
    if "note" in line and (not isinstance(note, str) or not note.strip()):
        found.append("note, when given, is a non-empty string")
    if question == OWN_QUESTIONS and line.get("context") not in CONTEXTS:
        found.append(f"a person's own question needs context, one of {sorted(CONTEXTS)}")
    if question != OWN_QUESTIONS and "context" in line:
        found.append(f"context belongs to {OWN_QUESTIONS}.toml only")
    expect = line.get("expect")
    if not isinstance(expect, dict) or not expect:
        return [*found, "expect must be a non-empty table"]
    found += _expect_problems(expect)
    found += _answer_problems(question, expect)
    return found


def _locale_problems(locales: object) -> list[str]:
    if not isinstance(locales, list) or not locales or not all(isinstance(locale, str) for locale in locales):
        return ["locales must be a non-empty list of locale names"]
    found = [f"unknown locale {locale!r}" for locale in locales if locale not in LOCALES]
    if len(set(locales)) != len(locales):
        found.append("a locale is listed twice")
    if set(locales) == set(LOCALES):
        # An explicit list means "written in these locales' way": a line for everyone omits it.
        found.append("all five locales listed: omit locales instead")
    return found


def _expect_problems(expect: dict[str, object]) -> list[str]:
    found = [f"unknown expect key {key!r}" for key in sorted(set(expect) - EXPECT_KEYS)]
    for key, allowed in LIST_KEYS.items():
        if key not in expect:
            continue
        values = expect[key]
        if not isinstance(values, list) or not values or not all(isinstance(value, str) for value in values):
            found.append(f"{key} must be a non-empty list of ids")
            continue
        found += [f"unknown {key} id {value!r}" for value in values if value not in allowed]
        if len(set(values)) != len(values):
            found.append(f"{key} lists an id twice")
    for key, allowed in ONE_OF_KEYS.items():
        if key in expect and expect[key] not in allowed:
            found.append(f"{key} must be one of {sorted(allowed)}, not {expect[key]!r}")
    if "onset_days" in expect:
        found += _range_problems(expect["onset_days"])
    for key in FREE_KEYS & set(expect):
        if not isinstance(expect[key], str) or not ASR_TEXT.fullmatch(expect[key]):
            found.append(f"{key} must be the words as said")
    if ("disease" in expect) != (expect.get("topic") == "disease"):
        found.append("disease goes with topic = 'disease', and that topic needs it")
    if "trigger" in expect and expect.get("topic") != "trigger_link":
        found.append("trigger goes with topic = 'trigger_link' only")
    return found


def _range_problems(days: object) -> list[str]:
    if not (isinstance(days, list) and len(days) == 2 and all(type(day) is int for day in days)):
        return ["onset_days must be [min, max], two whole numbers of days"]
    low, high = days
    if not 0 <= low <= high <= MAX_ONSET_DAYS:
        return [f"onset_days {days} must satisfy 0 <= min <= max <= {MAX_ONSET_DAYS}"]
    return []


def _answer_problems(question: str, expect: dict[str, object]) -> list[str]:
    if question == "any":
        return [] if "meta" in expect else ["a line of any.toml is a meta request: it needs meta"]
    if question == OWN_QUESTIONS:
        return [] if {"topic", "meta"} & set(expect) else ["a person's own question needs topic (or meta)"]
    if "topic" in expect:
        return []  # a question back instead of an answer ("is that bad?")
    if question in YES_NO_QUESTIONS and not {"reply", "meta"} & set(expect):
        return ["a yes/no question's line needs reply (or meta)"]
    # An open question may be dodged ("only after the gym" to "how often?"): what was said counts.
    return []


def read(directory: Path = CORPUS_DIR) -> dict[str, dict[str, object]]:
    """Each question's parsed file, by question id (the file name without .toml)."""
    return {path.stem: tomllib.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.toml"))}


def load(directory: Path = CORPUS_DIR) -> list[Utterance]:
    """Every line of a corpus without problems, in question order; raises ValueError naming the problems."""
    documents = read(directory)
    found = [problem for question, document in documents.items() for problem in problems(question, document)]
    if found:
        raise ValueError("the corpus has problems:\n" + "\n".join(found))
    ordered = [question for question in QUESTIONS if question in documents]
    return [_utterance(question, line) for question in ordered for line in _lines(documents[question])]


def _lines(document: Mapping[str, object]) -> list[dict[str, object]]:
    lines = document["utterance"]
    assert isinstance(lines, list)  # problems() has checked the shape
    return lines


def _utterance(question: str, line: dict[str, object]) -> Utterance:
    # problems() has checked every type below; the casts only tell the type checker so.
    locales = cast(list[str], line.get("locales", list(LOCALES)))
    return Utterance(
        question=question,
        text=cast(str, line["text"]),
        locales=tuple(locales),
        locale_specific="locales" in line,
        expect=MappingProxyType(cast(dict[str, object], line["expect"])),
        note=cast(str | None, line.get("note")),
        context=cast(str | None, line.get("context")),
    )


def counts_table(utterances: list[Utterance]) -> str:
    """The README's counts: lines per question, and per locale (all lines it hears, and those in its own way)."""
    per_question = Counter(utterance.question for utterance in utterances)
    red_flags = Counter(utterance.question for utterance in utterances if utterance.red_flag)
    over = Counter(utterance.question for utterance in utterances if utterance.over_answer)
    rows = ["| question | lines | red-flag lines | over-answers |", "|---|---|---|---|"]
    rows += [f"| `{q}` | {per_question[q]} | {red_flags[q]} | {over[q]} |" for q in QUESTIONS if per_question[q]]
    total = f"| **all** | **{len(utterances)}** | **{sum(red_flags.values())}** | **{sum(over.values())}** |"
    rows.append(total)
    rows += ["", "| locale | lines it applies to | written in its own way |", "|---|---|---|"]
    for locale in LOCALES:
        heard = sum(locale in utterance.locales for utterance in utterances)
        own = sum(utterance.locale_specific and locale in utterance.locales for utterance in utterances)
        rows.append(f"| {locale} | {heard} | {own} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(counts_table(load()))
