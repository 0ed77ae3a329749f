"""The skill's data files: knowledge (the cause table), questions (the interview), prompts.en
and its locale overlays prompts.<locale> (wording), locales (care systems).

Each is written in TOML, with comments, for people to edit, and compiled to JSON by
`make model` (`python -m muscle_twitch.data`); the skill reads the JSON, because parsing it at
a Lambda cold start is about thirty times faster than parsing TOML. A test fails when a JSON
file is out of date with its TOML source.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

# The package is always unpacked (a Lambda zip is extracted), so the files sit next to this
# module; importlib.resources would add its own imports (zipfile, tempfile) to every cold start.
_FOLDER = os.path.dirname(os.path.abspath(__file__))


def data_files() -> list[str]:
    """Every data file's name (its TOML source's name without the extension)."""
    return sorted(p.stem for p in Path(_FOLDER).glob("*.toml"))


def exists(name: str) -> bool:
    return os.path.exists(os.path.join(_FOLDER, f"{name}.json"))


def load(name: str) -> Any:
    """The compiled content of data file `name` (one of data_files())."""
    with open(os.path.join(_FOLDER, f"{name}.json"), encoding="utf-8") as compiled:
        return json.load(compiled)


def compile_source(name: str) -> str:
    """The JSON text that `name`.toml compiles to."""
    import tomllib  # only the build step parses TOML

    source = (Path(_FOLDER) / f"{name}.toml").read_text("utf-8")
    return json.dumps(tomllib.loads(source), indent=1, ensure_ascii=False) + "\n"


def compile_all() -> list[str]:
    """Writes every JSON file from its TOML source; returns the files that changed."""
    folder = Path(__file__).parent
    changed = []
    for name in data_files():
        target = folder / f"{name}.json"
        text = compile_source(name)
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            changed.append(target.name)
    return changed
