"""The cause table: loads data/knowledge.toml (compiled to JSON) into frozen dataclasses and validates it.

Loaded once per process (`load_knowledge()` is cached). A malformed entry stops the process
with a KnowledgeError naming the entry, so a bad edit never reaches a user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from muscle_twitch import data
from muscle_twitch.core.levels import Level

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Kinds of answer a person can name; each becomes one custom slot type in the model.
TERM_KINDS = ("body_area", "symptom", "trigger", "medicine", "frequency", "twitch_length", "onset")
MEDICINE_KINDS = ("medicine", "condition")
CAUSE_KINDS = ("common", "serious")
RULE_CONDITIONS = (
    "emergency_screen",
    "symptoms_any",
    "areas_any",
    "areas_all",
    "areas_at_least",
    "onset_days_at_least",
    "frequency_any",
    "medicines_any",
    "medicine_kinds_any",
    "unsure_any",
)
UNSURE_QUESTIONS = ("emergency", "symptoms")


class KnowledgeError(ValueError):
    """The cause table is malformed; the message names the offending entry."""


@dataclass(frozen=True)
class Term:
    """Something a person can name: a body area, symptom, trigger, medicine, frequency..."""

    kind: str
    id: str
    name: str
    synonyms: tuple[str, ...]
    source: str
    extra: Mapping[str, Any] = field(default_factory=dict)

    def phrases(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)


@dataclass(frozen=True)
class Tip:
    id: str
    spoken: str
    written: str
    source: str


@dataclass(frozen=True)
class Cause:
    id: str
    kind: str
    name: str
    about: str
    areas: tuple[str, ...]
    triggers: tuple[str, ...]
    symptoms: tuple[str, ...]
    medicines: tuple[str, ...]
    frequencies: tuple[str, ...]
    advice: str
    tips: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    conditions: Mapping[str, Any]
    reason: str
    related_causes: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Named:
    """A test or treatment a doctor may choose."""

    id: str
    name: str
    source: str


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: loaded once
class Knowledge:
    sources: Mapping[str, str]
    terms: Mapping[str, Mapping[str, Term]]  # kind -> id -> Term, in file order
    tips: Mapping[str, Tip]
    causes: Mapping[str, Cause]
    rules: tuple[Rule, ...]
    tests: tuple[Named, ...]
    treatments: tuple[Named, ...]

    def names(self, kind: str, ids: Iterable[str]) -> list[str]:
        return [self.terms[kind][i].name for i in ids if i in self.terms[kind]]

    def resolve(self, kind: str, text: str) -> str | None:
        """The id whose name or synonym equals `text` (case and punctuation ignored)."""
        return _phrase_index(self)[kind].get(normalise(text))


def normalise(text: str) -> str:
    cleaned = re.sub(r"[^\w\s']", " ", text.lower()).replace("'", "")
    return " ".join(w for w in cleaned.split() if w not in ("my", "the", "a", "an"))


@cache
def _phrase_index(knowledge: Knowledge) -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for kind, terms in knowledge.terms.items():
        index[kind] = {normalise(p): t.id for t in terms.values() for p in (t.id, *t.phrases())}
    return index


@cache
def load_knowledge() -> Knowledge:
    """The packaged cause table, validated; loaded once per process."""
    return parse_knowledge(data.load("knowledge"))


def parse_knowledge(raw: Mapping[str, Any]) -> Knowledge:
    """Build and validate a Knowledge from the parsed TOML; raises KnowledgeError."""
    sources = raw.get("sources")
    if not isinstance(sources, dict) or not sources:
        raise KnowledgeError("[sources] must be a non-empty table")
    v = _Validator(sources)
    terms = {kind: v.terms(kind, raw.get(kind)) for kind in TERM_KINDS}
    tips = {t.id: t for t in (v.tip(e) for e in v.entries("tip", raw.get("tip")))}
    causes = {c.id: c for c in (v.cause(e, terms, tips) for e in v.entries("cause", raw.get("cause")))}
    rules = tuple(v.rule(e, terms, causes) for e in v.entries("rule", raw.get("rule")))
    tests = tuple(v.named("test", e) for e in v.entries("test", raw.get("test")))
    treatments = tuple(v.named("treatment", e) for e in v.entries("treatment", raw.get("treatment")))
    _check_coverage(causes, rules)
    return Knowledge(sources, terms, tips, causes, rules, tests, treatments)


def _check_coverage(causes: Mapping[str, Cause], rules: tuple[Rule, ...]) -> None:
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

    def terms(self, kind: str, value: Any) -> dict[str, Term]:
        result: dict[str, Term] = {}
        owner: dict[str, str] = {}
        for entry in self.entries(kind, value):
            label = f"{kind} '{entry['id']}'"
            name = self._text(label, entry, "name")
            synonyms = entry.get("synonyms", [])
            if not isinstance(synonyms, list) or not all(isinstance(s, str) and s.strip() for s in synonyms):
                raise KnowledgeError(f"{label}: 'synonyms' must be a list of non-empty text")
            for phrase in (name, *synonyms):
                key = normalise(phrase)
                if key in owner and owner[key] != entry["id"]:
                    raise KnowledgeError(f"{label}: '{phrase}' is already a phrase of '{owner[key]}'")
                owner[key] = entry["id"]
            extra = {k: v for k, v in entry.items() if k not in ("id", "name", "synonyms", "source")}
            self._check_extra(label, kind, extra)
            result[entry["id"]] = Term(kind, entry["id"], name, tuple(synonyms), entry["source"], extra)
        return result

    def _check_extra(self, label: str, kind: str, extra: Mapping[str, Any]) -> None:
        required = {"onset": "days", "twitch_length": "max_seconds", "medicine": "kind"}.get(kind)
        if required and required not in extra:
            raise KnowledgeError(f"{label}: '{required}' is required")
        if kind == "medicine" and extra["kind"] not in MEDICINE_KINDS:
            raise KnowledgeError(f"{label}: kind must be one of {MEDICINE_KINDS}")
        for key in ("days", "max_seconds", "counts_as_areas"):
            if key in extra and (not isinstance(extra[key], int) or extra[key] < 0):
                raise KnowledgeError(f"{label}: '{key}' must be a whole number >= 0")

    def tip(self, entry: Mapping[str, Any]) -> Tip:
        label = f"tip '{entry['id']}'"
        return Tip(
            entry["id"], self._text(label, entry, "spoken"), self._text(label, entry, "written"), entry["source"]
        )

    def cause(
        self, entry: Mapping[str, Any], terms: Mapping[str, Mapping[str, Term]], tips: Mapping[str, Tip]
    ) -> Cause:
        label = f"cause '{entry['id']}'"
        kind = entry.get("kind")
        if kind not in CAUSE_KINDS:
            raise KnowledgeError(f"{label}: kind must be one of {CAUSE_KINDS}")
        areas = self._ids(label, entry, "areas", [*terms["body_area"], "any"])
        if not areas:
            raise KnowledgeError(f"{label}: 'areas' must name at least one body area or 'any'")
        common = kind == "common"
        return Cause(
            id=entry["id"],
            kind=kind,
            name=self._text(label, entry, "name"),
            about=self._text(label, entry, "about"),
            areas=areas,
            triggers=self._ids(label, entry, "triggers", terms["trigger"]),
            symptoms=self._ids(label, entry, "symptoms", terms["symptom"]),
            medicines=self._ids(label, entry, "medicines", terms["medicine"]),
            frequencies=self._ids(label, entry, "frequencies", terms["frequency"]),
            advice=self._text(label, entry, "advice") if common else "",
            tips=self._ids(label, entry, "tips", tips),
            source=entry["source"],
        )

    def rule(
        self, entry: Mapping[str, Any], terms: Mapping[str, Mapping[str, Term]], causes: Mapping[str, Cause]
    ) -> Rule:
        label = f"rule '{entry['id']}'"
        try:
            level = Level(entry.get("level"))
        except ValueError:
            raise KnowledgeError(f"{label}: level must be one of {[lv.value for lv in Level]}") from None
        conditions = {k: entry[k] for k in RULE_CONDITIONS if k in entry}
        if not conditions:
            raise KnowledgeError(f"{label}: needs at least one condition of {RULE_CONDITIONS}")
        unknown = set(entry) - {*RULE_CONDITIONS, "id", "level", "reason", "related_causes", "source"}
        if unknown:
            raise KnowledgeError(f"{label}: unknown keys {sorted(unknown)}")
        id_lists = {
            "symptoms_any": terms["symptom"],
            "areas_any": terms["body_area"],
            "areas_all": terms["body_area"],
            "frequency_any": terms["frequency"],
            "medicines_any": terms["medicine"],
            "medicine_kinds_any": MEDICINE_KINDS,
            "unsure_any": UNSURE_QUESTIONS,
        }
        for key, allowed in id_lists.items():
            if key in conditions and not self._ids(label, conditions, key, allowed):
                raise KnowledgeError(f"{label}: '{key}' must not be empty")
        for key in ("areas_at_least", "onset_days_at_least"):
            if key in conditions and (not isinstance(conditions[key], int) or conditions[key] < 1):
                raise KnowledgeError(f"{label}: '{key}' must be a whole number >= 1")
        if "emergency_screen" in conditions and conditions["emergency_screen"] != "yes":
            raise KnowledgeError(f"{label}: emergency_screen can only be 'yes'")
        return Rule(
            id=entry["id"],
            level=level,
            conditions=conditions,
            reason=self._text(label, entry, "reason"),
            related_causes=self._ids(label, entry, "related_causes", causes),
            source=entry["source"],
        )

    def named(self, kind: str, entry: Mapping[str, Any]) -> Named:
        return Named(entry["id"], self._text(f"{kind} '{entry['id']}'", entry, "name"), entry["source"])
