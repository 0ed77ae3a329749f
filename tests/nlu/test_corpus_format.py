"""The natural-speech corpus is well formed: known questions, keys and ids, valid ranges, no duplicated line,
and as large as the task requires. The format checks are themselves tested on broken lines, so a typo fails."""

import copy
from pathlib import Path

import pytest

from muscle_twitch.core.knowledge import load_knowledge
from tests.nlu import ids
from tests.nlu.corpus import (
    BATCH_DIRS,
    CORPUS_DIR,
    Utterance,
    counts_table,
    load,
    problems,
    read,
)

DOCUMENTS = read()
README = Path(__file__).parent / "README.md"

MIN_LINES_BIG, MIN_LINES_OTHER, MIN_LINES_ALL = 80, 40, 1200
MIN_OWN_LINES_PER_LOCALE = 60
MIN_RED_FLAG_LINES = 80


@pytest.fixture(scope="module")
def utterances() -> list[Utterance]:
    # load() refuses a corpus with problems; test_the_file_has_no_problems names them one file at a time.
    return load()


def test_there_is_one_file_per_question():
    assert sorted(path.stem for path in CORPUS_DIR.glob("*.toml")) == sorted(ids.MAIN_QUESTIONS)


def test_every_question_the_skill_asks_has_lines_in_some_batch():
    # Asked at a question: the interview's (one-at-a-time signs included), the offer, and any time.
    covered = {u.question for batch in BATCH_DIRS.values() for u in load(batch)}
    asked = {q.id for q in load_knowledge().questions}
    assert asked | {"offer", "any", "questions"} <= covered, sorted(asked - covered)


@pytest.mark.parametrize("question", ids.MAIN_QUESTIONS)
def test_the_file_has_no_problems(question: str):
    assert problems(question, DOCUMENTS[question]) == []


@pytest.mark.parametrize("question", ids.MAIN_QUESTIONS)
def test_each_question_has_enough_lines(utterances: list[Utterance], question: str):
    minimum = MIN_LINES_BIG if question in ids.BIG_QUESTIONS else MIN_LINES_OTHER
    assert sum(utterance.question == question for utterance in utterances) >= minimum


def test_the_corpus_has_enough_lines(utterances: list[Utterance]):
    assert len(utterances) >= MIN_LINES_ALL


@pytest.mark.parametrize("locale", ids.LOCALES)
def test_each_locale_has_enough_lines_in_its_own_way_of_speaking(utterances: list[Utterance], locale: str):
    own = [u for u in utterances if u.locale_specific and locale in u.locales]
    assert len(own) >= MIN_OWN_LINES_PER_LOCALE


def test_there_are_enough_red_flag_phrasings(utterances: list[Utterance]):
    assert sum(utterance.red_flag for utterance in utterances) >= MIN_RED_FLAG_LINES


def test_lines_marked_as_false_red_flags_state_no_red_flag(utterances: list[Utterance]):
    marked = [u for u in utterances if u.note and u.note.startswith("false red flag")]
    assert len(marked) >= 30
    assert [u.text for u in marked if u.red_flag] == []


def test_the_readme_counts_are_current(utterances: list[Utterance]):
    assert counts_table(utterances) in README.read_text(encoding="utf-8"), (
        "tests/nlu/README.md is stale: paste the output of `python -m tests.nlu.corpus`"
    )


GOOD_LINE = {"text": "my left calf", "expect": {"areas": ["calf"]}}


def _with(**changes: object) -> dict[str, object]:
    line = copy.deepcopy(GOOD_LINE)
    for key, value in changes.items():
        if value is None:
            line.pop(key, None)
        else:
            line[key] = value
    return line


# (what is wrong, question, line, words the problem must contain)
BROKEN_LINES = [
    ("misspelt area id", "areas", _with(expect={"areas": ["calve"]}), "unknown areas id 'calve'"),
    ("misspelt symptom id", "symptoms", _with(expect={"symptoms": ["numbess"]}), "unknown symptoms id 'numbess'"),
    ("misspelt trigger id", "triggers", _with(expect={"triggers": ["coffee"]}), "unknown triggers id 'coffee'"),
    ("misspelt medicine id", "medicines", _with(expect={"medicines": ["ssri"]}), "unknown medicines id 'ssri'"),
    ("an id twice", "areas", _with(expect={"areas": ["calf", "calf"]}), "lists an id twice"),
    ("a bare string for a list", "areas", _with(expect={"areas": "calf"}), "non-empty list of ids"),
    ("an empty list", "areas", _with(expect={"areas": []}), "non-empty list of ids"),
    ("unknown frequency", "frequency", _with(expect={"frequency": "weekly"}), "frequency must be one of"),
    ("unknown length", "twitch_length", _with(expect={"twitch_length": "short"}), "twitch_length must be one of"),
    ("unknown reply", "emergency", _with(expect={"reply": "maybe"}), "reply must be one of"),
    ("unknown meta", "any", _with(expect={"meta": "quit"}), "meta must be one of"),
    (
        "medicine_new maybe",
        "medicines",
        _with(expect={"medicines": ["diabetes"], "medicine_new": "maybe"}),
        "medicine_new",
    ),
    ("unknown expect key", "areas", _with(expect={"areas": ["calf"], "side": "left"}), "unknown expect key 'side'"),
    ("empty expect", "areas", _with(expect={}), "expect must be a non-empty table"),
    ("no expect", "areas", _with(expect=None), "expect must be a non-empty table"),
    ("reversed range", "onset", _with(expect={"onset_days": [14, 7]}), "0 <= min <= max"),
    ("negative range", "onset", _with(expect={"onset_days": [-1, 2]}), "0 <= min <= max"),
    ("absurd range", "onset", _with(expect={"onset_days": [1, 99999]}), "0 <= min <= max"),
    ("one number", "onset", _with(expect={"onset_days": [14]}), "two whole numbers"),
    ("fractional days", "onset", _with(expect={"onset_days": [1.5, 3]}), "two whole numbers"),
    ("capital letters", "areas", _with(text="My left calf"), "lower-case words"),
    ("punctuation", "areas", _with(text="my left calf, mostly"), "lower-case words"),
    ("double space", "areas", _with(text="my  left calf"), "lower-case words"),
    ("trailing space", "areas", _with(text="my left calf "), "lower-case words"),
    ("no text", "areas", _with(text=None), "lower-case words"),
    ("unknown locale", "areas", _with(locales=["en-NZ"]), "unknown locale 'en-NZ'"),
    ("locale twice", "areas", _with(locales=["en-GB", "en-GB"]), "listed twice"),
    ("all five listed", "areas", _with(locales=list(ids.LOCALES)), "omit locales"),
    ("empty locales", "areas", _with(locales=[]), "non-empty list of locale names"),
    ("empty note", "areas", _with(note=" "), "note, when given"),
    ("unknown line key", "areas", _with(intent="AreaIntent"), "unknown key 'intent'"),
    ("a context outside questions.toml", "frequency", _with(context="launch"), "context belongs to"),
    ("yes/no without a reply", "sign_face", _with(expect={"areas": ["face"]}), "needs reply"),
    ("any without meta", "any", _with(expect={"reply": "no"}), "needs meta"),
]


