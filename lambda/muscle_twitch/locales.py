"""The locales the skill ships: one list, read from the care table (data/locales.toml).

A locale is supported when it has its own care words (emergency number, family doctor, urgent
advice) under [care]; the model sources, the store listing, the conversation tests and the
natural-speech corpus all follow this list, so adding a locale starts with its care entry.
Locales listed only under [emergency_numbers] are not supported: they hear the shared English
with generic care words, and have no model or listing of their own.
"""

from __future__ import annotations

from muscle_twitch import data

# The care table's fallback for unlisted locales, not a locale.
DEFAULT_CARE = "default"


def supported_locales() -> tuple[str, ...]:
    """Every locale with its own care words, in the order the care table lists them."""
    return tuple(locale for locale in data.load("locales")["care"] if locale != DEFAULT_CARE)
