"""Generates skill-package/interactionModels/custom/<locale>.json for every locale, and the listing
in skill-package/skill.json.

One grammar, compiled for Alexa: the model's own templates (interaction_models/en.toml) with each
locale's language package (lambda/muscle_twitch/data/language/<locale>/, the same data the skill's
reader reads): every custom slot type's values are the package's names and synonyms; the built-in
intents' and WhyIntent's samples are its replies and requests; the question intents' samples are
its topics. AnswerIntent has a dialog model with manual delegation: the skill asks its own
questions in its own order and elicits one slot per question (Dialog.ElicitSlot), and each slot
accepts the bare answer. Every intent's samples are capped (`max_samples_per_intent`, a
deterministic, varied choice), so the model's size is held by construction. Run `make model`;
`--check` exits 1 when a committed file is out of date; `--sizes` prints each locale's size.

Template syntax: (a|b) is one of, [a|b] is one of or nothing, {slot} is a slot.
"""

from __future__ import annotations

import argparse
import hashlib
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
TEMPLATES = SOURCES / "en.toml"
sys.path.insert(0, str(ROOT / "lambda"))

from muscle_twitch.language import build as language  # noqa: E402
from muscle_twitch.locales import supported_locales  # noqa: E402
from muscle_twitch.skill.slots import (  # noqa: E402
    ANSWER_INTENT,
    OPEN_QUESTION_INTENT,
    QUESTION_INTENTS,
    TELL_INTENT,
)

_GROUP = re.compile(r"(\(|\[)([^()\[\]]*)(\)|\])")
_SLOT = re.compile(r"\{(\w+)\}")
WHY_INTENT = "WhyIntent"
# The built-in intents the model lists, and which list of the language package gives each its
# extra samples ("" for none).
BUILTINS = {
    "AMAZON.YesIntent": "replies.yes",
    "AMAZON.NoIntent": "replies.no",
    "AMAZON.HelpIntent": "meta.help",
    "AMAZON.RepeatIntent": "meta.repeat",
    "AMAZON.StartOverIntent": "meta.start_over",
    "AMAZON.StopIntent": "meta.stop",
    "AMAZON.CancelIntent": "meta.cancel",
    "AMAZON.NavigateHomeIntent": "",
    "AMAZON.FallbackIntent": "",
}
# Question intents' slots: the slot name in a topic sample, and its type.
QUESTION_SLOTS = {"disease": "DISEASE", "areas": "BODY_AREA", "triggers": "TRIGGER"}
REPLY_IDS = ("yes", "no", "unsure")
# Alexa's limits for a slot value or synonym, and for a sample.
MAX_VALUE_CHARS = 140
MAX_SAMPLE_CHARS = 200


def expand(template: str) -> list[str]:
    """All the sentences a template stands for."""
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


def bounded(samples: list[str], limit: int) -> list[str]:
    """At most `limit` samples: every template's first sentence, then an even, deterministic
    spread over the rest (by a hash, so the choice does not depend on the order of edits)."""
    unique = list(dict.fromkeys(samples))
    if len(unique) <= limit:
        return unique
    ranked = sorted(unique, key=lambda s: hashlib.sha256(s.encode()).hexdigest())
    return sorted(ranked[:limit], key=unique.index)


def _spoken(phrase: str) -> str:
    """A phrase as a sample or slot value: lower case, the characters Alexa accepts."""
    return " ".join(re.sub(r"[^a-z0-9' .]", " ", phrase.lower()).split())


def _values(ids_to_phrases: dict[str, list[str]]) -> list[dict[str, Any]]:
    values = []
    for value_id, phrases in ids_to_phrases.items():
        spoken = [p for p in dict.fromkeys(_spoken(p) for p in phrases) if p and len(p) <= MAX_VALUE_CHARS]
        if spoken:
            values.append({"id": value_id, "name": {"value": spoken[0], "synonyms": spoken[1:]}})
    return values


