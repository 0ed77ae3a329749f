"""The cause table: complete against the seed article, and validated when it loads."""

import copy
import tomllib
from importlib import resources
from typing import Any

import pytest

from muscle_twitch.core.knowledge import KnowledgeError, load_knowledge, parse_knowledge
from muscle_twitch.data import compile_source, data_files

# What the seed article names (DOMAIN.md section 1): the table must cover every one of them.
SEED_COMMON = {
    "physical_activity", "stress_anxiety", "stimulants", "nutrient_deficiency", "dehydration", "nicotine",
    "eye_irritation", "drug_reaction", "electrolyte_imbalance", "sleep_loss",
}  # fmt: skip
SEED_SERIOUS = {
    "muscular_dystrophy", "als", "spinal_muscular_atrophy", "isaacs_syndrome", "chronic_kidney_disease",
    "myopathy", "serotonin_syndrome", "neuropathy", "hoffmann_syndrome",
}  # fmt: skip
SEED_PREVENTION = {"balanced_diet", "sleep", "manage_stress", "limit_caffeine", "quit_smoking", "switch_medication"}
SEED_TESTS = {"blood_tests", "mri", "ct", "emg"}


def _raw(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("muscle_twitch.data").joinpath(f"{name}.toml").read_text("utf-8"))


def raw_table() -> dict[str, Any]:
    return _raw("knowledge")


def test_the_table_covers_every_cause_tip_and_test_in_the_seed_article() -> None:
    k = load_knowledge()
    assert {c.id for c in k.causes.values() if c.kind == "common"} >= SEED_COMMON
    assert {c.id for c in k.causes.values() if c.kind == "serious"} >= SEED_SERIOUS
    assert set(k.tips) >= SEED_PREVENTION
    assert {t.id for t in k.tests} >= SEED_TESTS
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
        *k.questions,
    ]
    assert entries
    assert all(e.source in k.sources for e in entries)


def test_the_table_is_loaded_once_per_process() -> None:
    assert load_knowledge() is load_knowledge()


def _first(table: dict[str, Any], kind: str) -> dict[str, Any]:
    return table[kind][0]


def _rule(table: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in table["rule"] if r["id"] == rule_id)


