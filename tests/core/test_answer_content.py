"""The answers to the person's own questions: the medical side (data/answers.toml) and the English
words (data/language/en/answers.toml) agree, cite their sources, fit two breaths, and keep the
safety rules: no diagnosis, no frightening disease name except the person's own through
{disease}, no promise that the twitching will stop, no advice to start or stop a medicine alone,
a safety net wherever an answer reassures, and a time frame after every doctor result."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[2] / "lambda" / "muscle_twitch" / "data"


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


MEDICAL = _load(DATA / "answers.toml")
WORDS = _load(DATA / "language" / "en" / "answers.toml")
CARE = _load(DATA / "locales.toml")["care"]
ANSWERS = {answer["id"]: answer for answer in MEDICAL["answer"]}

REQUIRED_TOPICS = {
    "serious", "disease", "causes", "my_cause", "what_to_do", "how_long", "when_doctor", "doctor_visit",
    "treatments", "trigger_link", "supplements", "eyelid_normal", "family", "tell_doctor", "why_result",
}  # fmt: skip
VARIANTS = {"general", "self_care", "book_appointment", "doctor_soon"}
DOCTOR_LEVELS = {"book_appointment", "doctor_soon"}
TRIGGER_KEYS = {
    "caffeine",
    "stress",
    "exercise",
    "dehydration",
    "poor_sleep",
    "smoking",
    "medicine",
    "alcohol",
    "other",
}

# Where each placeholder may appear (ANYWHERE: in any text). A doctor-level variant is looked up before
# a key, so it never uses {causes} or {tips}, which may be empty; {when} exists only after a doctor
# result and {reasons} only explains one.
ANYWHERE = {"watch", "doctor", "your_doctor", "doctor_or_urgent", "emergency"}
SCOPED = {
    "disease": lambda topic, table: topic == "disease",
    "trigger": lambda topic, table: topic == "trigger_link",
    "causes": lambda topic, table: topic in {"my_cause", "why_result"} and table in {"general", "self_care"},
    "tips": lambda topic, table: topic == "what_to_do" and table in {"general", "self_care"},
    "reasons": lambda topic, table: topic == "why_result" and table in DOCTOR_LEVELS,
    "when": lambda topic, table: table in DOCTOR_LEVELS,
}
ALLOWED = ANYWHERE | set(SCOPED)
# What a key "none" stands for: the placeholder its answer is built around is empty.
NONE_KEY_EMPTY = {"causes": "causes", "tips": "tips"}

# Typical long fills, for counting spoken words as they will be heard. Care words: the longest of
# any locale (locales.toml), or the generic "your local emergency number".
FILLS = {
    "disease": "motor neurone disease",
    "trigger": "energy drinks",
    "causes": "caffeine and too little sleep",
    "tips": "less caffeine may help",
    "reasons": "it has been going on for two weeks or more",
    "watch": "two weeks",
    **{
        word: max((care[word] for care in CARE.values()), key=lambda text: len(text.split()))
        for word in ("doctor", "your_doctor", "doctor_or_urgent")
    },
    "emergency": "your local emergency number",
}
WHEN = {"book_appointment": "in the next week or two", "doctor_soon": "today or tomorrow"}
SPOKEN_WORDS = 35
CARD_WORDS = 90

# Frightening disease names (and a few more that only a doctor should bring up): never in any text
# or card source line; the person's own word reaches the disease answer only through {disease}.
FRIGHTENING = [
    r"als", r"a\.l\.s\.?", r"amyotrophic", r"lou gehrig'?s?", r"motor neurone?s?", r"mnd", r"ms",
    r"multiple sclerosis", r"sclerosis", r"parkinson'?s?", r"parkinsonism", r"dystroph(?:y|ies)",
    r"atroph(?:y|ies)", r"tumou?rs?", r"cancers?", r"malignan\w*", r"strokes?", r"serotonin", r"myopath\w*",
    r"neuropath\w*", r"isaacs'?", r"hoffmann?'?s?", r"myasthenia", r"huntington'?s?", r"dystonia",
    r"dementia", r"alzheimer'?s?", r"epilep\w*", r"palsy", r"paralys[ie]s", r"lymphoma",
    r"leuka?emia", r"guillain", r"fasciculation syndrome", r"hypocalca?emia", r"thrombosis",
]  # fmt: skip
FRIGHTENING_RE = re.compile(r"\b(?:" + "|".join(FRIGHTENING) + r")\b", re.IGNORECASE)

# Promises that the twitching will stop, and over-certain reassurance.
PROMISES_RE = re.compile(
    r"\b(?:will|'ll|is going to|are going to|going to)\s+(?:\w+\s+)?"
    r"(?:stop|go away|settle|disappear|pass|clear|fade|end|ease|calm|get better|improve|vanish)\b"
    r"|\bgoes? away for good\b|\bfor good\b|\bguarantee\w*|\bdefinitely\b|\bcertainly\b|\bnothing to worry about\b"
    r"|\bcan(?:no|')t be (?:anything|serious)\b|\bimpossible\b|\bnever serious\b|\bno need to see\b",
    re.IGNORECASE,
)
# Advice to start or stop a medicine or supplement is allowed only negated or sent to a doctor.
MEDICINE_ADVICE_RE = re.compile(
    r"\b(?:try|trying|start|starting|stop|stopping|take|taking|change|changing|switch|switching|quit|cut out)\b"
    r"(?:\s+\w+){0,3}?\s+(?:medicines?|medications?|pills?|tablets?|supplements?|magnesium|vitamins?|it|one)\b",
    re.IGNORECASE,
)
SAFE_BEFORE = re.compile(r"\b(?:don't|do not|never|not|rather than|before|without|ask|talk|see your|doctor)\b", re.I)
# Diagnosing: telling the person what they have.
DIAGNOSIS_RE = re.compile(
    r"\byou(?:'ve| have) (?:got )?(?:a |an )?(?:benign|harmless|nothing|just)\b|\bit's just\b"
    r"|\bthis is (?:benign|harmless)\b|\byou don't have\b|\byou do not have\b"
    r"|\bit(?:'s| is) not \{disease\}|\bisn't \{disease\}",
    re.IGNORECASE,
)
REASSURING_RE = re.compile(r"\b(?:harmless|common|usually|rarely|normal|nothing (?:you|sounds)|often settles)\b", re.I)
DOCTOR_RE = re.compile(r"\{(?:your_doctor|doctor|doctor_or_urgent)\}")
TIME_FRAME_RE = re.compile(r"\{when\}|\btoday\b|\btomorrow\b|\bnext week\b|\bweek or two\b|\bwithin\b", re.I)


def tables() -> list[tuple[str, str]]:
    """Every (topic, variant or key) that needs English words."""
    return [
        (answer["id"], table)
        for answer in MEDICAL["answer"]
        for table in [*answer["variants"], *answer.get("keys", [])]
    ]


def texts() -> list[tuple[str, str, str, str]]:
    """Every (topic, table, field, text) in the English words."""
    return [
        (topic, table, field, WORDS[topic][table][field]) for topic, table in tables() for field in ("spoken", "card")
    ]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def fill(text: str, table: str) -> str:
    values = {**FILLS, "when": WHEN.get(table, "in the next week or two")}
    return text.format(**values)


def words(text: str) -> int:
    return len([token for token in text.split() if re.search(r"\w", token)])


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.;:!?])\s+", text) if part.strip()]


LIST_SEPARATOR = re.compile(r",\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+")


def longest_list(sentence: str) -> int:
    """The longest run of short items (three words or fewer) joined by commas, "and" or "or". A rough
    guard: the first item of a list often hides in a longer phrase ("cut back on coffee"), so this
    counts the items after it, and a review reads the rest. "Such as" or "like" starts a list."""
    longest = run = 0
    for chunk in LIST_SEPARATOR.split(sentence.rstrip(".;:!")):
        if re.match(r"(?:such as|like|for example|for instance)\b", chunk.strip(), re.I):
            run = 1  # "some medicines can, such as steroids, ...": the list starts here
        else:
            run = run + 1 if 0 < words(chunk) <= 3 else 0
        longest = max(longest, run)
    return longest


def test_the_list_check_counts_items() -> None:
    assert longest_list("Cut back on coffee, tea, cola, chocolate or energy drinks.") == 4
    assert longest_list("It's often stress, caffeine, short sleep or hard exercise.") == 4
    assert longest_list("See your doctor if it lasts two weeks, spreads, or comes with weakness or numbness.") == 3
    assert longest_list("Some medicines can, such as steroids, hormone pills or stimulants.") == 3


TEXT_IDS = [f"{topic}.{table}.{field}" for topic, table, field, _ in texts()]


# ---------------------------------------------------------------- structure


def test_schema_version_and_every_required_topic() -> None:
    assert MEDICAL["schema_version"] == 1
    assert len(ANSWERS) == len(MEDICAL["answer"]), "an answer id is used twice"
    assert set(ANSWERS) >= REQUIRED_TOPICS


@pytest.mark.parametrize("topic", sorted(ANSWERS))
def test_each_answer_declares_general_known_variants_and_sound_keys(topic: str) -> None:
    answer = ANSWERS[topic]
    assert set(answer) <= {"id", "sources", "variants", "keyed_by", "keys", "card_source"}
    assert "general" in answer["variants"]
    assert set(answer["variants"]) <= VARIANTS, "no 'emergency' variant: after an emergency only the instruction"
    assert len(set(answer["variants"])) == len(answer["variants"])
    assert ("keyed_by" in answer) == ("keys" in answer)
    keys = answer.get("keys", [])
    assert not set(keys) & (VARIANTS | {"emergency"}), "a key may not be named like a variant"
    assert len(set(keys)) == len(keys)
    assert isinstance(answer["card_source"], str) and answer["card_source"].strip()


def test_trigger_link_is_keyed_by_every_trigger_and_disease_is_not_keyed() -> None:
    assert ANSWERS["trigger_link"]["keyed_by"] == "trigger"
    assert set(ANSWERS["trigger_link"]["keys"]) == TRIGGER_KEYS
    assert "keys" not in ANSWERS["disease"]
    places = {area["id"] for area in _load(DATA / "knowledge.toml")["body_area"]}
    for topic, placeholder in (("my_cause", "causes"), ("why_result", "causes"), ("what_to_do", "tips")):
        keys = ANSWERS[topic]["keys"]
        assert ANSWERS[topic]["keyed_by"] == placeholder and keys[0] == "none"
        # Beside "none", a causes answer may have words for one place ("why is my eye twitching?").
        assert set(keys[1:]) <= (places if placeholder == "causes" else set()), topic


def test_every_declared_variant_and_key_has_english_words_and_nothing_else_does() -> None:
    declared = set(tables())
    written = {(topic, table) for topic, body in WORDS.items() for table in body}
    assert declared - written == set(), "declared but without English words"
    assert written - declared == set(), "English words for an answer, variant or key that is not declared"
    for topic, table in declared:
        assert set(WORDS[topic][table]) == {"spoken", "card"}, f"{topic}.{table}"
        assert all(isinstance(value, str) and value.strip() for value in WORDS[topic][table].values())


def test_every_source_key_exists_is_public_and_is_cited() -> None:
    sources = MEDICAL["sources"]
    cited = set()
    for answer in MEDICAL["answer"]:
        assert answer["sources"], f"{answer['id']} cites no source"
        assert set(answer["sources"]) <= set(sources), f"{answer['id']}: unknown source key"
        cited |= set(answer["sources"])
    assert cited == set(sources), f"sources nobody cites: {set(sources) - cited}"
    for key, citation in sources.items():
        assert "DOMAIN" not in citation and "shared/" not in citation, f"{key}: cite the public source itself"
        assert re.search(r"\.(?:com|org|uk|gov)\b|doi:|\d{4}", citation), f"{key}: say where to find it"


# ---------------------------------------------------------------- voice


@pytest.mark.parametrize(("topic", "table", "field", "text"), texts(), ids=TEXT_IDS)
def test_placeholders_are_allowed_and_in_their_place(topic: str, table: str, field: str, text: str) -> None:
    used = placeholders(text)
    assert used <= ALLOWED, f"unknown placeholder {used - ALLOWED}"
    for name in used & set(SCOPED):
        assert SCOPED[name](topic, table), f"{{{name}}} does not belong in {topic}.{table}"
    if table == "none":
        assert NONE_KEY_EMPTY[ANSWERS[topic]["keyed_by"]] not in used, "the 'none' key is for when it is empty"
    fill(text, table)  # every placeholder can be filled


@pytest.mark.parametrize(("topic", "table", "field", "text"), texts(), ids=TEXT_IDS)
def test_spoken_fits_two_breaths_and_card_fits_the_card(topic: str, table: str, field: str, text: str) -> None:
    filled = fill(text, table)
    if field == "spoken":
        assert words(filled) <= SPOKEN_WORDS, f"{words(filled)} words when filled: {filled}"
        assert not text.rstrip().endswith("?"), "the skill adds its own question"
        assert "?" not in text
        assert not re.search(r"\d", text), "numbers in words for speech"
        for sentence in sentences(text):
            assert longest_list(sentence) <= 3, f"list too long: {sentence}"
    else:
        assert words(filled) <= CARD_WORDS, f"{words(filled)} words when filled"


@pytest.mark.parametrize("topic", ["disease"])
def test_the_disease_answer_speaks_back_only_the_persons_word(topic: str) -> None:
    for table in ANSWERS[topic]["variants"]:
        for field in ("spoken", "card"):
            assert "{disease}" in WORDS[topic][table][field], f"{topic}.{table}.{field}"


# ---------------------------------------------------------------- safety


@pytest.mark.parametrize(("topic", "table", "field", "text"), texts(), ids=TEXT_IDS)
def test_no_frightening_disease_name_except_the_persons_own(topic: str, table: str, field: str, text: str) -> None:
    assert not FRIGHTENING_RE.search(text), FRIGHTENING_RE.search(text)
    if "{disease}" in text:
        assert topic == "disease"


@pytest.mark.parametrize("topic", sorted(ANSWERS))
def test_no_frightening_disease_name_in_the_card_source_line(topic: str) -> None:
    assert not FRIGHTENING_RE.search(ANSWERS[topic]["card_source"])


def test_the_frightening_names_are_caught() -> None:
    for sample in ["Could be ALS", "motor neurone disease", "MS", "Parkinson's", "a brain tumor", "a tumour",
                   "muscular dystrophy", "a stroke", "serotonin syndrome", "cancer"]:  # fmt: skip
        assert FRIGHTENING_RE.search(sample), sample
    for sample in ["falls", "alsoms", "mouse", "weakness", "muscles getting thinner", "stress"]:
        assert not FRIGHTENING_RE.search(sample), sample


@pytest.mark.parametrize(("topic", "table", "field", "text"), texts(), ids=TEXT_IDS)
def test_never_promises_it_will_stop_or_over_reassures(topic: str, table: str, field: str, text: str) -> None:
    assert not PROMISES_RE.search(text), PROMISES_RE.search(text)
    assert not DIAGNOSIS_RE.search(text), DIAGNOSIS_RE.search(text)


def test_the_promise_check_catches_promises() -> None:
    for sample in ["It will stop soon.", "It'll go away.", "It goes away for good.", "It will definitely settle.",
                   "There's nothing to worry about.", "It's going to settle down."]:  # fmt: skip
        assert PROMISES_RE.search(sample), sample


@pytest.mark.parametrize(("topic", "table", "field", "text"), texts(), ids=TEXT_IDS)
def test_never_advises_starting_or_stopping_a_medicine_alone(topic: str, table: str, field: str, text: str) -> None:
    for sentence in sentences(text):
        for match in MEDICINE_ADVICE_RE.finditer(sentence):
            before = sentence[: match.start()]
            describing = re.search(r"\b(?:if you|you|after)\s*$", before, re.I)  # "if you take...", "after starting..."
            assert describing or SAFE_BEFORE.search(before), f"medicine advice without a doctor: {sentence}"


def test_the_medicine_check_catches_advice() -> None:
    for sample in ["Try magnesium.", "Take a supplement.", "Stop taking your tablets."]:
        assert any(
            not SAFE_BEFORE.search(s[: m.start()]) for s in sentences(sample) for m in MEDICINE_ADVICE_RE.finditer(s)
        )


@pytest.mark.parametrize(("topic", "table", "field", "text"), texts(), ids=TEXT_IDS)
def test_a_reassuring_answer_says_when_to_see_a_doctor(topic: str, table: str, field: str, text: str) -> None:
    if table in DOCTOR_LEVELS or not REASSURING_RE.search(text):
        return
    assert DOCTOR_RE.search(text), "reassurance without a safety net"
    assert re.search(r"\bif\b", text, re.I), "the safety net says when"


@pytest.mark.parametrize(("topic", "table", "field", "text"), texts(), ids=TEXT_IDS)
def test_after_a_doctor_result_the_answer_says_how_soon_and_never_to_wait(
    topic: str, table: str, field: str, text: str
) -> None:
    if table not in DOCTOR_LEVELS:
        return
    assert TIME_FRAME_RE.search(text), "say how soon"
    assert "{when}" in text
    assert DOCTOR_RE.search(text) or "doctor" in text.lower()
    assert "{watch}" not in text, "a doctor result is not 'if it lasts...'"
    assert not re.search(r"\bnothing (?:sounds |is )?urgent\b|\bself-care\b|\bno need to\b(?! wait)", text, re.I)
    if table == "doctor_soon":
        assert "{doctor_or_urgent}" in text or "doctor" in text.lower()


def test_the_self_care_why_names_no_serious_cause() -> None:
    # {causes} are the everyday causes only; the text around them must not add any.
    for topic in ("my_cause", "why_result"):
        for table in ANSWERS[topic]["variants"] + ANSWERS[topic]["keys"]:
            for field in ("spoken", "card"):
                assert not re.search(r"\bkidney|thyroid\b", WORDS[topic][table][field], re.I)
