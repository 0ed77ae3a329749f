"""Compiles the language packages (data/language/<locale>/*.toml) into what the skill reads.

For each supported locale and for the shared English fallback ("en") it writes
data/lexicon.<locale>.json: the shared English package with the locale's additions, every phrase
tokenized into stems by the reader's own tokenizer, named word groups ("@face") expanded; a
locale's file holds only what it changes in the shared one (`overlay`). It also
writes the prompt tables (data/prompts.<locale>.json) from each package's prompts.toml and
answers.toml. Run by `make model`; the skill never parses TOML (a cold start cost).

A package may hold: terms.toml and medicines.toml (names and synonyms per cause-table id, and
combos), words.toml (word lists, replies, meta requests, groups), cues.toml (words that answer a
yes/no question), topics.toml (people's own questions), time.toml (numbers, units, days), prompts.toml
and answers.toml (what the skill says). A locale's package adds to lists and overrides tables.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from muscle_twitch.language.tokens import tokenize

DATA = Path(__file__).resolve().parent.parent / "data"
PACKAGES = DATA / "language"
SHARED = "en"
LEXICON_FILES = ("terms", "medicines", "words", "cues", "topics", "time")
TERM_FILES = ("terms", "medicines")
# Kinds whose words the reader reads; `neutral` phrases mean nothing and only stop a shorter
# phrase inside them from counting ("keep fit" is not a fit).
READ_KINDS = ("body_area", "symptom", "trigger", "medicine", "frequency", "twitch_length", "onset", "neutral")


class LanguageError(ValueError):
    """A language package is malformed; the message names the file and the entry."""


def stems_of(phrase: str, light: frozenset[str] = frozenset()) -> list[str]:
    return [t.stem for t in tokenize(phrase) if t.stem not in light]


# Words a phrase may lose and still mean what its one remaining word means ("a seizure").
PLAIN = frozenset(
    stems_of(
        "a an the my me his her their our your its this that it i he she they you we is are was were am been being"
        " very really just so quite pretty like"
    )
)


def locales() -> list[str]:
    """The supported locales (the care table: muscle_twitch.locales), each of which has a package
    of its own (the shared English package is not one); check_against says when they disagree."""
    from muscle_twitch.locales import supported_locales

    return sorted(supported_locales())


def packaged() -> list[str]:
    return sorted(p.name for p in PACKAGES.iterdir() if p.is_dir() and p.name != SHARED)


def _read(package: str, name: str) -> dict[str, Any]:
    path = PACKAGES / package / f"{name}.toml"
    return tomllib.loads(path.read_text("utf-8")) if path.exists() else {}


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key, lists are extended, anything else is replaced."""
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = [*old, *(v for v in value if v not in old)]
        else:
            merged[key] = value
    return merged


def package(locale: str) -> dict[str, dict[str, Any]]:
    """The shared English files with `locale`'s additions, by file name."""
    files = {name: _read(SHARED, name) for name in (*LEXICON_FILES, "prompts", "answers")}
    if locale != SHARED:
        for name in files:
            files[name] = _merge(files[name], _read(locale, name))
    return files


