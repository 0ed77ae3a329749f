"""The front door (issue 28): a README of at most 10 KB whose sections stay short and leave the
depth to docs/, that says how long the first `make run` and `make test` take, whose one-test
command shows its pass count; the licence; and one list of supported Pythons."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
MAX_README_BYTES = 10_000
# The sample conversation is a real run, pasted whole; every other section is a short summary.
MAX_SECTION_LINES = 30
DURATION = r"(about )?\d+(\.\d+)? (seconds|minutes?)"


def sections() -> dict[str, str]:
    parts = re.split(r"^## (.+)$", README, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_readme_is_a_front_door_of_at_most_10_kb() -> None:
    assert len(README.encode("utf-8")) <= MAX_README_BYTES, "move depth into docs/ and link it"


def test_every_readme_section_but_the_sample_is_short() -> None:
    long = {title: n for title, text in sections().items() if (n := len(text.strip().splitlines())) > MAX_SECTION_LINES}
    assert set(long) <= {"A conversation"}, long


def test_the_readme_links_the_docs_pages() -> None:
    linked = set(re.findall(r"\]\(docs/([\w-]+\.md)\)", README))
    assert linked == {p.name for p in (ROOT / "docs").glob("*.md")}


def test_the_readme_says_how_long_the_first_run_and_test_take_on_two_cores() -> None:
    two_commands = sections()["Two commands"]
    assert "two-core machine" in two_commands
    assert re.search(rf"first `make run` takes {DURATION}", two_commands), two_commands
    assert re.search(rf"first `make test` {DURATION}", two_commands), two_commands


def test_the_one_test_command_prints_its_pass_count() -> None:
    [command] = re.findall(r"`\.venv/bin/python -m pytest (tests/[\w/]+\.py)`", README)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert re.match(r"\d+ passed", done.stdout.splitlines()[-1]), done.stdout[-500:]


def test_the_licence_is_apache_2_0_as_the_ask_sdk_is() -> None:
    licence = (ROOT / "LICENSE").read_text("utf-8")
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    assert "END OF TERMS AND CONDITIONS" in licence  # the whole text, not a pointer to it
    assert PYPROJECT["project"]["license"] == "Apache-2.0"
    assert "(LICENSE)" in README


def supported_by_pyproject() -> list[str]:
    spec = PYPROJECT["project"]["requires-python"]
    low, high = re.fullmatch(r">=3\.(\d+),<3\.(\d+)", spec).groups()  # type: ignore[union-attr]
    return [f"3.{minor}" for minor in range(int(low), int(high))]


def test_the_makefile_and_the_readme_accept_the_pythons_pyproject_does() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    versions = supported_by_pyproject()
    said = f"{', '.join(versions[:-1])} or {versions[-1]}"
    assert re.search(r"^SUPPORTED_PYTHONS := (.+)$", makefile, re.MULTILINE).group(1).split() == versions  # type: ignore[union-attr]
    assert f"needs Python {said};" in makefile
    assert f"Python {said}," in README
