"""The README tells the truth: its sample conversation is what the skill says today, every file
it and the docs link exists, and every make target and test path it shows is real."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
DOCS = [ROOT / "README.md", ROOT / "PRIVACY.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)#]+)(?:#[^)]*)?\)")


def sample_block() -> str:
    section = README.split("## A conversation", 1)[1]
    return section.split("```\n", 2)[1].split("```", 1)[0]


def test_the_sample_conversation_is_what_the_skill_says_today() -> None:
    block = sample_block()
    lines = "".join(f"{line.removeprefix('You: ')}\n" for line in block.splitlines() if line.startswith("You: "))
    env = {
        **os.environ,
        "COLUMNS": "100",
        "MUSCLE_TWITCH_PERSISTENCE": "off",
        "PYTHONPATH": f"{ROOT / 'lambda'}:{ROOT}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "--no-cards"],
        input=lines,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == block, "the README's sample conversation is out of date: paste the new run"


@pytest.mark.parametrize("doc", DOCS, ids=[str(d.relative_to(ROOT)) for d in DOCS])
def test_every_linked_file_exists(doc: Path) -> None:
    for target in LINK.findall(doc.read_text("utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        assert (doc.parent / target).exists(), f"{doc.name} links to {target}, which does not exist"


def test_every_make_target_the_readme_shows_exists() -> None:
    targets = set(re.findall(r"\bmake ([a-z][a-z-]+)", README)) - {"test"}  # `make test` is what runs this
    assert {"run", "model", "nlu", "serve", "serve-dev", "deploy-check"} <= targets | {"test"}
    for target in sorted(targets):
        done = subprocess.run(["make", "-n", target], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, f"make {target}: {done.stderr}"


def test_every_test_path_the_readme_shows_exists() -> None:
    for path in re.findall(r"`(tests/[\w/.-]+)`", README):
        assert (ROOT / path.split("::")[0]).exists(), path
