"""Web service settings, read once from environment variables (README section "Web service")."""

import os
from collections.abc import Mapping
from dataclasses import dataclass

SKILL_ID_VAR = "SKILL_ID"
DISABLE_VERIFICATION_VAR = "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION"
MAX_BODY_BYTES_VAR = "WEB_MAX_BODY_BYTES"

# Alexa request envelopes are a few kilobytes; 128 KiB leaves room for large device contexts.
DEFAULT_MAX_BODY_BYTES = 128 * 1024

_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
_FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})


class SettingsError(ValueError):
    """A setting is missing or unreadable; the service refuses to start rather than guess."""


@dataclass(frozen=True)
class WebSettings:
    # The skill's ID (amzn1.ask.skill....). Requests for any other skill are rejected.
    skill_id: str | None
    # Alexa signature + timestamp verification. Off only for local development, never in production.
    verify_requests: bool = True
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES

    def __post_init__(self) -> None:
        if self.verify_requests and not self.skill_id:
            raise SettingsError(
                f"{SKILL_ID_VAR} is not set. With request verification on the service must know "
                f"its skill ID; set {SKILL_ID_VAR}=amzn1.ask.skill.... (for local development "
                f"without Alexa only: {DISABLE_VERIFICATION_VAR}=1)."
            )
        if self.max_body_bytes <= 0:
            raise SettingsError(f"{MAX_BODY_BYTES_VAR} must be a positive number of bytes.")

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> "WebSettings":
        env = os.environ if environ is None else environ
        skill_id = env.get(SKILL_ID_VAR, "").strip() or None
        disable_verification = _read_flag(env, DISABLE_VERIFICATION_VAR)
        return cls(
            skill_id=skill_id,
            verify_requests=not disable_verification,
            max_body_bytes=_read_positive_int(env, MAX_BODY_BYTES_VAR, DEFAULT_MAX_BODY_BYTES),
        )


def _read_flag(env: Mapping[str, str], name: str) -> bool:
    word = env.get(name, "").strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise SettingsError(f"{name}={env[name]!r} is not a yes/no value (use 1 or 0).")


def _read_positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise SettingsError(f"{name}={text!r} is not a whole number of bytes.") from None
