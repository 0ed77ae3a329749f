"""The cause table and the question table, loaded once per process and validated.

`load_knowledge()` reads data/knowledge (terms, tips, causes, rules, tests, treatments) and
data/questions (the interview), both compiled from TOML to JSON by `make model`. A malformed
entry stops the process with a KnowledgeError naming the entry, so a bad edit never reaches a
user. Everything here is plain data: no wording (that is in the prompt tables).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, NamedTuple

from muscle_twitch import data
from muscle_twitch.core.conditions import ATOMS, QUESTION_ONLY_ATOMS
from muscle_twitch.core.levels import Level

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Kinds of answer a person can name; each becomes one custom slot type in the model.
TERM_KINDS = ("body_area", "symptom", "trigger", "medicine", "frequency", "twitch_length", "onset")
MEDICINE_KINDS = ("medicine", "regular", "condition", "other_condition", "no_concern")
CAUSE_KINDS = ("common", "serious")
ANSWER_TYPES = ("yes_no", "terms", "term", "days")
REPLIES = ("yes", "no", "unsure")
RULE_KEYS = {"id", "level", "reason_names", "related_causes", "safety_net", "source"}
QUESTION_KEYS = {
    "id",
    "answer",
    "kind",
    "part_of",
    "ask_when",
    "optional",
    "yes_asks_which",
    "no_is_none",
    "yes_adds",
    "no_denies",
    "unsure_floor",
    "retries",
    "choices",
    "on_card",
    "named",
    "source",
}
DEFAULT_RETRIES = 2


# The words a tip with words by age takes when a carer speaks and said no age ("enough sleep for
# their age"): never an adult's figure for someone who may be a child.
SOMEONE_BAND = "someone"


class KnowledgeError(ValueError):
    """The cause or question table is malformed; the message names the offending entry."""


# NamedTuples, not dataclasses: values with equality, built from data, and cheap to define at a
# Lambda cold start (a frozen dataclass costs a couple of milliseconds to create).
class Term(NamedTuple):
    """Something a person can name: a body area, symptom, trigger, medicine, frequency... What it
    is called, and what people call it, is language (data/language/<locale>/terms.toml)."""

    kind: str
    id: str
    source: str
    extra: Mapping[str, Any]


class Tip(NamedTuple):
    id: str  # its words are in the prompts (names.tip.<id>.spoken and .written)
    applies_to: tuple[str, ...]  # the triggers, medicines or symptoms it answers
    general: bool  # one of the source's prevention habits, for everyone
    source: str
    # Age bands with words of their own (names.tip.<id>.<band>), band -> (youngest, oldest).
    by_age: Mapping[str, tuple[int, int]] = {}


class Cause(NamedTuple):
    id: str  # its name is in the prompts (names.cause.<id>)
    kind: str
    areas: tuple[str, ...]
    triggers: tuple[str, ...]
    symptoms: tuple[str, ...]
    medicines: tuple[str, ...]
    source: str


class Rule(NamedTuple):
    id: str
    level: Level
    conditions: Mapping[str, Any]
    reason_names: str | None  # the condition whose matched names the reason speaks
    related_causes: tuple[str, ...]
    safety_net: bool
    source: str


class Named(NamedTuple):
    """A test or treatment a doctor may choose (named in the prompts: names.test, names.treatment)."""

    id: str
    source: str


class Reassurance(NamedTuple):
    """One true sentence for a result at `levels` when `unless` is clearly not the case."""

    levels: tuple[Level, ...]
    unless: Any  # a condition (or a list of them) of the condition language
    source: str


class Question(NamedTuple):
    id: str
    answer: str  # yes_no | terms | term | days
    kind: str | None  # the term kind the answer holds
    part_of: str | None
    parts: tuple[str, ...]  # the questions that break this one down, one sign at a time
    ask_when: Mapping[str, Any] | list[Mapping[str, Any]]  # a condition, or any of several
    optional: bool | Mapping[str, Any]
    yes_asks_which: bool
    no_is_none: bool  # a list question: "no" or "none" answers it with nothing
    yes_adds: tuple[str, ...]
    no_denies: tuple[str, ...]
    unsure_floor: Level | None
    retries: int
    choices: tuple[str, ...]
    on_card: bool
    source: str
    named: tuple[str, ...] = ()  # the examples the spoken question names ("more coffee, more stress...")


class Knowledge:
    """The loaded tables. Compared and hashed by identity: there is one per process."""

    __slots__ = (
        "_by_id",
        "causes",
        "max_questions",
        "offers",
        "question_for_kind",
        "questions",
        "reassurance",
        "rules",
        "sources",
        "terms",
        "tests",
        "tips",
        "treatments",
    )

    def __init__(
        self,
        sources: Mapping[str, str],
        terms: Mapping[str, Mapping[str, Term]],
        tips: Mapping[str, Tip],
        causes: Mapping[str, Cause],
        rules: tuple[Rule, ...],
        tests: tuple[Named, ...],
        treatments: tuple[Named, ...],
        questions: tuple[Question, ...],
        max_questions: int,
        offers: Mapping[str, str],
        reassurance: Reassurance | None = None,
    ) -> None:
        self.sources = sources
        self.terms = terms  # kind -> id -> Term, in file order
        self.tips = tips
        self.causes = causes
        self.rules = rules
        self.tests = tests
        self.treatments = treatments
        self.questions = questions  # in the order they are asked
        self.max_questions = max_questions
        self.offers = offers  # level -> what is offered after its result ("" for nothing)
        self.reassurance = reassurance  # when a doctor result may also say twitching is rarely serious
        self._by_id = {q.id: q for q in questions}
        # Which question a heard term answers: each kind is the answer of exactly one question.
        self.question_for_kind = {q.kind: q.id for q in questions if q.kind}

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def has_question(self, question_id: Any) -> bool:
        return isinstance(question_id, str) and question_id in self._by_id


@cache
def load_knowledge() -> Knowledge:
    """The packaged tables, validated; loaded once per process."""
    return parse_knowledge(data.load("knowledge"), data.load("questions"))


def parse_knowledge(raw: Mapping[str, Any], raw_questions: Mapping[str, Any]) -> Knowledge:
    """Build and validate a Knowledge from the parsed tables; raises KnowledgeError."""
    sources = raw.get("sources")
    if not isinstance(sources, dict) or not sources:
        raise KnowledgeError("[sources] must be a non-empty table")
    v = _Validator(sources)
    terms = {kind: v.terms(kind, raw.get(kind)) for kind in TERM_KINDS}
    v.links(terms)
    tips = {t.id: t for t in (v.tip(e, terms) for e in v.entries("tip", raw.get("tip")))}
    causes = {c.id: c for c in (v.cause(e, terms) for e in v.entries("cause", raw.get("cause")))}
    questions = v.questions(raw_questions, terms)
    question_ids = [q.id for q in questions]
    rules = [v.rule(e, terms, causes, question_ids) for e in v.entries("rule", raw.get("rule"))]
    rules += [_unsure_rule(q) for q in questions if q.unsure_floor is not None]
    tests = tuple(v.named("test", e) for e in v.entries("test", raw.get("test")))
    treatments = tuple(v.named("treatment", e) for e in v.entries("treatment", raw.get("treatment")))
    _check_coverage(causes, rules)
    if sum(r.safety_net for r in rules) != 1:
        raise KnowledgeError("exactly one [[rule]] must have safety_net = true")
    max_questions = raw_questions.get("max_questions")
    if not isinstance(max_questions, int) or max_questions < 1:
        raise KnowledgeError("questions: max_questions must be a whole number >= 1")
    offers = raw_questions.get("offers")
    if not isinstance(offers, dict) or set(offers) != {lv.value for lv in Level}:
        raise KnowledgeError("questions: [offers] must name every level")
    for level, offer in offers.items():
        if offer not in ("", "doctor_summary", "reminder"):
            raise KnowledgeError(f"questions: offer for {level} must be '', 'doctor_summary' or 'reminder'")
    reassurance = _reassurance(v, raw.get("reassurance"), terms, question_ids)
    return Knowledge(
        sources, terms, tips, causes, tuple(rules), tests, treatments, questions, max_questions, offers, reassurance
    )


def _reassurance(
    v: _Validator, raw: Any, terms: Mapping[str, Mapping[str, Term]], question_ids: list[str]
) -> Reassurance | None:
    if raw is None:
        return None
    label = "[reassurance]"
    if not isinstance(raw, dict) or set(raw) != {"levels", "unless", "source"}:
        raise KnowledgeError(f"{label} must have levels, unless and source")
    levels = raw["levels"]
    if not isinstance(levels, list) or not levels or any(lv not in {x.value for x in Level} for lv in levels):
        raise KnowledgeError(f"{label}: levels must name levels")
    if Level.EMERGENCY.value in levels or Level.SELF_CARE.value in levels:
        raise KnowledgeError(f"{label}: only for results that send someone to a doctor without urgency")
    alternatives = raw["unless"] if isinstance(raw["unless"], list) else [raw["unless"]]
    unless = [v.condition(label, c, terms, question_ids, for_question=False) for c in alternatives]
    if raw["source"] not in v.sources:
        raise KnowledgeError(f"{label}: source '{raw['source']}' is not in [sources]")
    return Reassurance(tuple(Level(lv) for lv in levels), unless, raw["source"])


def _unsure_rule(question: Question) -> Rule:
    """A question's `unsure_floor` as a rule: "not sure" keeps the result on the safe side."""
    assert question.unsure_floor is not None
    return Rule(
        f"unsure_{question.id}",
        question.unsure_floor,
        {"unsure": [question.id]},
        None,
        (),
        False,
        question.source,
    )


