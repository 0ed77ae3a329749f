"""Expands interaction_models/<locale>.toml into skill-package/interactionModels/custom/<locale>.json.

Slot types are filled from the cause table (lambda/muscle_twitch/data/knowledge.toml), so each
body area, symptom and trigger is defined once. Run `make model`; `--check` exits 1 when the
committed JSON is out of date.
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
sys.path.insert(0, str(ROOT / "lambda"))

from muscle_twitch.core.knowledge import Knowledge, load_knowledge  # noqa: E402

_GROUP = re.compile(r"(\(|\[)([^()\[\]]*)(\)|\])")
_SLOT = re.compile(r"\{(\w+)\}")


def expand(template: str) -> list[str]:
    """All the sentences a template stands for: (a|b) is one of, [a|b] is one of or nothing."""
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


def slot_type_values(knowledge: Knowledge, kind: str) -> list[dict[str, Any]]:
    return [
        {"id": term.id, "name": {"value": term.name, "synonyms": list(term.synonyms)}}
        for term in knowledge.terms[kind].values()
    ]


def build(source: dict[str, Any], knowledge: Knowledge) -> dict[str, Any]:
    slot_defs: dict[str, Any] = source["slots"]
    intents: list[dict[str, Any]] = []
    for name, spec in source["intents"].items():
        samples = list(dict.fromkeys(s for template in spec["samples"] for s in expand(template)))
        used = list(dict.fromkeys(slot for s in samples for slot in slots_in(s)))
        unknown = [s for s in used if s not in slot_defs]
        if unknown:
            raise SystemExit(f"intent {name}: samples use undefined slots {unknown}")
        slots = []
        for slot in used:
            entry: dict[str, Any] = {"name": slot, "type": slot_defs[slot]["type"]}
            if slot_defs[slot].get("multiple"):
                entry["multipleValues"] = {"enabled": True}
            slots.append(entry)
        intents.append({"name": name, "slots": slots, "samples": samples})
    intents += [{"name": name, "samples": []} for name in source["builtins"]["names"]]
    types = [
        {"name": type_name, "values": slot_type_values(knowledge, kind)} for type_name, kind in source["types"].items()
    ]
    return {
        "interactionModel": {
            "languageModel": {"invocationName": source["invocation"], "intents": intents, "types": types}
        }
    }


def load_source(locale: str) -> dict[str, Any]:
    return tomllib.loads((SOURCES / f"{locale}.toml").read_text("utf-8"))


def render(locale: str) -> str:
    return json.dumps(build(load_source(locale), load_knowledge()), indent=2, ensure_ascii=False) + "\n"


def locales() -> list[str]:
    return sorted(p.stem for p in SOURCES.glob("*.toml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if a generated model is stale")
    args = parser.parse_args(argv)
    stale = []
    for locale in locales():
        target = OUTPUT / f"{locale}.json"
        text = render(locale)
        if args.check:
            if not target.exists() or target.read_text("utf-8") != text:
                stale.append(str(target.relative_to(ROOT)))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    if stale:
        print("out of date (run `make model`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