class _Compiler:
    def __init__(self, files: Mapping[str, Mapping[str, Any]]) -> None:
        self.files = files
        words = files["words"]
        self.light = frozenset(s for w in words.get("light", []) for s in stems_of(w))
        self.groups: dict[str, list[str]] = {**words.get("groups", {}), **files["topics"].get("groups", {})}

    def phrases(self, label: str, raw: Iterable[str], *, light: bool = True) -> list[list[str]]:
        out = []
        for phrase in raw:
            if not isinstance(phrase, str) or not phrase.strip():
                raise LanguageError(f"{label}: phrases must be non-empty text")
            stems = stems_of(phrase, self.light if light else frozenset())
            if not stems:
                raise LanguageError(f"{label}: '{phrase}' has only light words, so it could never be heard")
            out.append(stems)
        return out

    def group(self, label: str, group: Any, *, light: bool = True) -> list[list[str]]:
        items = [group] if isinstance(group, str) else list(group)
        expanded: list[str] = []
        for item in items:
            if isinstance(item, str) and item.startswith("@"):
                if item[1:] not in self.groups:
                    raise LanguageError(f"{label}: unknown group '{item}'")
                expanded.extend(self.groups[item[1:]])
            else:
                expanded.append(item)
        return self.phrases(label, expanded, light=light)

    def terms(self) -> dict[str, Any]:
        """Phrases per kind and id (and the vague ones, read only at their own question), combos
        and names. Two checks keep the phrases honest: no phrase belongs to two ids of a kind
        (after the reader's normalisation), and no phrase of several words is left, once its light
        words are dropped, as one word that the id does not list on its own ("had a fit" is "fit",
        fine; "muscle has gone" would be "muscle", which means nothing by itself)."""
        terms: dict[str, dict[str, list[list[str]]]] = {}
        vague: dict[str, dict[str, list[list[str]]]] = {}
        combos: list[dict[str, Any]] = []
        names: dict[str, dict[str, str]] = {}
        owner: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}
        collapsed: list[tuple[str, str, str, tuple[str, ...]]] = []
        problems: list[str] = []
        for file in TERM_FILES:
            for kind, entries in self.files[file].items():
                if kind not in READ_KINDS:
                    raise LanguageError(f"{file}.toml: unknown kind '{kind}'")
                for term_id, entry in entries.items():
                    label = f"{file}.toml [{kind}.{term_id}]"
                    raw = [entry["name"]] if "name" in entry and kind != "neutral" else []
                    raw += entry.get("synonyms", [])
                    for table, phrases in ((terms, raw), (vague, entry.get("vague", []))):
                        for phrase, stems in zip(phrases, self.phrases(label, phrases), strict=True):
                            key = (kind, tuple(stems))
                            if key in owner and owner[key][0] != term_id and kind != "neutral":
                                problems.append(f"{label}: '{phrase}' reads as '{owner[key][1]}' of '{owner[key][0]}'")
                            owner.setdefault(key, (term_id, phrase))
                            # A phrase listed to mean nothing must not shrink to one word: "face it"
                            # would make every "face" mean nothing.
                            shrunk = kind == "neutral" and len(stems_of(phrase)) > 1
                            # Nor end on a word it drops: "fit and well" would be "fit and", and every
                            # "he had a fit and ..." would mean nothing.
                            if kind == "neutral" and stems and stems_of(phrase)[-1] != stems[-1]:
                                problems.append(f"{label}: '{phrase}' ends on a light word and reads as more")
                            if len(stems) == 1 and (shrunk or not set(stems_of(phrase)) - set(stems) <= PLAIN):
                                collapsed.append((label, term_id, phrase, tuple(stems)))
                            table.setdefault(kind, {}).setdefault(term_id, []).append(stems)
                    if "name" in entry:
                        names.setdefault(kind, {})[term_id] = entry["name"]
                    for combo in entry.get("combos", []):
                        groups = [self.group(label, g) for g in combo]
                        combos.append(
                            {"kind": kind, "id": term_id, "groups": groups, "refines": entry.get("refines", [])}
                        )
        # A one-word phrase that means nothing must not be a word of the cause table too ("fitness"
        # read as "fit" once made every fit mean nothing).
        single = {tuple(p) for kind, ids in terms.items() if kind != "neutral" for ps in ids.values() for p in ps}
        for stems in terms.get("neutral", {}).get("phrases", []):
            if len(stems) == 1 and tuple(stems) in single:
                problems.append(f"terms.toml [neutral.phrases]: '{stems[0]}' is also a word of the cause table")
        for label, _term_id, phrase, stems in collapsed:
            kind = label.split("[")[1].split(".")[0]
            if owner.get((kind, stems), ("",))[1] == phrase:
                problems.append(
                    f"{label}: '{phrase}' is only '{stems[0]}' once its light words go; list that word if it"
                    " means this on its own, or say the phrase another way"
                )
        if problems:
            raise LanguageError("\n".join(problems))
        order = list(self.files["words"].get("combo_order", []))
        combos.sort(key=lambda c: order.index(c["id"]) if c["id"] in order else len(order))
        return {"terms": terms, "vague": vague, "combos": combos, "names": names}

    def word_lists(self) -> dict[str, list[list[str]]]:
        words = self.files["words"]
        lists = {}
        for name, value in words.items():
            if name in (
                "light",
                "fillers",
                "groups",
                "replies",
                "meta",
                "age_words",
                "located_signs",
                "explainable_signs",
                "lookalike_reasons",
                "past_endings",
                "near_red_flags",
                "combo_order",
            ):
                continue
            if not isinstance(value, list):
                continue
            lists[name] = self.phrases(f"words.toml {name}", value, light=False)
        return lists

    def cues(self) -> list[dict[str, Any]]:
        out = []
        for cue in self.files["cues"].get("cue", []):
            label = f"cues.toml cue for {cue.get('question')}"
            out.append(
                {
                    "question": cue["question"],
                    "reply": cue["reply"],
                    "with": cue.get("with", []),
                    "weak": cue.get("weak", False),
                    "phrases": self.group(label, cue["phrases"], light=False),
                }
            )
        return out

    def topics(self) -> tuple[list[dict[str, Any]], list[list[str]]]:
        raw = self.files["topics"]
        topics = []
        for topic in raw.get("topic", []):
            label = f"topics.toml {topic.get('id')}"
            groups = [self.group(label, g, light=False) for g in topic["groups"]]
            topics.append(
                {
                    "id": topic["id"],
                    "groups": groups,
                    "needs_question": topic.get("needs_question", True),
                    "whole": topic.get("whole", False),
                    "key_kind": topic.get("key", ""),
                }
            )
        openers = self.group("topics.toml question_openers", raw.get("question_openers", []), light=False)
        return topics, openers

    def compile(self, locale: str) -> dict[str, Any]:
        words = self.files["words"]
        read = self.terms()
        topics, openers = self.topics()
        cues_file = self.files["cues"]
        return {
            "locale": locale,
            "light": sorted(self.light),
            "fillers": sorted({s for w in words.get("fillers", []) for s in stems_of(w)}),
            "names": read["names"],
            "terms": read["terms"],
            "vague": read["vague"],
            "combos": read["combos"],
            "words": self.word_lists(),
            "replies": {
                r: self.phrases(f"words.toml replies.{r}", words["replies"][r], light=False)
                for r in ("yes", "no", "unsure")
            },
            "replies_alone": {
                r: self.phrases(f"words.toml replies.{r}_alone", words["replies"].get(f"{r}_alone", []), light=False)
                for r in ("yes", "no")
            },
            "meta": {m: self.phrases(f"words.toml meta.{m}", p, light=False) for m, p in words.get("meta", {}).items()},
            "cues": self.cues(),
            "red_flags": {
                q: self.group(f"cues.toml red_flags.{q}", p, light=False)
                for q, p in cues_file.get("red_flags", {}).items()
            },
            "own_question": {
                q: self.group(f"cues.toml own_question.{q}", p, light=False)
                for q, p in cues_file.get("own_question", {}).items()
            },
            "explainers": self.group("cues.toml explainers", cues_file.get("explainers", []), light=False),
            "explaining": self.group("cues.toml explaining", cues_file.get("explaining", []), light=False),
            "explanations": self.group("cues.toml explanations", cues_file.get("explanations", []), light=False),
            "topics": topics,
            "topic_keys": {
                kind: {key: self.group(f"topics.toml keys.{kind}.{key}", g, light=False) for key, g in keys.items()}
                for kind, keys in self.files["topics"].get("keys", {}).items()
            },
            "question_openers": openers,
            "time": _time_table(self.files["time"]),
            "age_words": dict(words.get("age_words", {})),
            "located_signs": list(words.get("located_signs", [])),
            "explainable_signs": list(words.get("explainable_signs", [])),
            "lookalike_reasons": list(words.get("lookalike_reasons", [])),
            "past_endings": list(words.get("past_endings", [])),
            "near_red_flags": dict(words.get("near_red_flags", {})),
            "shown_by_moving": list(words.get("shown_by_moving", [])),
        }


