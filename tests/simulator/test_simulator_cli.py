"""`python -m simulator` as a person or a script uses it: piped lines, a terminal, and errors."""

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.model import REPO_ROOT


def simulate(*args: str, lines: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        input=lines,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "MUSCLE_TWITCH_PERSISTENCE": "off"},
        timeout=120,
    )


def test_piped_lines_are_a_conversation_that_stops_when_the_session_ends() -> None:
    done = simulate(lines="open muscle twitch guide\nyes\nthis line is never read\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("You: open muscle twitch guide\nAlexa: Welcome")
    assert "You: yes\nAlexa: " in out and "911" in out
    assert "(the skill ended the session)" in out
    assert "never read" not in out
    assert done.stderr == ""


def test_end_of_input_leaves_an_open_session_as_exit_would() -> None:
    done = simulate(lines="open muscle twitch guide\n\n")
    assert done.returncode == 0, done.stderr
    assert "Alexa (reprompt): " in done.stdout
    assert done.stdout.rstrip().endswith("(session ended: USER_INITIATED)")


def test_json_shows_each_raw_request_and_response() -> None:
    done = simulate("--json", lines="open muscle twitch guide\nstop\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.count("--> request") == 2 and out.count("<-- response") == 2
    first = out.split("--> request\n", 1)[1].split("<-- response\n", 1)[0]
    assert json.loads(first)["request"]["type"] == "LaunchRequest"
    assert '"name": "AMAZON.StopIntent"' in out


def test_skill_id_from_the_environment_is_sent_and_accepted() -> None:
    skill_id = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "--json"],
        input="open muscle twitch guide\nstop\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "MUSCLE_TWITCH_PERSISTENCE": "off", "SKILL_ID": skill_id},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f'"applicationId": "{skill_id}"' in done.stdout
    assert "Welcome" in done.stdout


@pytest.mark.parametrize(
    ("args", "file_content", "message"),
    [
        (["--locale", "english"], None, "Unknown locale 'english'"),
        (["--locale", "fr-FR"], None, "No interaction model for locale fr-FR"),
        (["--model", "{model}"], "{ not json", "is not valid JSON"),
        (["--model", "{model}"], '{"interactionModel": {}}', "has no 'languageModel'"),
        (["--model", "{missing}"], None, "does not exist"),
    ],
    ids=["bad locale", "locale without model", "not json", "malformed", "missing file"],
)
def test_errors_are_one_readable_line_and_a_nonzero_exit(
    tmp_path: Path, args: list[str], file_content: str | None, message: str
) -> None:
    model = tmp_path / "en-US.json"
    if file_content is not None:
        model.write_text(file_content, encoding="utf-8")
    args = [a.format(model=model, missing=tmp_path / "missing.json") for a in args]
    done = simulate(*args, lines="open muscle twitch guide\n")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("simulator: ") and message in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_screen_device_sends_its_viewport_and_taps_only_what_is_on_screen() -> None:
    done = simulate("--screen=spot", "--json", lines="open muscle twitch guide\ntap 1\nstop\n")
    assert done.returncode == 0, done.stderr
    first = json.loads(done.stdout.split("--> request\n", 1)[1].split("<-- response\n", 1)[0])
    assert first["context"]["Viewport"]["shape"] == "ROUND"
    assert "Alexa.Presentation.APL" in first["context"]["System"]["device"]["supportedInterfaces"]
    # The safety check is on screen; touching its first answer (yes) sends that answer.
    tapped = json.loads(done.stdout.split("--> request\n")[2].split("<-- response\n", 1)[0])
    assert tapped["request"]["type"] == "Alexa.Presentation.APL.UserEvent"
    assert tapped["request"]["arguments"] == ["answer", "emergency", "yes"]
    assert "call your local emergency number" in done.stdout.lower()


def test_without_a_screen_the_requests_have_no_viewport() -> None:
    done = simulate("--json", lines="open muscle twitch guide\n")
    assert '"supportedInterfaces": {}' in done.stdout and '"Viewport"' not in done.stdout


def test_an_unknown_device_is_refused_with_the_known_ones() -> None:
    done = simulate("--screen=show9")
    assert done.returncode == 2
    assert "invalid choice: 'show9'" in done.stderr and "show8" in done.stderr


@pytest.mark.parametrize(
    ("args", "card_line", "more"),
    [
        ([], True, False),
        (["--card=short"], True, True),
        (["--no-cards"], False, False),
        (["--card", "none"], False, False),
    ],
    ids=["full", "short", "no-cards", "none"],
)
def test_the_result_card_can_be_shortened_or_hidden(args: list[str], card_line: bool, more: bool) -> None:
    done = simulate(*args, lines="open muscle twitch guide\nyes\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "911" in out and "(the skill ended the session)" in out
    assert ("[Simple card]" in out) is card_line
    assert bool(re.search(r"\(\d+ more lines\)", out)) is more
    assert ("Muscle Twitch Guide gives general information only" in out) is (card_line and not more)


def _read_until(fd: int, wanted: str, deadline: float) -> str:
    seen = ""
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen += os.read(fd, 4096).decode(errors="replace")
            except OSError:  # the child closed the terminal
                break
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_at_a_terminal_it_prompts_answers_and_quits_on_ctrl_d() -> None:
    controller, terminal = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "simulator"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=REPO_ROOT,
        env={**os.environ, "MUSCLE_TWITCH_PERSISTENCE": "off", "TERM": "dumb"},
    )
    os.close(terminal)
    deadline = time.monotonic() + 60
    try:
        banner = _read_until(controller, "You: ", deadline)
        assert "Talking to 'muscle twitch guide'" in banner
        os.write(controller, b"open muscle twitch guide\r")
        reply = _read_until(controller, "You: ", deadline)
        said = " ".join(reply.split())  # the terminal wraps lines
        assert "Welcome" in said and "trouble breathing" in said
        os.write(controller, b"\x04")  # Ctrl-D: leave
        farewell = _read_until(controller, "USER_INITIATED", deadline)
        assert "(session ended: USER_INITIATED)" in farewell
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(controller)