def _question(table: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(q for q in table["question"] if q["id"] == question_id)


# Each case breaks one thing in the cause table (K) or the question table (Q), and names the
# message the loader must give.
BROKEN = [
    ("K", "missing source", lambda t: _first(t, "body_area").pop("source"), "body_area 'eyelid': source"),
    ("K", "unknown source", lambda t: _first(t, "tip").update(source="blog"), "tip 'balanced_diet': source"),
    ("K", "duplicate id", lambda t: t["trigger"].append(copy.deepcopy(t["trigger"][0])), "duplicate id"),
    ("K", "bad id", lambda t: _first(t, "symptom").update(id="Trouble Breathing"), "id must be lowercase"),
    ("K", "a name in the medical table", lambda t: _first(t, "symptom").update(name="x"), "unknown keys"),
    (
        "K",
        "cause names an unknown area",
        lambda t: t["cause"][0]["areas"].append("elbow_pit"),
        "unknown id 'elbow_pit'",
    ),
    ("K", "cause without areas", lambda t: t["cause"][0].update(areas=[]), "at least one body area"),
    ("K", "cause of unknown kind", lambda t: t["cause"][0].update(kind="scary"), "kind must be one of"),
    ("K", "common cause nothing points to", lambda t: t["cause"][0].update(triggers=[]), "needs a trigger"),
    ("K", "cause with an unused field", lambda t: t["cause"][0].update(about="x"), "unknown keys"),
    ("K", "rule with unknown level", lambda t: t["rule"][0].update(level="panic"), "level must be one of"),
    ("K", "rule without conditions", lambda t: t["rule"][0].pop("said_yes"), "needs at least one condition"),
    ("K", "rule with a typo'd condition", lambda t: t["rule"][1].update(symptom_any=["x"]), "unknown condition"),
    (
        "K",
        "rule naming an unknown symptom",
        lambda t: _rule(t, "emergency_symptom")["symptoms_any"].append("sneezing"),
        "'sneezing'",
    ),
    ("K", "rule on a hint", lambda t: t["rule"][1].update(flagged=["sign_face"]), "unknown condition"),
    (
        "K",
        "rule on the level it decides",
        lambda t: t["rule"][1].update(level_at_least="self_care"),
        "unknown condition",
    ),
    ("K", "reason names from elsewhere", lambda t: t["rule"][1].update(reason_names="areas_any"), "reason_names"),
    (
        "K",
        "negative threshold",
        lambda t: _rule(t, "lasting_two_weeks").update(onset_days_at_least=-1),
        "whole number >= 0",
    ),
    ("K", "two safety nets", lambda t: _rule(t, "several_places").update(safety_net=True), "exactly one"),
    (
        "K",
        "serious cause no rule guards",
        lambda t: [
            r.update(related_causes=[c for c in r.get("related_causes", []) if c != "neuropathy"]) for r in t["rule"]
        ],
        "cause 'neuropathy'",
    ),
    ("K", "onset without days", lambda t: _first(t, "onset").pop("days"), "onset 'today': 'days' is required"),
    ("K", "medicine of unknown kind", lambda t: _first(t, "medicine").update(kind="potion"), "kind must be one of"),
    ("K", "also of the same kind", lambda t: _first(t, "symptom").update(also="symptom:fever"), "'also'"),
    ("K", "empty section", lambda t: t.update(tip=[]), "[[tip]]: at least one entry"),
    ("K", "no sources", lambda t: t.update(sources={}), "[sources]"),
    ("K", "tip that answers nothing", lambda t: _first(t, "tip").update(**{"for": []}), "'for' must name"),
    (
        "K",
        "implies a question that does not exist",
        lambda t: next(m for m in t["medicine"] if m["id"] == "new_medicine").update(implies={"x": "yes"}),
        "implies",
    ),
    ("Q", "unknown answer type", lambda t: _question(t, "areas").update(answer="essay"), "answer must be one of"),
    (
        "Q",
        "a kind asked twice",
        lambda t: _question(t, "triggers").update(kind="symptom", choices=[], named=[]),
        "one question only",
    ),
    ("Q", "part of a later question", lambda t: _question(t, "sign_face").update(part_of="triggers"), "earlier"),
    (
        "Q",
        "condition on an unknown question",
        lambda t: _question(t, "medicine_signs").update(ask_when={"said_yes": ["nope"]}),
        "'nope'",
    ),
    ("Q", "too many touch choices", lambda t: _question(t, "areas").update(choices=["eyelid"] * 7), "six"),
    ("Q", "a floor that is not a level", lambda t: _question(t, "symptoms").update(unsure_floor="soon"), "level"),
    ("Q", "yes adds to a list question", lambda t: _question(t, "areas").update(yes_adds=["fever"]), "yes/no"),
    ("Q", "an offer we cannot make", lambda t: t["offers"].update(self_care="a hug"), "offer for self_care"),
    ("Q", "a typo'd key", lambda t: _question(t, "areas").update(ask_wen={}), "unknown keys"),
    ("Q", "names an example of another kind", lambda t: _question(t, "triggers").update(named=["fever"]), "'fever'"),
    ("Q", "names examples on a yes/no question", lambda t: _question(t, "emergency").update(named=["no"]), "named"),
    ("Q", "no means none on a yes/no question", lambda t: _question(t, "emergency").update(no_is_none=True), "list"),
    (
        "Q",
        "a list of conditions with something else in it",
        lambda t: _question(t, "sudden_onset").update(ask_when=[{"symptoms_any": ["weakness"]}, "weakness"]),
        "list of tables",
    ),
    (
        "Q",
        "an unknown atom in one of several conditions",
        lambda t: _question(t, "sudden_onset").update(ask_when=[{"symptoms_any": ["weakness"]}, {"weak": 1}]),
        "unknown condition",
    ),
]


@pytest.mark.parametrize(
    ("table", "break_it", "message"), [(w, b, m) for w, _, b, m in BROKEN], ids=[n for _, n, _, _ in BROKEN]
)
def test_a_malformed_table_is_rejected_naming_the_entry(table: str, break_it: Any, message: str) -> None:
    knowledge, questions = raw_table(), _raw("questions")
    break_it(knowledge if table == "K" else questions)
    with pytest.raises(KnowledgeError) as error:
        parse_knowledge(knowledge, questions)
    assert message in str(error.value)


def test_every_question_with_an_unsure_floor_becomes_a_rule_of_that_level() -> None:
    k = load_knowledge()
    for question in k.questions:
        if question.unsure_floor is not None:
            rule = next(r for r in k.rules if r.id == f"unsure_{question.id}")
            assert rule.level is question.unsure_floor and rule.conditions == {"unsure": [question.id]}


def test_the_unbroken_tables_parse_with_every_check() -> None:
    parsed = parse_knowledge(raw_table(), _raw("questions"))
    assert parsed.causes.keys() == load_knowledge().causes.keys()
    assert [q.id for q in parsed.questions] == [q.id for q in load_knowledge().questions]


@pytest.mark.parametrize("name", data_files())
def test_the_json_the_skill_reads_is_compiled_from_the_current_toml(name: str) -> None:
    compiled = resources.files("muscle_twitch.data").joinpath(f"{name}.json").read_text("utf-8")
    assert compiled == compile_source(name), "run `make model`"