@pytest.mark.parametrize(("wrong", "question", "line", "expected"), BROKEN_LINES, ids=[row[0] for row in BROKEN_LINES])
def test_a_broken_line_is_named(wrong: str, question: str, line: dict[str, object], expected: str):
    found = problems(question, {"utterance": [line]})
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize("question", ["areas", "sign_face", "any"])
def test_the_good_line_has_no_problems_so_each_broken_one_fails_for_its_own_reason(question: str):
    answer = {"areas": {"areas": ["calf"]}, "sign_face": {"reply": "no"}, "any": {"meta": "help"}}[question]
    assert problems(question, {"utterance": [_with(expect=answer)]}) == []


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"utterance": [GOOD_LINE, GOOD_LINE]}, "appears 2 times"),
        ({"utterance": []}, "non-empty list"),
        ({"utterance": [GOOD_LINE], "title": "x"}, "only [[utterance]] tables"),
        ({"utterance": ["my left calf"]}, "not a table"),
    ],
)
def test_a_broken_file_is_named(document: dict[str, object], expected: str):
    assert any(expected in problem for problem in problems("areas", document))


def test_a_file_for_an_unknown_question_is_named():
    assert "unknown question 'area'" in problems("area", {"utterance": [GOOD_LINE]})[0]


@pytest.mark.parametrize(
    ("question", "expect", "red_flag"),
    [
        ("emergency", {"reply": "yes"}, True),
        ("sign_limb", {"reply": "yes"}, True),
        ("sudden_onset", {"reply": "yes"}, True),
        ("emergency", {"reply": "unsure"}, False),
        ("emergency", {"reply": "no", "triggers": ["caffeine"]}, False),
        ("offer", {"reply": "yes"}, False),
        ("symptoms", {"symptoms": ["trouble_breathing"]}, True),
        ("areas", {"areas": ["face"], "symptoms": ["mouth_numbness"]}, True),
        ("symptoms", {"symptoms": ["weakness", "cramps"]}, False),
        ("symptoms", {"symptoms": ["heavy_sweating"]}, False),
        ("medicine_signs", {"reply": "yes", "symptoms": ["heavy_sweating"]}, True),
        ("medicine_new", {"reply": "yes", "symptoms": ["racing_heart"]}, True),
        ("onset", {"onset_days": [5, 9], "medicine_new": "yes", "symptoms": ["fever"]}, True),
        ("any", {"meta": "help"}, False),
    ],
)
def test_what_counts_as_a_red_flag(question: str, expect: dict[str, object], red_flag: bool):
    assert ids.is_red_flag(question, expect) is red_flag


def test_the_id_lists_are_consistent():
    assert (ids.BIG_QUESTIONS | ids.YES_NO_QUESTIONS | ids.RED_FLAG_QUESTIONS).issubset(ids.QUESTIONS)
    assert (ids.RED_FLAG_SYMPTOMS | ids.SEROTONIN_SIGNS).issubset(ids.SYMPTOMS)
    assert len(ids.QUESTIONS) == len(set(ids.QUESTIONS)) == 27
    assert set(ids.QUESTIONS) >= ids.FOLLOW_UPS and len(ids.MAIN_QUESTIONS) == 18
    sizes = {name: len(getattr(ids, name)) for name in ("BODY_AREAS", "SYMPTOMS", "TRIGGERS", "MEDICINES")}
    assert sizes == {"BODY_AREAS": 14, "SYMPTOMS": 27, "TRIGGERS": 10, "MEDICINES": 14}


# Each later batch read once, like DOCUMENTS: (batch, question) -> its parsed file.
LATER_DOCUMENTS = {
    (batch, question): document
    for batch in sorted(set(BATCH_DIRS) - {"main"})
    for question, document in read(BATCH_DIRS[batch]).items()
}


@pytest.mark.parametrize(("batch", "question"), sorted(LATER_DOCUMENTS), ids=lambda v: v)
def test_a_later_batch_has_no_problems(batch: str, question: str):
    assert question in ids.QUESTIONS
    assert problems(question, LATER_DOCUMENTS[batch, question]) == []
