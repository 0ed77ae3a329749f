"""Exports the conversation tests (tests/simulator/conversations/*.toml) as replay files for the
ASK CLI's `ask dialog --replay`, so anyone with a developer account can play them against the real
Alexa simulator: one file per conversation and locale, in build/replay/<locale>/ (git-ignored).

A replay file is {"skillId", "locale", "type": "text", "userInput": [...]}. The lines are the
conversation's `say` lines, as typed: silence cannot be typed, so "" in an open session is left
out; a line said with no session open (the first line, or one after the skill ended the session)
opens one as the simulator does: "" becomes "open muscle twitch guide", and any other line not
already an invocation becomes "ask muscle twitch guide <line>".

    python -m tests.nlu.replay [--skill-id amzn1.ask.skill.<uuid>] [--out build/replay]

The skill ID comes from --skill-id, else $SKILL_ID, else the ASK CLI's .ask/ask-states.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from muscle_twitch.locales import supported_locales

ROOT = Path(__file__).resolve().parents[2]
CONVERSATIONS = ROOT / "tests" / "simulator" / "conversations"
OUT = ROOT / "build" / "replay"
INVOCATION = "muscle twitch guide"
LOCALES = supported_locales()
SKILL_ID = re.compile(r"amzn1\.ask\.skill\.[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")
PLACEHOLDER_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
_INVOKES = re.compile(rf"^(open|launch|start|ask|tell)\b.*\b{INVOCATION}\b|\b(using|with) {INVOCATION}$")
_LEAVES = {"exit", "quit"}


@dataclass(frozen=True)
class Replay:
    conversation: str  # the file's stem
    locale: str
    user_input: tuple[str, ...]

    def document(self, skill_id: str) -> dict[str, Any]:
        return {"skillId": skill_id, "locale": self.locale, "type": "text", "userInput": list(self.user_input)}


def typed_lines(turns: list[dict[str, Any]]) -> tuple[str, ...]:
    """The lines a person types into `ask dialog` to hold the same conversation."""
    lines: list[str] = []
    session_open = False
    for turn in turns:
        said = " ".join(str(turn.get("say", "")).split())
        if not session_open:
            if not said:
                lines.append(f"open {INVOCATION}")
            elif _INVOKES.search(said.lower()):
                lines.append(said)
            else:
                lines.append(f"ask {INVOCATION} {said}")
        elif said:
            lines.append(said)
        session_open = turn.get("session", "open") != "ended" and said.lower() not in _LEAVES
    return tuple(lines)


def replays(folder: Path = CONVERSATIONS) -> list[Replay]:
    found = []
    for path in sorted(folder.glob("*.toml")):
        document = tomllib.loads(path.read_text("utf-8"))
        locales = document.get("locales", LOCALES)
        lines = typed_lines(list(document.get("turns", [])))
        found += [Replay(path.stem, locale, lines) for locale in locales]
    return found


def skill_id_from_environment() -> str:
    if os.environ.get("SKILL_ID"):
        return os.environ["SKILL_ID"]
    states = ROOT / ".ask" / "ask-states.json"
    if states.exists():
        profiles = json.loads(states.read_text("utf-8")).get("profiles", {})
        for profile in profiles.values():
            if isinstance(profile, dict) and isinstance(profile.get("skillId"), str):
                return profile["skillId"]
    return PLACEHOLDER_SKILL_ID


def write(out: Path, skill_id: str) -> list[Path]:
    written = []
    for replay in replays():
        target = out / replay.locale / f"{replay.conversation}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(replay.document(skill_id), indent=2) + "\n", "utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Export the conversation tests as `ask dialog --replay` files.")
    parser.add_argument("--skill-id", default=None, help="amzn1.ask.skill.<uuid> (default: $SKILL_ID or .ask/)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    skill_id = args.skill_id or skill_id_from_environment()
    if not SKILL_ID.fullmatch(skill_id):
        parser.error(f"--skill-id must look like amzn1.ask.skill.<uuid>, not {skill_id!r}")
    written = write(args.out, skill_id)
    print(f"wrote {len(written)} replay files in {args.out}")
    if skill_id == PLACEHOLDER_SKILL_ID:
        print("no skill ID found: set SKILL_ID=amzn1.ask.skill.<uuid> (or --skill-id) before replaying")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