def slot_types(templates: dict[str, Any], files: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every custom type's values, from the language package."""
    types = []
    for type_name, source in templates["types"].items():
        if source == "replies":
            replies = files["words"]["replies"]
            phrases = {
                r: [r if r != "unsure" else "not sure", *replies.get(r, []), *replies.get(f"{r}_alone", [])]
                for r in REPLY_IDS
            }
        elif source == "diseases":
            phrases = {"disease": files["topics"]["groups"]["disease"]}
            phrases = {_id(p): [p] for p in phrases["disease"]}
        else:
            phrases = {}
            for file in language.TERM_FILES:
                for term_id, entry in files[file].get(source, {}).items():
                    phrases.setdefault(term_id, []).extend([entry.get("name", term_id), *entry.get("synonyms", [])])
        types.append({"name": type_name, "values": _values(phrases)})
    return types


def _id(phrase: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_") or "value"


def _intent(name: str, templates: list[str], slot_types: dict[str, str], limit: int) -> dict[str, Any]:
    samples = bounded([s for t in templates for s in expand(t) if len(s) <= MAX_SAMPLE_CHARS], limit)
    used = list(dict.fromkeys(slot for s in samples for slot in slots_in(s)))
    unknown = [s for s in used if s not in slot_types]
    if unknown:
        raise SystemExit(f"intent {name}: samples use undefined slots {unknown}")
    for sample in samples:
        if re.search(r"[()\[\]<>]", sample):
            raise SystemExit(f"intent {name}: a group is left in {sample!r} (groups do not nest)")
        if any(sample.count("{" + slot + "}") > 1 for slot in slots_in(sample)):
            raise SystemExit(f"intent {name}: a slot appears twice in {sample!r}")
    intent: dict[str, Any] = {"name": name, "samples": samples}
    if used:
        intent["slots"] = [{"name": slot, "type": slot_types[slot]} for slot in used]
    return intent


def _listed(files: dict[str, dict[str, Any]], key: str) -> list[str]:
    table, _, name = key.partition(".")
    words = files["words"]
    items = list(words.get(table, {}).get(name, []))
    if key.startswith("replies."):
        items += words["replies"].get(f"{name}_alone", [])
    return [p for p in dict.fromkeys(_spoken(i) for i in items) if p]


def templates() -> dict[str, Any]:
    """The model's own templates (interaction_models/en.toml)."""
    return tomllib.loads(TEMPLATES.read_text("utf-8"))


def build(locale: str) -> dict[str, Any]:
    source = templates()
    files = language.package(locale)
    limit = int(source["max_samples_per_intent"])
    answer = source["answer"]
    answer_slots: dict[str, str] = dict(answer["slots"])
    carriers: dict[str, list[str]] = answer["carriers"]
    answer_templates = [t for slot in answer_slots for t in carriers[slot]] + list(answer["pairs"]["samples"])
    answer_intent = _intent(ANSWER_INTENT, answer_templates, answer_slots, limit)
    # Every slot of AnswerIntent is listed, with the samples that elicit it.
    answer_intent["slots"] = [
        {"name": slot, "type": kind, "samples": bounded([s for t in carriers[slot] for s in expand(t)], 40)}
        for slot, kind in answer_slots.items()
    ]
    subjects: dict[str, str] = source["tell"]["subjects"]
    tell_samples = list(source["tell"]["samples"]) + [f"{said} {{{slot}}}" for slot, said in subjects.items()]
    tell_slots = {"story": "AMAZON.SearchQuery", **dict.fromkeys(subjects, "AMAZON.SearchQuery")}
    intents = [answer_intent, _intent(TELL_INTENT, tell_samples, tell_slots, limit)]
    why = _listed(files, "meta.why") + [_spoken(p) for p in files["topics"]["groups"]["why_alone"]]
    intents.append(_intent(WHY_INTENT, why, {}, limit))
    topic_samples = files["topics"]["samples"]
    for intent_name, topic in QUESTION_INTENTS.items():
        intents.append(_intent(intent_name, topic_samples[topic], QUESTION_SLOTS, limit))
    openers: dict[str, str] = source["question"]["openers"]
    intents.append(
        _intent(
            OPEN_QUESTION_INTENT,
            [f"{said} {{{slot}}}" for slot, said in openers.items()],
            dict.fromkeys(openers, "AMAZON.SearchQuery"),
            limit,
        )
    )
    for name, key in BUILTINS.items():
        intents.append(_intent(name, _listed(files, key) if key else [], {}, limit))
    prompts = files["prompts"]
    elicit_texts = {slot: _elicitation(prompts, slot) for slot in answer_slots}
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": source["invocation"],
                "modelConfiguration": {"fallbackIntentSensitivity": {"level": source["fallback_sensitivity"]}},
                "intents": intents,
                "types": slot_types(source, files),
            },
            "dialog": {
                "intents": [
                    {
                        "name": ANSWER_INTENT,
                        "delegationStrategy": "SKILL_RESPONSE",
                        "confirmationRequired": False,
                        "prompts": {},
                        "slots": [
                            {
                                "name": slot,
                                "type": kind,
                                "confirmationRequired": False,
                                "elicitationRequired": True,
                                "prompts": {"elicitation": _prompt_id(slot)},
                            }
                            for slot, kind in answer_slots.items()
                        ],
                    }
                ],
                "delegationStrategy": "SKILL_RESPONSE",
            },
            "prompts": [
                {"id": _prompt_id(slot), "variations": [{"type": "PlainText", "value": text}]}
                for slot, text in elicit_texts.items()
            ],
        }
    }