def _check_coverage(causes: Mapping[str, Cause], rules: list[Rule]) -> None:
    """Every serious cause must be guarded by at least one triage rule."""
    guarded = {c for r in rules for c in r.related_causes}
    for cause in causes.values():
        if cause.kind == "serious" and cause.id not in guarded:
            raise KnowledgeError(f"cause '{cause.id}': no [[rule]] lists it in related_causes")


class _Validator:
    def __init__(self, sources: Mapping[str, str]) -> None:
        self.sources = sources
        self.seen_ids: dict[str, set[str]] = {}

    def entries(self, kind: str, value: Any) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not value:
            raise KnowledgeError(f"[[{kind}]]: at least one entry is required")
        for position, entry in enumerate(value, 1):
            if not isinstance(entry, dict):
                raise KnowledgeError(f"[[{kind}]] entry {position}: must be a table")
            label = f"{kind} '{entry.get('id', f'#{position}')}'"
            entry_id = entry.get("id")
            if not isinstance(entry_id, str) or not _ID.match(entry_id):
                raise KnowledgeError(f"{label}: id must be lowercase letters, digits, underscores")
            if entry_id in self.seen_ids.setdefault(kind, set()):
                raise KnowledgeError(f"{label}: duplicate id")
            self.seen_ids[kind].add(entry_id)
            if entry.get("source") not in self.sources:
                raise KnowledgeError(f"{label}: source must be one of {sorted(self.sources)}")
        return value

    def _text(self, label: str, entry: Mapping[str, Any], key: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise KnowledgeError(f"{label}: '{key}' must be non-empty text")
        return value

    def _ids(self, label: str, entry: Mapping[str, Any], key: str, allowed: Iterable[str]) -> tuple[str, ...]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise KnowledgeError(f"{label}: '{key}' must be a list of ids")
        allowed_set = set(allowed)
        for item in value:
            if item not in allowed_set:
                raise KnowledgeError(f"{label}: '{key}' names unknown id '{item}'")
        return tuple(value)

    # ---------------------------------------------------------------- terms
    def terms(self, kind: str, value: Any) -> dict[str, Term]:
        result: dict[str, Term] = {}
        for entry in self.entries(kind, value):
            label = f"{kind} '{entry['id']}'"
            extra = {k: v for k, v in entry.items() if k not in ("id", "source")}
            self._check_extra(label, kind, extra)
            result[entry["id"]] = Term(kind, entry["id"], entry["source"], extra)
        return result

    def _check_extra(self, label: str, kind: str, extra: Mapping[str, Any]) -> None:
        required = {
            "onset": "days",
            "twitch_length": "max_seconds",
            "medicine": "kind",
            "frequency": "min_per_day",
        }.get(kind)
        if required and required not in extra:
            raise KnowledgeError(f"{label}: '{required}' is required")
        allowed = {"sided", "counts_as_areas", "also", "implies", "days", "max_seconds", "kind", "min_per_day"}
        unknown = set(extra) - allowed
        if unknown:
            raise KnowledgeError(f"{label}: unknown keys {sorted(unknown)}")
        if kind == "medicine" and extra["kind"] not in MEDICINE_KINDS:
            raise KnowledgeError(f"{label}: kind must be one of {MEDICINE_KINDS}")
        for key in ("days", "max_seconds", "counts_as_areas", "min_per_day"):
            if key in extra and (not isinstance(extra[key], int) or extra[key] < 0):
                raise KnowledgeError(f"{label}: '{key}' must be a whole number >= 0")
        if "sided" in extra and not isinstance(extra["sided"], bool):
            raise KnowledgeError(f"{label}: 'sided' must be true or false")

    def links(self, terms: Mapping[str, Mapping[str, Term]]) -> None:
        """`also` names a term of another kind; `implies` answers a yes/no question (checked
        against the question table later)."""
        for kind, entries in terms.items():
            for term in entries.values():
                also = term.extra.get("also")
                if also is None:
                    continue
                other_kind, _, other_id = str(also).partition(":")
                if other_kind not in terms or other_kind == kind or other_id not in terms[other_kind]:
                    raise KnowledgeError(f"{kind} '{term.id}': 'also' must be '<kind>:<id>' of another kind")

    # ---------------------------------------------------------------- tips, causes, tests
    def tip(self, entry: Mapping[str, Any], terms: Mapping[str, Mapping[str, Term]]) -> Tip:
        label = f"tip '{entry['id']}'"
        evidence = [*terms["trigger"], *terms["medicine"], *terms["symptom"]]
        applies_to = self._ids(label, entry, "for", evidence)
        if not applies_to:
            raise KnowledgeError(f"{label}: 'for' must name the triggers, medicines or symptoms it answers")
        by_age: dict[str, tuple[int, int]] = {}
        for band, ages in (entry.get("by_age") or {}).items():
            if not (isinstance(ages, list) and len(ages) == 2 and all(isinstance(a, int) for a in ages)):
                raise KnowledgeError(f"{label}: by_age.{band} must be [youngest, oldest]")
            if band == SOMEONE_BAND or not 0 <= ages[0] <= ages[1]:
                raise KnowledgeError(f"{label}: by_age.{band} is not a band of ages")
            by_age[band] = (ages[0], ages[1])
        return Tip(
            entry["id"],
            applies_to,
            entry.get("general", False) is True,
            entry["source"],
            by_age,
        )

    def cause(self, entry: Mapping[str, Any], terms: Mapping[str, Mapping[str, Term]]) -> Cause:
        label = f"cause '{entry['id']}'"
        kind = entry.get("kind")
        if kind not in CAUSE_KINDS:
            raise KnowledgeError(f"{label}: kind must be one of {CAUSE_KINDS}")
        unknown = set(entry) - {"id", "kind", "areas", "triggers", "symptoms", "medicines", "source"}
        if unknown:
            raise KnowledgeError(f"{label}: unknown keys {sorted(unknown)}")
        areas = self._ids(label, entry, "areas", [*terms["body_area"], "any"])
        if not areas:
            raise KnowledgeError(f"{label}: 'areas' must name at least one body area or 'any'")
        cause = Cause(
            id=entry["id"],
            kind=kind,
            areas=areas,
            triggers=self._ids(label, entry, "triggers", terms["trigger"]),
            symptoms=self._ids(label, entry, "symptoms", terms["symptom"]),
            medicines=self._ids(label, entry, "medicines", terms["medicine"]),
            source=entry["source"],
        )
        if kind == "common" and not (cause.triggers or cause.symptoms or cause.medicines):
            raise KnowledgeError(f"{label}: a common cause needs a trigger, symptom or medicine that points to it")
        return cause

    def named(self, kind: str, entry: Mapping[str, Any]) -> Named:
        return Named(entry["id"], entry["source"])

    # ---------------------------------------------------------------- conditions and rules
    def condition(
        self,
        label: str,
        condition: Mapping[str, Any],
        terms: Mapping[str, Mapping[str, Term]],
        question_ids: list[str],
        *,
        for_question: bool,
    ) -> dict[str, Any]:
        for key, wanted in condition.items():
            if key not in ATOMS or (key in QUESTION_ONLY_ATOMS and not for_question):
                raise KnowledgeError(f"{label}: unknown condition '{key}'")
            what = ATOMS[key]
            if what == "number":
                if not isinstance(wanted, int) or isinstance(wanted, bool) or wanted < 0:
                    raise KnowledgeError(f"{label}: '{key}' must be a whole number >= 0")
            elif what == "level":
                if wanted not in {lv.value for lv in Level}:
                    raise KnowledgeError(f"{label}: '{key}' must be a level")
            else:
                allowed: Iterable[str] = (
                    question_ids if what == "question" else MEDICINE_KINDS if what == "medicine_kind" else terms[what]
                )
                if not self._ids(label, condition, key, allowed):
                    raise KnowledgeError(f"{label}: '{key}' must not be empty")
        return dict(condition)

    def rule(
        self,
        entry: Mapping[str, Any],
        terms: Mapping[str, Mapping[str, Term]],
        causes: Mapping[str, Cause],
        question_ids: list[str],
    ) -> Rule:
        label = f"rule '{entry['id']}'"
        try:
            level = Level(entry.get("level"))
        except ValueError:
            raise KnowledgeError(f"{label}: level must be one of {[lv.value for lv in Level]}") from None
        conditions = {k: v for k, v in entry.items() if k not in RULE_KEYS}
        if not conditions:
            raise KnowledgeError(f"{label}: needs at least one condition of {sorted(ATOMS)}")
        conditions = self.condition(label, conditions, terms, question_ids, for_question=False)
        names_from = entry.get("reason_names")
        if names_from is not None and names_from not in conditions:
            raise KnowledgeError(f"{label}: reason_names must be one of its conditions")
        related = self._ids(label, entry, "related_causes", causes)
        if any(causes[c].kind != "serious" for c in related):
            raise KnowledgeError(f"{label}: related_causes must be serious causes")
        return Rule(
            entry["id"], level, conditions, names_from, related, entry.get("safety_net") is True, entry["source"]
        )

    # ---------------------------------------------------------------- questions
    def questions(self, raw: Mapping[str, Any], terms: Mapping[str, Mapping[str, Term]]) -> tuple[Question, ...]:
        entries = self.entries("question", raw.get("question"))
        ids = [e["id"] for e in entries]
        parts: dict[str, list[str]] = {}
        for entry in entries:
            parent = entry.get("part_of")
            if parent is not None:
                if parent not in ids or ids.index(parent) > ids.index(entry["id"]):
                    raise KnowledgeError(f"question '{entry['id']}': part_of must name an earlier question")
                parts.setdefault(parent, []).append(entry["id"])
        questions = tuple(self.question(e, terms, ids, tuple(parts.get(e["id"], ()))) for e in entries)
        kinds = [q.kind for q in questions if q.kind]
        if len(kinds) != len(set(kinds)):
            raise KnowledgeError("questions: each term kind may be the answer of one question only")
        for kind in ("body_area", "symptom", "trigger", "medicine", "frequency", "onset"):
            if kind not in kinds:
                raise KnowledgeError(f"questions: no question takes {kind} answers")
        for kind, entries_of_kind in terms.items():
            for term in entries_of_kind.values():
                for target, reply in dict(term.extra.get("implies", {})).items():
                    if target not in ids or questions[ids.index(target)].answer != "yes_no" or reply not in REPLIES:
                        raise KnowledgeError(f"{kind} '{term.id}': 'implies' must answer a yes/no question")
        return questions

    def question(
        self, entry: Mapping[str, Any], terms: Mapping[str, Mapping[str, Term]], ids: list[str], parts: tuple[str, ...]
    ) -> Question:
        label = f"question '{entry['id']}'"
        unknown = set(entry) - QUESTION_KEYS
        if unknown:
            raise KnowledgeError(f"{label}: unknown keys {sorted(unknown)}")
        answer = entry.get("answer")
        if answer not in ANSWER_TYPES:
            raise KnowledgeError(f"{label}: answer must be one of {sorted(ANSWER_TYPES)}")
        kind = entry.get("kind")
        if (answer == "yes_no") != (kind is None) or (kind is not None and kind not in terms):
            raise KnowledgeError(f"{label}: kind names a term kind exactly when the answer is not yes_no")
        if answer == "days" and kind != "onset":
            raise KnowledgeError(f"{label}: a days answer takes onset terms")
        raw_when = entry.get("ask_when", {})
        parts_of_when = raw_when if isinstance(raw_when, list) else [raw_when]
        if not parts_of_when or not all(isinstance(p, dict) for p in parts_of_when):
            raise KnowledgeError(f"{label}: ask_when must be a table or a list of tables")
        when = [self.condition(label, p, terms, ids, for_question=True) for p in parts_of_when]
        if entry.get("part_of") is not None:
            # One sign of a question asked one at a time: when its parent is not sure, or when the
            # person's words hinted at this very sign.
            when = [{"unsure": [entry["part_of"]], **w} for w in when] + [{"flagged": [entry["id"]]}]
        ask_when: Any = when[0] if len(when) == 1 else when
        optional = entry.get("optional", False)
        if isinstance(optional, dict):
            optional = self.condition(label, optional, terms, ids, for_question=True)
        elif not isinstance(optional, bool):
            raise KnowledgeError(f"{label}: optional must be true, false or a condition")
        floor = entry.get("unsure_floor")
        try:
            unsure_floor = Level(floor) if floor is not None else None
        except ValueError:
            raise KnowledgeError(f"{label}: unsure_floor must be a level") from None
        retries = entry.get("retries", DEFAULT_RETRIES)
        if not isinstance(retries, int) or isinstance(retries, bool) or not 0 <= retries <= 3:
            raise KnowledgeError(f"{label}: retries must be 0 to 3")
        yes_adds = self._ids(label, entry, "yes_adds", terms["symptom"])
        no_denies = self._ids(label, entry, "no_denies", terms["symptom"])
        if (yes_adds or no_denies) and answer != "yes_no":
            raise KnowledgeError(f"{label}: yes_adds and no_denies are for yes/no questions")
        yes_asks_which = entry.get("yes_asks_which", False) is True
        if yes_asks_which and answer != "terms":
            raise KnowledgeError(f"{label}: yes_asks_which is for list questions")
        no_is_none = entry.get("no_is_none", answer == "terms")
        if not isinstance(no_is_none, bool) or (no_is_none and answer != "terms"):
            raise KnowledgeError(f"{label}: no_is_none is true or false, and only for list questions")
        allowed_choices = [*REPLIES, *(terms[kind] if kind else ())]
        choices = self._ids(label, entry, "choices", allowed_choices)
        if len(choices) > 6:
            raise KnowledgeError(f"{label}: at most six touch choices fit a screen")
        named = self._ids(label, entry, "named", terms[kind] if kind else ())
        if named and answer != "terms":
            raise KnowledgeError(f"{label}: named is for list questions")
        return Question(
            id=entry["id"],
            answer=answer,
            kind=kind,
            part_of=entry.get("part_of"),
            parts=parts,
            ask_when=ask_when,
            optional=optional,
            yes_asks_which=yes_asks_which,
            no_is_none=no_is_none,
            yes_adds=yes_adds,
            no_denies=no_denies,
            unsure_floor=unsure_floor,
            retries=retries,
            choices=choices,
            on_card=entry.get("on_card", False) is True,
            named=named,
            source=entry["source"],
        )
