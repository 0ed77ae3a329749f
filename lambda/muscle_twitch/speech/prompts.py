"""The prompt table for one locale: the shared English table with the locale's overrides, and
the locale's care words (emergency number, family doctor, urgent advice) filled in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from muscle_twitch import data

SHARED = "prompts.en"
# [an example answer] in a prompt: spoken without the brackets.
EXAMPLE = re.compile(r"\[([^\[\]]+)\]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
UNKNOWN_NUMBER = "your local emergency number"


def _merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), Mapping):
            merged[key] = _merged(base[key], value)
        else:
            merged[key] = value
    return merged


@cache
def known_locales() -> frozenset[str]:
    """The locales the data names (care words or an emergency number): the only cache keys,
    so a request's made-up locale cannot grow the caches (4,000 locales took 256 MB)."""
    locales = data.load("locales")
    return frozenset(locales["care"]) - {"default"} | frozenset(locales["emergency_numbers"])


def cache_key(locale: str) -> str:
    """``locale`` when the data knows it, else "" (shared English and the default care words)."""
    return locale if locale in known_locales() else ""


@cache
def prompt_table(locale: str) -> Mapping[str, Any]:
    """The shared English prompts with `locale`'s overrides (prompts.<locale>) on top."""
    table = data.load(SHARED)
    name = f"prompts.{locale}"
    if locale and data.exists(name):
        table = _merged(table, data.load(name))
    return table


@cache
def care_words(locale: str) -> Mapping[str, str]:
    """{emergency}, {emergency_call}, {doctor}, {your_doctor}, {doctor_or_urgent} for `locale`."""
    locales = data.load("locales")
    care = locales["care"]
    words = dict(care["default"])
    words.update({k: v for k, v in care.get(locale, {}).items() if k != "source"})
    number = words.pop("emergency", None) or locales["emergency_numbers"].get(locale)
    words["emergency"] = number or UNKNOWN_NUMBER
    words["emergency_call"] = f"{UNKNOWN_NUMBER}, {number}," if number else UNKNOWN_NUMBER
    return words


class Prompts:
    """Looks up and fills prompts for one locale."""

    def __init__(self, locale: str | None, table: Mapping[str, Any] | None = None) -> None:
        self.locale = locale or ""
        # `table`: another prompt table (a test of a changed one); by default the packaged one.
        self.table = table if table is not None else prompt_table(cache_key(self.locale))
        self.care = care_words(cache_key(self.locale))
        self.about("self")

    def about(self, subject: str | None) -> None:
        """Whom the questions are about: the person ("you"), or someone a carer answers for
        ("they"); the words are the prompt table's subject.<self|other>."""
        chosen = "other" if subject == "other" else "self"
        self.subject_words: Mapping[str, str] = self.table.get("subject", {}).get(chosen, {})
        self.their_doctor = chosen == "other"

    def raw(self, key: str) -> Any:
        """The entry at a dotted key ("questions.areas.ask"), unfilled."""
        node: Any = self.table
        for part in key.split("."):
            node = node[part]
        return node

    def has(self, key: str) -> bool:
        try:
            self.raw(key)
        except (KeyError, TypeError):
            return False
        return True

    def text(self, key: str, variant: int = 0, **values: str) -> str:
        """The prompt at `key` (one of its variants), filled, examples unbracketed."""
        entry = self.raw(key)
        if isinstance(entry, list):
            entry = entry[variant % len(entry)]
        return self.fill(entry, **values)

    def fill(self, text: str, **values: str) -> str:
        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in values:
                return values[name]
            if name in self.subject_words:
                return self.subject_words[name]
            word = self.care.get(name, match.group(0))
            if name == "your_doctor" and self.their_doctor:
                return word.replace("your ", "their ", 1)
            return word

        filled = _PLACEHOLDER.sub(value, EXAMPLE.sub(r"\1", text))
        # "your local emergency number, 911," before a full stop or comma.
        return filled.replace(",,", ",").replace(",.", ".")
