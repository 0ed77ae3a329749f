"""Settings come from the environment; verification is on unless explicitly turned off, and
anything unreadable stops the service at start instead of being guessed."""

import pytest

from webservice.settings import DEFAULT_MAX_BODY_BYTES, SettingsError, WebSettings

SKILL = "amzn1.ask.skill.00000000-0000-4000-8000-00000000c0de"

# environment -> (skill_id, verify_requests, max_body_bytes)
VALID = [
    ({"SKILL_ID": SKILL}, (SKILL, True, DEFAULT_MAX_BODY_BYTES)),
    ({"SKILL_ID": f"  {SKILL}\n"}, (SKILL, True, DEFAULT_MAX_BODY_BYTES)),
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


INVALID = {
    "verification on without a skill ID": {},
    "blank skill ID": {"SKILL_ID": "   "},
    "an unclear switch": {"SKILL_ID": SKILL, "LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "maybe"},
    "a body limit that is not a number": {"SKILL_ID": SKILL, "WEB_MAX_BODY_BYTES": "1MB"},
    "a body limit of zero": {"SKILL_ID": SKILL, "WEB_MAX_BODY_BYTES": "0"},
}


@pytest.mark.parametrize("environ", INVALID.values(), ids=INVALID.keys())
def test_unusable_settings_stop_the_service(environ: dict[str, str]) -> None:
    with pytest.raises(SettingsError):
        WebSettings.from_environ(environ)
