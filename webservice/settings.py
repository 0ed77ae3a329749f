"""Web service settings, read once from environment variables (docs/web.md, "Settings").

Anything missing or unreadable stops the service before it listens, with ONE line that names
the variable and the form it expects (``SettingsError``); nothing is guessed.
"""

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

SKILL_ID_VAR = "SKILL_ID"
DISABLE_VERIFICATION_VAR = "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION"
MAX_BODY_BYTES_VAR = "WEB_MAX_BODY_BYTES"
PORT_VAR = "PORT"
WORKERS_VAR = "WEB_WORKERS"
THREADS_VAR = "WEB_THREADS"
READ_TIMEOUT_VAR = "WEB_READ_TIMEOUT_SECONDS"

SKILL_ID_FORM = "amzn1.ask.skill.<uuid>"
_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# What the developer console shows; skills created before 2017 kept the older prefix.
_SKILL_ID = re.compile(rf"amzn1\.ask\.skill\.{_UUID}|amzn1\.echo-sdk-ams\.app\.{_UUID}")

# Alexa request envelopes are a few kilobytes; 128 KiB leaves room for large device contexts.
DEFAULT_MAX_BODY_BYTES = 128 * 1024
DEFAULT_PORT = 8000
# The skill is CPU-bound: one process per core. Threads are not for speed (the GIL), they are
# there so that a few clients sending slowly cannot hold every process (see docs/web.md).
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 8
# Alexa sends a whole request at once; a client still silent this long mid-request is dropped.
DEFAULT_READ_TIMEOUT_SECONDS = 10.0

_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
_FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})


class SettingsError(ValueError):
    """A setting is missing or unreadable; the message is one line naming it and its form."""


@dataclass(frozen=True)
class WebSettings:
    """What the app checks on every request."""

    # The skill's ID. Requests for any other skill are rejected.
    skill_id: str | None
    # Alexa signature + timestamp verification. Off only for local development, never in production.
    verify_requests: bool = True
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES

    def __post_init__(self) -> None:
        if self.skill_id is not None and not _SKILL_ID.fullmatch(self.skill_id):
            raise SettingsError(
                f"{SKILL_ID_VAR}={self.skill_id!r} is not a skill ID: expected {SKILL_ID_FORM} "
                "(the skill's ID in the Alexa developer console)"
            )
        if self.verify_requests and not self.skill_id:
            raise SettingsError(
                f"{SKILL_ID_VAR} is not set: with request verification on it must be the skill's ID, "
                f"{SKILL_ID_VAR}={SKILL_ID_FORM} (for local development without Alexa: make serve-dev)"
            )
        if self.max_body_bytes <= 0:
            raise SettingsError(f"{MAX_BODY_BYTES_VAR} must be a positive whole number of bytes")

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> "WebSettings":
        env = os.environ if environ is None else environ
        return cls(
            skill_id=env.get(SKILL_ID_VAR, "").strip() or None,
            verify_requests=not _read_flag(env, DISABLE_VERIFICATION_VAR),
            max_body_bytes=max_body_bytes_from_environ(env),
        )


@dataclass(frozen=True)
class ServerSettings:
    """How gunicorn serves the app (webservice/gunicorn_config.py)."""

    port: int = DEFAULT_PORT
    workers: int = DEFAULT_WORKERS
    threads: int = DEFAULT_THREADS
    read_timeout_seconds: float = DEFAULT_READ_TIMEOUT_SECONDS

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> "ServerSettings":
        env = os.environ if environ is None else environ
        port = _read_whole_number(env, PORT_VAR, DEFAULT_PORT, "a TCP port, 1 to 65535")
        if port > 65535:
            raise SettingsError(f"{PORT_VAR}={port} is not a TCP port: expected a whole number from 1 to 65535")
        return cls(
            port=port,
            workers=_read_whole_number(env, WORKERS_VAR, DEFAULT_WORKERS, "worker processes"),
            threads=_read_whole_number(env, THREADS_VAR, DEFAULT_THREADS, "threads per worker"),
            read_timeout_seconds=_read_seconds(env, READ_TIMEOUT_VAR, DEFAULT_READ_TIMEOUT_SECONDS),
        )


def max_body_bytes_from_environ(environ: Mapping[str, str] | None = None) -> int:
    """``WEB_MAX_BODY_BYTES`` alone, for the server (the app reads it with the rest of WebSettings)."""
    env = os.environ if environ is None else environ
    return _read_whole_number(env, MAX_BODY_BYTES_VAR, DEFAULT_MAX_BODY_BYTES, "bytes")


def _read_flag(env: Mapping[str, str], name: str) -> bool:
    word = env.get(name, "").strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise SettingsError(f"{name}={env[name]!r} is not a yes/no value: expected {name}=1 or {name}=0")


def _read_whole_number(env: Mapping[str, str], name: str, default: int, unit: str) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not text.isascii() or not text.isdigit() or int(text) <= 0:
        raise SettingsError(f"{name}={text!r} is not a positive whole number: expected {name}={default} ({unit})")
    return int(text)


def _read_seconds(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds < float("inf"):
        raise SettingsError(f"{name}={text!r} is not a positive number of seconds: expected e.g. {name}={default:g}")
    return seconds
