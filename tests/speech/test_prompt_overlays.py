"""A locale's prompt overlay (language/<locale>/prompts.toml) only re-words what the shared English table
says: a key it spells differently from the shared one, or a new placeholder, would be silently
never spoken or spoken as "{braces}", so every overlay entry is checked against what reads it."""

import re
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from muscle_twitch import data
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.language.build import packaged
from muscle_twitch.locales import supported_locales
from muscle_twitch.speech.prompts import Prompts, care_words

# Locales whose language package re-words something (en-US speaks the shared table as it is).
OVERLAYS = [locale for locale in packaged() if locale != "en" and data.load(f"prompts.{locale}")]
# Words only some locales have: read by name (speech/names.py: "a fortnight" for fourteen days).
LOCALE_ONLY = {"time.fortnight"}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def leaves(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in table.items():
        if isinstance(value, Mapping):
            yield from leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def placeholders(entry: Any) -> set[str]:
    texts = entry if isinstance(entry, list) else [entry]
    return {name for text in texts if isinstance(text, str) for name in _PLACEHOLDER.findall(text)}


def names_a_table_entry(key: str) -> bool:
    """names.<kind>.<id> (a term), names.cause.<id>, names.tip.<id>.written|spoken."""
    knowledge = load_knowledge()
    parts = key.split(".")
    if parts[0] != "names" or len(parts) < 3:
        return False
    kind, entry_id = parts[1], parts[2]
    if kind == "cause":
        return len(parts) == 3 and entry_id in knowledge.causes
    if kind == "tip":
        return len(parts) == 4 and entry_id in knowledge.tips and parts[3] in {"written", "spoken"}
    return len(parts) == 3 and entry_id in knowledge.terms.get(kind, {})


def test_every_overlay_belongs_to_a_locale_the_skill_ships() -> None:
    # An overlay for a locale without care words or a model would never be heard.
    shipped = set(supported_locales())
    assert OVERLAYS
    assert set(OVERLAYS) <= shipped


@pytest.mark.parametrize("locale", OVERLAYS)
def test_an_overlay_only_rewords_what_the_skill_reads(locale: str) -> None:
    shared = Prompts("", data.load("prompts.en"))
    problems = []
    for key, value in leaves(data.load(f"prompts.{locale}")):
        if shared.has(key):
            base = shared.raw(key)
            if type(base) is not type(value):
                problems.append(f"{key}: {type(value).__name__}, the shared table has {type(base).__name__}")
            new = placeholders(value) - placeholders(base) - set(care_words(locale))
            if new:
                problems.append(f"{key}: placeholders the shared entry never fills: {sorted(new)}")
        elif not (key in LOCALE_ONLY or names_a_table_entry(key)):
            problems.append(f"{key}: no such prompt in prompts.en and no such table entry")
    assert problems == []


@pytest.mark.parametrize("locale", OVERLAYS)
def test_an_overlay_changes_something(locale: str) -> None:
    # An empty overlay would mean the locale is spoken exactly as en-US: then it is not needed.
    assert list(leaves(data.load(f"prompts.{locale}")))


@pytest.mark.parametrize("locale", ["en-US", *OVERLAYS])
def test_every_shipped_locale_has_its_own_care_words_with_a_source(locale: str) -> None:
    entry = data.load("locales")["care"][locale]
    default = data.load("locales")["care"]["default"]
    assert set(default) | {"emergency", "source"} <= set(entry)
    assert entry["emergency"].isdigit()
    assert entry["source"].strip()
    # What the person hears: the number itself, never the generic fallback.
    assert care_words(locale)["emergency_call"] != "your local emergency number"
