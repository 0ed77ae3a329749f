"""The skill's data files: knowledge (the cause table), prompts.en (wording), locales.

Each is written in TOML, with comments, for people to edit, and compiled to JSON by
`make model` (`python -m muscle_twitch.data`); the skill reads the JSON, because parsing it at
a Lambda cold start is about thirty times faster than parsing TOML. A test fails when a JSON
file is out of date with its TOML source.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

DATA_FILES = ("knowledge", "prompts.en", "locales")


def load(name: str) -> Any:
    """The compiled content of data file `name` (one of DATA_FILES)."""
    return json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text("utf-8"))


def compile_source(name: str) -> str:
    """The JSON text that `name`.toml compiles to."""
    import tomllib  # only the build step parses TOML

    source = resources.files(__name__).joinpath(f"{name}.toml").read_text("utf-8")
    return json.dumps(tomllib.loads(source), indent=1, ensure_ascii=False) + "\n"


def compile_all() -> list[str]:
    """Writes every JSON file from its TOML source; returns the files that changed."""
    folder = Path(__file__).parent
    changed = []
    for name in DATA_FILES:
        target = folder / f"{name}.json"
        text = compile_source(name)
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            changed.append(target.name)
    return changed
