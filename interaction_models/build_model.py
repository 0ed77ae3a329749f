"""Generates skill-package/interactionModels/custom/<locale>.json for every supported locale.

One source of truth: the shared English templates (interaction_models/en.toml), each locale's
additions (interaction_models/<locale>.toml: extra samples where people there speak
differently), and the cause table (lambda/muscle_twitch/data/knowledge.toml), which fills every
custom slot type, so each body area, symptom and trigger is defined once. The locales are the
skill's (muscle_twitch.locales: those with care words), and each needs its source file here. Run
`make model`; `--check` exits 1 when a committed model is out of date.

Template syntax: (a|b) is one of, [a|b] is one of or nothing, <name> is the macro `name` from
[macros] (itself a group), {slot} is a slot.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "interaction_models"
OUTPUT = ROOT / "skill-package" / "interactionModels" / "custom"
MANIFEST = ROOT / "skill-package" / "skill.json"
LISTING = SOURCES / "listing.toml"
SHARED = "en"
sys.path.insert(0, str(ROOT / "lambda"))

from muscle_twitch.core.knowledge import Knowledge, Term, load_knowledge  # noqa: E402
from muscle_twitch.locales import supported_locales  # noqa: E402

_GROUP = re.compile(r"(\(|\[)([^()\[\]]*)(\)|\])")
_MACRO = re.compile(r"<(\w+)>")
_SLOT = re.compile(r"\{(\w+)\}")
_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
SIDES = ("left", "right")
# A body part that has sides, after "my" in a symptom's phrase.
_SIDED_PART = re.compile(r"\b(my) (arm|leg|hand|foot|eye|eyelid|fingers|calf|knee|side)\b")


def expand(template: str, macros: dict[str, str] | None = None) -> list[str]:
    """All the sentences a template stands for."""
    if macros:
        template = _MACRO.sub(lambda m: macros[m.group(1)], template)
    pieces: list[list[str]] = []
    position = 0
    for match in _GROUP.finditer(template):
        pieces.append([template[position : match.start()]])
        options = match.group(2).split("|")
        if match.group(1) == "[":
            options.append("")
        pieces.append(options)
        position = match.end()
    pieces.append([template[position:]])
    sentences = ("".join(choice) for choice in itertools.product(*pieces))
    return list(dict.fromkeys(" ".join(s.split()) for s in sentences if s.strip()))


def slots_in(sample: str) -> list[str]:
    return list(dict.fromkeys(_SLOT.findall(sample)))


def phrases_of(term: Term) -> list[str]:
    """A term's synonyms as the model lists them: lower case, and for a body area that has sides,
    also "left ...", "right ..." and, for plural words, "both ..." ("both calves")."""
    phrases = [p.lower() for p in term.synonyms]
    if term.extra.get("sided"):
        base = [term.name.lower(), *phrases]
        phrases += [
            _sided(p, side)
            for p in base
            for side in SIDES
            if not p.startswith(("left ", "right ", "my left ", "my right "))
        ]
        phrases += [f"both {p}" for p in base if p.endswith("s") and not p.startswith("both ")]
    elif term.kind == "symptom":
        # "my arm just went weak" is also said "my right arm just went weak".
        phrases += [
            _SIDED_PART.sub(rf"\1 {side} \2", p, count=1) for p in phrases if _SIDED_PART.search(p) for side in SIDES
        ]
    return [p for p in dict.fromkeys(phrases) if p != term.name.lower()]


def _sided(phrase: str, side: str) -> str:
    """ "calf" -> "left calf"; "my calf" -> "my left calf"."""
    return f"my {side} {phrase[3:]}" if phrase.startswith("my ") else f"{side} {phrase}"


def slot_type_values(knowledge: Knowledge, kind: str) -> list[dict[str, Any]]:
    return [
        {"id": term.id, "name": {"value": term.name, "synonyms": phrases_of(term)}}
        for term in knowledge.terms[kind].values()
    ]


def load_source(locale: str) -> dict[str, Any]:
    """The shared English source with `locale`'s additions (their samples are appended)."""
    source = tomllib.loads((SOURCES / f"{SHARED}.toml").read_text("utf-8"))
    extra_path = SOURCES / f"{locale}.toml"
    extra = tomllib.loads(extra_path.read_text("utf-8")) if extra_path.exists() else {}
    for name, spec in extra.get("intents", {}).items():
        intent = source["intents"].setdefault(name, {"samples": []})
        intent["samples"] = [*intent.get("samples", []), *spec.get("samples", [])]
    # A locale may replace a shared macro ("my" is also "me" in en-GB: "me calves").
    source["macros"] = {**source.get("macros", {}), **extra.get("macros", {})}
    for name, spec in extra.get("builtins", {}).items():
        builtin = source["builtins"].setdefault(name, {"samples": []})
        builtin["samples"] = [*builtin.get("samples", []), *spec.get("samples", [])]
    return source