# Which question's words Alexa would speak if it ever elicited a slot itself (the skill always
# speaks its own question with Dialog.ElicitSlot; the dialog model still needs a prompt per slot).
_ELICITING_QUESTION = {
    "areas": "areas",
    "symptoms": "symptoms",
    "onset": "onset",
    "frequency": "frequency",
    "twitch_length": "twitch_length",
    "medicines": "medicines",
    "triggers": "triggers",
    "reply": "emergency",
}


def _elicitation(prompts: dict[str, Any], slot: str) -> str:
    """The question's first wording, spoken to the person themselves ({do_you} is "do you")."""
    ask = prompts["questions"][_ELICITING_QUESTION[slot]]["ask"]
    text = re.sub(r"\[([^\]]*)\]", r"\1", ask[0] if isinstance(ask, list) else ask)
    words = prompts.get("subject", {}).get("self", {})
    filled = re.sub(r"\{(\w+)\}", lambda m: words.get(m.group(1), m.group(0)), text)
    if "{" in filled:
        raise ValueError(f"the {slot} question's prompt has a placeholder the model cannot fill: {filled}")
    return filled.strip()


def _prompt_id(slot: str) -> str:
    return f"Elicit.Slot.{ANSWER_INTENT}.{slot}"


def render(locale: str) -> str:
    # One sample a line for diffs, no indentation: the file as written stays within a few per cent
    # of its compact form, whichever of the two Alexa's size limit is measured on.
    return json.dumps(build(locale), indent=0, ensure_ascii=False) + "\n"


def locales() -> list[str]:
    """Every locale the skill supports (its care table: muscle_twitch.locales), sorted so that the
    models and the manifest are always written in the same order."""
    return sorted(supported_locales())


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
    parser.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    parser.add_argument("--sizes", action="store_true", help="print each locale's model size and sample count")
    args = parser.parse_args(argv)
    if args.sizes:
        for locale in locales():
            text = render(locale)
            model = json.loads(text)["interactionModel"]["languageModel"]
            samples = sum(len(i["samples"]) for i in model["intents"])
            print(f"{locale}  {len(text.encode()) / 1e6:.3f} MB  {samples} samples")
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
    for old in OUTPUT.glob("*.json"):
        if old.stem not in locales():
            if args.check:
                stale.append(str(old.relative_to(ROOT)))
            else:
                old.unlink()
                print(f"removed {old.relative_to(ROOT)}")
    if stale:
        print("out of date (run `make model`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