def _time_table(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Time words keyed by stem (numbers, units, relative days, weekdays, months, holidays)."""

    def keyed(table: Mapping[str, Any]) -> dict[str, Any]:
        return {" ".join(stems_of(k)): v for k, v in table.items()}

    out: dict[str, Any] = {}
    for name, value in raw.items():
        if isinstance(value, Mapping):
            out[name] = keyed(value)
        elif isinstance(value, list):
            out[name] = [" ".join(stems_of(v)) for v in value]
        else:
            out[name] = value
    return out


def check_against(knowledge: Any) -> None:
    """Every id of the cause table has an English name, and every package names only ids the
    cause table has and questions the interview asks (a renamed id never leaves words behind)."""
    problems = [
        f"language/{loc}/ is missing for the supported locale {loc}" for loc in set(locales()) - set(packaged())
    ]
    problems += [f'language/{loc}/ has no [care."{loc}"] in locales.toml' for loc in set(packaged()) - set(locales())]
    shared = package(SHARED)
    named = {(kind, i) for file in TERM_FILES for kind, ids in shared[file].items() for i in ids}
    for kind, terms in knowledge.terms.items():
        for term_id in terms:
            if (kind, term_id) not in named:
                problems.append(f"{SHARED}: no name for {kind} '{term_id}' (terms.toml or medicines.toml)")
    for locale in (SHARED, *locales()):
        files = package(locale)
        for file in TERM_FILES:
            for kind, ids in files[file].items():
                for term_id in ids:
                    if kind != "neutral" and term_id not in knowledge.terms.get(kind, {}):
                        problems.append(f"{locale} {file}.toml: '{kind}.{term_id}' is not in the cause table")
        for cue in files["cues"].get("cue", []):
            if not knowledge.has_question(cue.get("question")):
                problems.append(f"{locale} cues.toml: no question '{cue.get('question')}'")
        for question in files["cues"].get("red_flags", {}):
            if not knowledge.has_question(question):
                problems.append(f"{locale} cues.toml red_flags: no question '{question}'")
        for question in files["cues"].get("own_question", {}):
            if not knowledge.has_question(question) or knowledge.question(question).answer != "yes_no":
                problems.append(f"{locale} cues.toml own_question: '{question}' is not a yes/no question")
        symptoms = knowledge.terms.get("symptom", {})
        for table in ("explainable_signs", "lookalike_reasons", "near_red_flags"):
            kind = "trigger" if table == "lookalike_reasons" else "symptom"
            for term_id in files["words"].get(table, ()):
                if term_id not in knowledge.terms.get(kind, {}):
                    problems.append(f"{locale} words.toml {table}: '{term_id}' is not a {kind} of the cause table")
        for sign, question in files["words"].get("near_red_flags", {}).items():
            if sign in symptoms and not knowledge.has_question(question):
                problems.append(f"{locale} words.toml near_red_flags: no question '{question}'")
    if problems:
        raise LanguageError("\n".join(problems))


def compile_lexicon(locale: str) -> dict[str, Any]:
    return _Compiler(package(locale)).compile(locale)


def compile_prompts(locale: str) -> dict[str, Any]:
    """The prompt table of `locale` as the skill reads it: the package's prompts (only the locale's
    own keys for a locale; speech/prompts.py lays them over the shared table), with the answers
    under `answers` and the cause table's names under `names` where prompts do not name them."""
    if locale == SHARED:
        prompts = _read(SHARED, "prompts")
        prompts["answers"] = _read(SHARED, "answers")
        term_names: dict[str, dict[str, str]] = {}
        for file in TERM_FILES:
            for kind, entries in _read(SHARED, file).items():
                for term_id, entry in entries.items():
                    if "name" in entry and kind != "neutral":
                        term_names.setdefault(kind, {})[term_id] = entry["name"]
        prompts["names"] = _merge(term_names, prompts.get("names", {}))
        return prompts
    prompts = _read(locale, "prompts")
    answers = _read(locale, "answers")
    if answers:
        prompts["answers"] = answers
    return prompts