def _intent(name: str, templates: list[str], slot_defs: dict[str, Any], macros: dict[str, str]) -> dict[str, Any]:
    samples = list(dict.fromkeys(s for template in templates for s in expand(template, macros)))
    used = list(dict.fromkeys(slot for s in samples for slot in slots_in(s)))
    unknown = [s for s in used if s not in slot_defs]
    if unknown:
        raise SystemExit(f"intent {name}: samples use undefined slots {unknown}")
    for sample in samples:
        if re.search(r"[()\[\]<>]", sample):
            raise SystemExit(f"intent {name}: a group or macro is left in {sample!r} (groups do not nest)")
        counts = [sample.count("{" + slot + "}") for slot in slots_in(sample)]
        if any(c > 1 for c in counts):
            raise SystemExit(f"intent {name}: a slot appears twice in {sample!r}")
    slots = []
    for slot in used:
        entry: dict[str, Any] = {"name": slot, "type": slot_defs[slot]["type"]}
        if slot_defs[slot].get("multiple"):
            entry["multipleValues"] = {"enabled": True}
        slots.append(entry)
    intent: dict[str, Any] = {"name": name, "samples": samples}
    if slots:
        intent["slots"] = slots
    return intent


def build(source: dict[str, Any], knowledge: Knowledge) -> dict[str, Any]:
    slot_defs: dict[str, Any] = source["slots"]
    macros: dict[str, str] = source.get("macros", {})
    intents = [_intent(name, spec["samples"], slot_defs, macros) for name, spec in source["intents"].items()]
    for name, spec in source["builtins"].items():
        intents.append(_intent(name, spec.get("samples", []), slot_defs, macros))
    types = [
        {"name": type_name, "values": slot_type_values(knowledge, kind)} for type_name, kind in source["types"].items()
    ]
    return {
        "interactionModel": {
            "languageModel": {"invocationName": source["invocation"], "intents": intents, "types": types}
        }
    }


def template_counts(source: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(intent, template, how many samples it expands to), for keeping products small."""
    macros: dict[str, str] = source.get("macros", {})
    sections = [*source["intents"].items(), *source["builtins"].items()]
    return [(name, t, len(expand(t, macros))) for name, spec in sections for t in spec.get("samples", [])]


def render(locale: str) -> str:
    # No indentation, but still one sample a line for diffs: the file as written is then within a
    # few per cent of its compact form, whichever of the two Alexa's 1.5 MB limit is measured on.
    return json.dumps(build(load_source(locale), load_knowledge()), indent=0, ensure_ascii=False) + "\n"


def locales() -> list[str]:
    """Every locale the skill supports (its care table: muscle_twitch.locales), sorted so that the
    models and the manifest are always written in the same order."""
    return sorted(supported_locales())


def unmatched_sources() -> str | None:
    """Why the model sources and the supported locales disagree, or None: each supported locale
    needs interaction_models/<locale>.toml, and a source for any other locale would never be built."""
    sources = {p.stem for p in SOURCES.glob("*.toml") if _LOCALE.match(p.stem)}
    missing, extra = sorted(set(locales()) - sources), sorted(sources - set(locales()))
    problems = [f"no interaction_models/{locale}.toml for supported locale {locale}" for locale in missing]
    problems += [f'interaction_models/{locale}.toml has no [care."{locale}"] in locales.toml' for locale in extra]
    return "; ".join(problems) or None


def render_manifest() -> str:
    """skill.json with its listing (publishing and privacy information per locale, the countries
    it is offered in) written from listing.toml and the locales' care words; everything else in
    the manifest (endpoints, interfaces, permissions) is kept as it is."""
    from muscle_twitch.speech.prompts import care_words

    listing = tomllib.loads(LISTING.read_text("utf-8"))
    manifest = json.loads(MANIFEST.read_text("utf-8"))
    publishing = manifest["manifest"]["publishingInformation"]
    privacy = manifest["manifest"]["privacyAndCompliance"]
    publishing["locales"], privacy["locales"], countries = {}, {}, []
    for locale in locales():
        entry = {**listing["shared"], **listing["locales"].get(locale, {})}
        care = care_words(locale)
        publishing["locales"][locale] = {
            "name": entry["name"],
            "summary": entry["summary"],
            "description": entry["description"].format(doctor=care["doctor"], emergency=care["emergency"]),
            "examplePhrases": entry["example_phrases"],
            "keywords": entry["keywords"],
        }
        privacy["locales"][locale] = {
            "privacyPolicyUrl": entry["privacy_policy_url"],
            "termsOfUseUrl": entry["terms_of_use_url"],
        }
        countries.append(entry["country"])
    publishing["distributionCountries"] = sorted(countries)
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if a generated model is stale")
    parser.add_argument("--counts", metavar="LOCALE", help="print how many samples each template expands to")
    args = parser.parse_args(argv)
    problem = unmatched_sources()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    if args.counts:
        for intent, template, count in template_counts(load_source(args.counts)):
            print(f"{count:>6}  {intent}  {template}")
        return 0
    stale = []
    outputs = [(OUTPUT / f"{locale}.json", lambda loc=locale: render(loc)) for locale in locales()]
    for target, make in [*outputs, (MANIFEST, render_manifest)]:
        text = make()
        if args.check:
            if not target.exists() or target.read_text("utf-8") != text:
                stale.append(str(target.relative_to(ROOT)))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    if stale:
        print("out of date (run `make model`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
