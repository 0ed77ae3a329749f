"""The cause table: complete against the seed article, and validated when it loads."""

import copy
import tomllib
from importlib import resources
from typing import Any

import pytest

from muscle_twitch.core.knowledge import KnowledgeError, load_knowledge, parse_knowledge
from muscle_twitch.data import DATA_FILES, compile_source


def raw_table() -> dict[str, Any]:
    text = resources.files("muscle_twitch.data").joinpath("knowledge.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_the_table_covers_every_cause_tip_and_test_in_the_seed_article() -> None:
    k = load_knowledge()
    common = [c.id for c in k.causes.values() if c.kind == "common"]
    serious = [c.id for c in k.causes.values() if c.kind == "serious"]
    assert len(common) == 10
    assert len(serious) == 9
    assert sorted(k.tips) == sorted(
        ["balanced_diet", "sleep", "manage_stress", "limit_caffeine", "quit_smoking", "switch_medication"]
    )
    assert [t.id for t in k.tests] == ["blood_tests", "mri", "ct", "emg"]
    assert {m.id for m in k.terms["medicine"].values()} >= {
        "corticosteroids",
        "estrogen",
        "stimulant_medication",
        "serotonergic",
        "kidney_disease",
        "thyroid_disease",
    }


def test_every_entry_names_a_known_source() -> None:
    k = load_knowledge()
    entries = [
        *[t for terms in k.terms.values() for t in terms.values()],
        *k.tips.values(),
        *k.causes.values(),
        *k.rules,
        *k.tests,
        *k.treatments,
    ]
    assert entries
    assert all(e.source in k.sources for e in entries)


def test_the_table_is_loaded_once_per_process() -> None:
    assert load_knowledge() is load_knowledge()


@pytest.mark.parametrize(
    ("phrase", "kind", "expected"),
    [
        ("My Calves", "body_area", "calf"),
        ("pins and needles!", "symptom", "numbness"),
        ("the pill", "medicine", "estrogen"),
        ("Energy drinks", "trigger", "caffeine"),
        ("hashimoto's", "medicine", "thyroid_disease"),
        ("elbow pit", "body_area", None),
    ],
)
def test_synonyms_resolve_to_ids_ignoring_case_and_punctuation(phrase: str, kind: str, expected: str | None) -> None:
    assert load_knowledge().resolve(kind, phrase) == expected


def _first(table: dict[str, Any], kind: str) -> dict[str, Any]:
    return table[kind][0]


# Each case breaks one thing and names the message the loader must give.
BROKEN = [
    ("missing source", lambda t: _first(t, "body_area").pop("source"), "body_area 'eyelid': source"),
    ("unknown source", lambda t: _first(t, "tip").update(source="blog"), "tip 'balanced_diet': source"),
    ("duplicate id", lambda t: t["trigger"].append(copy.deepcopy(t["trigger"][0])), "trigger 'caffeine': duplicate id"),
    ("bad id", lambda t: _first(t, "symptom").update(id="Trouble Breathing"), "id must be lowercase"),
    (
        "synonym of two entries",
        lambda t: t["body_area"][1]["synonyms"].append("eyelids"),
        "already a phrase of 'eyelid'",
    ),
    ("cause names an unknown area", lambda t: t["cause"][0]["areas"].append("elbow_pit"), "unknown id 'elbow_pit'"),
    ("cause without areas", lambda t: t["cause"][0].update(areas=[]), "at least one body area"),
    ("cause of unknown kind", lambda t: t["cause"][0].update(kind="scary"), "kind must be one of"),
    ("common cause without advice", lambda t: t["cause"][0].pop("advice"), "'advice' must be non-empty"),
    ("rule with unknown level", lambda t: t["rule"][0].update(level="panic"), "level must be one of"),
    ("rule without conditions", lambda t: t["rule"][0].pop("emergency_screen"), "needs at least one condition"),
    ("rule with a typo'd key", lambda t: t["rule"][1].update(symptom_any=["x"]), "unknown keys"),
    (
        "rule naming an unknown symptom",
        lambda t: t["rule"][1]["symptoms_any"].append("sneezing"),
        "unknown id 'sneezing'",
    ),
    (
        "rule threshold below one",
        lambda t: next(r for r in t["rule"] if "onset_days_at_least" in r).update(onset_days_at_least=0),
        ">= 1",
    ),
    (
        "serious cause no rule guards",
        lambda t: [
            r.update(related_causes=[c for c in r.get("related_causes", []) if c != "neuropathy"]) for r in t["rule"]
        ],
        "cause 'neuropathy'",
    ),
    ("onset without days", lambda t: _first(t, "onset").pop("days"), "onset 'today': 'days' is required"),
    ("medicine of unknown kind", lambda t: _first(t, "medicine").update(kind="potion"), "kind must be one of"),
    ("empty section", lambda t: t.update(tip=[]), "[[tip]]: at least one entry"),
    ("no sources", lambda t: t.update(sources={}), "[sources]"),
    ("tip without spoken text", lambda t: _first(t, "tip").update(spoken="  "), "'spoken' must be non-empty"),
]


@pytest.mark.parametrize(("break_it", "message"), [(b, m) for _, b, m in BROKEN], ids=[n for n, _, _ in BROKEN])
def test_a_malformed_table_is_rejected_naming_the_entry(break_it: Any, message: str) -> None:
    table = raw_table()
    break_it(table)
    with pytest.raises(KnowledgeError) as error:
        parse_knowledge(table)
    assert message in str(error.value)


def test_the_unbroken_table_parses() -> None:
    assert parse_knowledge(raw_table()).causes.keys() == load_knowledge().causes.keys()


@pytest.mark.parametrize("name", DATA_FILES)
def test_the_json_the_skill_reads_is_compiled_from_the_current_toml(name: str) -> None:
    compiled = resources.files("muscle_twitch.data").joinpath(f"{name}.json").read_text("utf-8")
    assert compiled == compile_source(name), "run `make model`"