# Kinds whose words say something about a person's health: a reminder's text may contain none.
HEALTH_KINDS = ("body_area", "symptom", "trigger", "medicine")


def health_words() -> list[str]:
    """Every name and synonym of a body area, symptom, trigger or medicine, in every package."""
    words: set[str] = set()
    for locale in (SHARED, *locales()):
        files = package(locale)
        for file in TERM_FILES:
            for kind, entries in files[file].items():
                if kind in HEALTH_KINDS:
                    for entry in entries.values():
                        words.update(p.lower() for p in [entry.get("name", ""), *entry.get("synonyms", [])] if p)
    return sorted(words)


def overlay(base: Mapping[str, Any], full: Mapping[str, Any], base_name: str) -> dict[str, Any]:
    """`full` written as what it changes in `base` (lexicon.load_raw puts them together again): the
    entries of a table that differ (`update`), any other value that differs whole (`replace`). The
    English locales add a few replies to the shared package, so each ships a few kilobytes, not
    another copy of it (the Lambda package's size, docs/benchmarks.md)."""
    update: dict[str, dict[str, Any]] = {}
    replace: dict[str, Any] = {}
    for key, value in full.items():
        was = base.get(key)
        if was == value:
            continue
        if isinstance(value, dict) and isinstance(was, dict) and set(was) <= set(value):
            update[key] = {k: v for k, v in value.items() if was.get(k) != v}
        else:
            replace[key] = value
    if set(base) - set(full):
        raise LanguageError(f"a locale's lexicon lacks {sorted(set(base) - set(full))} of the shared one")
    return {"overlay_of": base_name, "replace": replace, "update": update}


def _outputs() -> list[tuple[str, Any]]:
    outputs: list[tuple[str, Any]] = [("health_words.json", health_words())]
    shared = compile_lexicon(SHARED)
    for locale in (SHARED, *locales()):
        lexicon = shared if locale == SHARED else overlay(shared, compile_lexicon(locale), SHARED)
        outputs.append((f"lexicon.{locale}.json", lexicon))
        outputs.append((f"prompts.{locale}.json", compile_prompts(locale)))
    return outputs


def _text(content: Any) -> str:
    return json.dumps(content, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_all() -> list[str]:
    """Writes every compiled file whose content changed; returns their names."""
    changed = []
    for name, content in _outputs():
        target, text = DATA / name, _text(content)
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            changed.append(name)
    return changed


def stale() -> list[str]:
    """Compiled files that differ from what their sources compile to."""
    return [
        name
        for name, content in _outputs()
        if not (DATA / name).exists() or (DATA / name).read_text("utf-8") != _text(content)
    ]
