"""The two walkthroughs of docs/walkthroughs.md (linked from the README), done for real on a copy
of the repository: adding a question (asked under a condition, raising a level) and adding a
locale. After each, `make model`'s steps run in the copy, and the checks that are not about the
change (the interview's table-driven tests, the tables, the language packages, the speech, the
models) must stay green there. If one needs a code change or a test edit, the house has a special
case again. The blocks added are the page's own, with an id no real question will ever take.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "walkthroughs.md"
# What a copy needs to build and test itself (caches and virtual environments are left behind).
COPIED = ("lambda", "interaction_models", "skill-package", "simulator", "tests", "pyproject.toml")
IGNORED = shutil.ignore_patterns("__pycache__", "node_modules", ".pytest_cache", "*.pyc")
# The checks that must stay green after the change, none of them about it.
CHECKS = [
    "tests/core/test_interview.py",
    "tests/core/test_knowledge.py",
    "tests/core/test_triage_vignettes.py",
    "tests/language",
    "tests/speech",
    "tests/model",
]
TIMEOUT = 600


def walkthrough(name: str) -> list[tuple[str, str]]:
    """The guide's steps between `<!-- walkthrough: name -->` and `<!-- /walkthrough -->`: each
    file named in backticks, with the TOML block that follows it."""
    text = GUIDE.read_text("utf-8")
    match = re.search(rf"<!-- walkthrough: {name} -->(.*?)<!-- /walkthrough -->", text, re.S)
    assert match, f"docs/walkthroughs.md has no walkthrough '{name}'"
    steps = re.findall(r"`([\w./-]+\.toml)`[^`]*?```toml\n(.*?)```", match.group(1), re.S)
    assert steps, f"the walkthrough '{name}' names no file and TOML"
    return steps


def apply(copy: Path, steps: list[tuple[str, str]]) -> dict[str, dict]:
    """Adds each block to its file in the copy, as a person would: a setting the file has is
    changed where it is, the lines under a table the file already has (`[reasons]`) go under
    that table, anything else at the end, and a file that does not exist yet is created. Returns
    the blocks parsed, merged per file."""
    parsed = {}
    for path, block in steps:
        target = copy / path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = target.read_text("utf-8") if target.exists() else ""
        for header, body in sections(block):
            setting = re.fullmatch(r"(\w+) = .+\n", body) if not header else None
            if setting and re.search(rf"^{setting.group(1)} = .*$", text, re.M):
                # A setting the file has already ("max_questions = 8"): changed where it is.
                text = re.sub(rf"^{setting.group(1)} = .*$", body.strip(), text, count=1, flags=re.M)
                continue
            if header and header.startswith("[") and not header.startswith("[[") and f"\n{header}\n" in f"\n{text}":
                at = f"\n{text}".index(f"\n{header}\n") + len(header) + 1
                text = text[:at] + body + text[at:]
            else:
                text = text.rstrip() + "\n\n" + (f"{header}\n" if header else "") + body
        target.write_text(text, "utf-8")
        tomllib.loads(text)
        parsed[path] = {**parsed.get(path, {}), **tomllib.loads(block)}
    return parsed


def sections(block: str) -> list[tuple[str, str]]:
    """A TOML block as (header line, the lines under it); the first header may be empty."""
    out: list[tuple[str, str]] = [("", "")]
    for line in block.strip().splitlines():
        if re.match(r"^\[.*\]\s*$", line):
            out.append((line.strip(), ""))
        else:
            header, body = out[-1]
            out[-1] = (header, body + line + "\n")
    return [(h, b) for h, b in out if h or b.strip()]


def copy_of_the_repository(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=IGNORED)
        else:
            shutil.copy2(source, copy / name)
    return copy


def run(copy: Path, *args: str, cwd: str = ".") -> str:
    env = {**os.environ, "PYTHONPATH": f"{copy / 'lambda'}{os.pathsep}{copy}", "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, *args], cwd=copy / cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def make_model(copy: Path) -> None:
    run(copy, "-m", "muscle_twitch.data", cwd="lambda")
    run(copy, "interaction_models/build_model.py")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8").rstrip() + "\n\n" + text.strip() + "\n", "utf-8")


def test_adding_a_question_needs_no_code_and_breaks_no_test_about_something_else(tmp_path: Path) -> None:
    copy = copy_of_the_repository(tmp_path)
    added = apply(copy, walkthrough("question"))
    question = next(b["question"][0] for b in added.values() if "question" in b)
    rule = next(b["rule"][0] for b in added.values() if "rule" in b)
    assert question["id"].startswith("walkthrough_"), "the example's id must not be a real question's"
    make_model(copy)
    run(copy, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *CHECKS)
    # The question is asked when its condition holds (an eyelid), and its yes raises the level.
    probe = (
        "from muscle_twitch.core.knowledge import load_knowledge\n"
        "from muscle_twitch.core.interview import Evidence, Heard, advance, start\n"
        "k = load_knowledge()\n"
        "plain = {'days': Evidence(onset_days=3), 'term': Evidence(terms=(Heard('frequency', 'rarely'),))}\n"
        "s = advance(start(k).interview, Evidence(reply='no', terms=(Heard('body_area', 'eyelid'),)), k)\n"
        f"while s.ask and s.ask.question != {question['id']!r}:\n"
        "    s = advance(s.interview, plain.get(k.question(s.ask.question).answer, Evidence(reply='no')), k)\n"
        "assert s.ask, 'never asked'\n"
        "print(advance(s.interview, Evidence(reply='yes'), k).assessment.level.value)\n"
    )
    assert run(copy, "-c", probe, cwd="lambda").strip() == rule["level"]


def test_adding_a_locale_needs_no_code_and_breaks_no_test(tmp_path: Path) -> None:
    copy = copy_of_the_repository(tmp_path)
    added = apply(copy, walkthrough("locale"))
    care = next(b["care"] for b in added.values() if "care" in b)
    locale, words = next(iter(care.items()))
    make_model(copy)
    assert (copy / "skill-package" / "interactionModels" / "custom" / f"{locale}.json").exists()
    run(copy, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *CHECKS)
    probe = (
        "from simulator.conversation import Conversation\n"
        "from simulator.model import load_model, model_path_for\n"
        "from lambda_function import lambda_handler\n"
        f"c = Conversation(load_model(model_path_for({locale!r})), lambda_handler, locale={locale!r})\n"
        "c.say('open muscle twitch guide')\n"
        "print(c.say('yes').speech)\n"
    )
    spoken = run(copy, "-c", probe)
    assert words["emergency"] in spoken, spoken
