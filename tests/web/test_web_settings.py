"""Settings come from the environment; verification is on unless explicitly turned off, and
anything unreadable stops the service at start, in one line naming the variable and the form
it expects, instead of being guessed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from webservice.settings import (
    DEFAULT_MAX_BODY_BYTES,
    ServerSettings,
    SettingsError,
    WebSettings,
)

ROOT = Path(__file__).resolve().parents[2]
SKILL = "amzn1.ask.skill.00000000-0000-4000-8000-00000000c0de"
LEGACY_SKILL = "amzn1.echo-sdk-ams.app.12345678-90ab-cdef-1234-567890abcdef"

# environment -> (skill_id, verify_requests, max_body_bytes)
VALID = [
    ({"SKILL_ID": SKILL}, (SKILL, True, DEFAULT_MAX_BODY_BYTES)),
    ({"SKILL_ID": f"  {SKILL}\n"}, (SKILL, True, DEFAULT_MAX_BODY_BYTES)),
    ({"SKILL_ID": LEGACY_SKILL}, (LEGACY_SKILL, True, DEFAULT_MAX_BODY_BYTES)),
    ({"SKILL_ID": SKILL, "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "0"}, (SKILL, True, 131072)),
    ({"SKILL_ID": SKILL, "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": ""}, (SKILL, True, 131072)),
    ({"SKILL_ID": SKILL, "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "no"}, (SKILL, True, 131072)),
    ({"LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "1"}, (None, False, 131072)),
    ({"LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "TRUE"}, (None, False, 131072)),
    (
        {"SKILL_ID": SKILL, "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "yes"},
        (SKILL, False, 131072),
    ),
    ({"SKILL_ID": SKILL, "WEB_MAX_BODY_BYTES": "4096"}, (SKILL, True, 4096)),
]


@pytest.mark.parametrize(("environ", "expected"), VALID)
def test_settings_read_from_the_environment(environ: dict[str, str], expected: tuple[str | None, bool, int]) -> None:
    settings = WebSettings.from_environ(environ)
    assert (settings.skill_id, settings.verify_requests, settings.max_body_bytes) == expected


# environment -> (port, workers, threads, read timeout)
VALID_SERVER = [
    ({}, (8000, 2, 8, 10.0)),
    ({"PORT": "9000", "WEB_WORKERS": "4", "WEB_THREADS": "16"}, (9000, 4, 16, 10.0)),
    ({"PORT": " 65535 ", "WEB_READ_TIMEOUT_SECONDS": "2.5"}, (65535, 2, 8, 2.5)),
]


@pytest.mark.parametrize(("environ", "expected"), VALID_SERVER)
def test_server_settings_read_from_the_environment(
    environ: dict[str, str], expected: tuple[int, int, int, float]
) -> None:
    settings = ServerSettings.from_environ(environ)
    assert (settings.port, settings.workers, settings.threads, settings.read_timeout_seconds) == expected


# case -> (environment, the variable the one-line message must name, the form it must show)
INVALID = {
    "verification on without a skill ID": ({}, "SKILL_ID is not set", "SKILL_ID=amzn1.ask.skill.<uuid>"),
    "blank skill ID": ({"SKILL_ID": "   "}, "SKILL_ID is not set", "amzn1.ask.skill.<uuid>"),
    "a name, not a skill ID": ({"SKILL_ID": "my-skill"}, "SKILL_ID='my-skill'", "amzn1.ask.skill.<uuid>"),
    "a skill ID without its uuid": ({"SKILL_ID": "amzn1.ask.skill."}, "SKILL_ID=", "amzn1.ask.skill.<uuid>"),
    "a skill ID in capitals": ({"SKILL_ID": SKILL.upper()}, "SKILL_ID=", "amzn1.ask.skill.<uuid>"),
    "a skill ID with verification off": (
        {"SKILL_ID": "my-skill", "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "1"},
        "SKILL_ID='my-skill'",
        "amzn1.ask.skill.<uuid>",
    ),
    "an unclear switch": (
        {"SKILL_ID": SKILL, "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "maybe"},
        "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION='maybe'",
        "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION=1",
    ),
    "a body limit that is not a number": (
        {"SKILL_ID": SKILL, "WEB_MAX_BODY_BYTES": "1MB"},
        "WEB_MAX_BODY_BYTES='1MB'",
        "WEB_MAX_BODY_BYTES=131072",
    ),
    "a body limit of zero": ({"SKILL_ID": SKILL, "WEB_MAX_BODY_BYTES": "0"}, "WEB_MAX_BODY_BYTES='0'", "(bytes)"),
}
INVALID_SERVER = {
    "workers as a word": ({"WEB_WORKERS": "two"}, "WEB_WORKERS='two'", "WEB_WORKERS=2"),
    "no workers": ({"WEB_WORKERS": "0"}, "WEB_WORKERS='0'", "WEB_WORKERS=2"),
    "negative threads": ({"WEB_THREADS": "-4"}, "WEB_THREADS='-4'", "WEB_THREADS=8"),
    "a port that is a URL": ({"PORT": "http://localhost:8000"}, "PORT='http://localhost:8000'", "PORT=8000"),
    "a port out of range": ({"PORT": "70000"}, "PORT=70000", "from 1 to 65535"),
    "a timeout that is a word": (
        {"WEB_READ_TIMEOUT_SECONDS": "soon"},
        "WEB_READ_TIMEOUT_SECONDS='soon'",
        "WEB_READ_TIMEOUT_SECONDS=10",
    ),
    "an infinite timeout": ({"WEB_READ_TIMEOUT_SECONDS": "inf"}, "WEB_READ_TIMEOUT_SECONDS='inf'", "seconds"),
}


@pytest.mark.parametrize(("environ", "names", "form"), INVALID.values(), ids=INVALID.keys())
def test_unusable_settings_stop_the_service_with_one_line_naming_the_variable(
    environ: dict[str, str], names: str, form: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        WebSettings.from_environ(environ)
    assert_one_line_naming(str(refused.value), names, form)


@pytest.mark.parametrize(("environ", "names", "form"), INVALID_SERVER.values(), ids=INVALID_SERVER.keys())
def test_unusable_server_settings_stop_the_service_with_one_line_naming_the_variable(
    environ: dict[str, str], names: str, form: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        ServerSettings.from_environ(environ)
    assert_one_line_naming(str(refused.value), names, form)


def assert_one_line_naming(message: str, names: str, form: str) -> None:
    assert "\n" not in message
    assert names in message
    assert form in message


# What `make serve` runs; each case must fail before gunicorn listens, with exactly one line.
SERVE_FAILURES = {
    "no SKILL_ID": ({}, "SKILL_ID is not set"),
    "SKILL_ID=my-skill": ({"SKILL_ID": "my-skill"}, "SKILL_ID='my-skill' is not a skill ID"),
    "WEB_WORKERS=two": ({"SKILL_ID": SKILL, "WEB_WORKERS": "two"}, "WEB_WORKERS='two'"),
    "PORT=eighty": ({"LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "1", "PORT": "eighty"}, "PORT='eighty'"),
}


@pytest.mark.parametrize(("environ", "message"), SERVE_FAILURES.values(), ids=SERVE_FAILURES.keys())
def test_make_serve_reports_a_bad_setting_in_one_line_without_a_traceback(
    environ: dict[str, str], message: str
) -> None:
    clean = {k: v for k, v in os.environ.items() if k not in {"SKILL_ID", "PORT"} and not k.startswith("WEB_")}
    clean.pop("LOCAL_DEV_DISABLE_ALEXA_VERIFICATION", None)
    result = subprocess.run(
        [sys.executable, "-m", "webservice.serve"],
        cwd=ROOT,
        env={**clean, **environ, "MUSCLE_TWITCH_PERSISTENCE": "off"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {message}")
    assert result.returncode != 0
