"""A follow-up reminder through Alexa's Reminders API, holding no health information.

`schedule_check_in` creates one reminder `days` from now: POST {apiEndpoint}/v1/alerts/reminders
with the request's apiAccessToken, the body the SDK's ReminderManagementServiceClient would send.
It is scheduled at 10:00 in the person's time zone (read from the Settings API) or, when the zone
cannot be read, `days` after now. Unlike the SDK's DefaultApiClient, every call has a short
timeout (the whole request must be answered within Alexa's eight seconds) and goes to HTTPS only.
It never raises: the outcome is a ReminderResult the caller turns into speech.

The reminder's text names the skill and the check-in, nothing else: `health_phrases_in` refuses
text that contains any phrase the caller forbids (the cause table's, passed in so this module
does not depend on how the table is shaped), and the word twitch in any form outside the skill's
name. Nothing here logs the token, the user, the device or the text.

`requests` and `zoneinfo` are imported on first use, and the value types are NamedTuples rather
than dataclasses: most sessions never create a reminder, and a cold start should not pay for one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from muscle_twitch.skill.ssml import ssml_text

if TYPE_CHECKING:
    import requests
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.interfaces.connections import SendRequestDirective
    from ask_sdk_model.ui import AskForPermissionsConsentCard

log = logging.getLogger(__name__)

REMINDERS_SCOPE = "alexa::alerts:reminders:skill:readwrite"
REMINDERS_PATH = "/v1/alerts/reminders"
TIME_ZONE_PATH = "/v2/devices/{device_id}/settings/System.timeZone"
CHECK_IN_TIME = time(10, 0)  # local time: late enough not to wake anyone, early enough to act on
# (connect, read) seconds. Worst case both calls together take 4.5 s, inside Lambda's 7 s timeout.
REMINDER_TIMEOUT = (1.0, 2.0)
TIME_ZONE_TIMEOUT = (0.5, 1.0)  # the zone is a nicety: a relative trigger works without it
MAX_DAYS = 365
DEFAULT_CHECK_IN_DAYS = 14  # used only when a permission answer comes back without our token
PERMISSION_TOKEN_PREFIX = "muscle-twitch-check-in:"
SKILL_NAME_PLACEHOLDER = "{skill_name}"
# The skill's subject is not a cause-table phrase, but a reminder saying it names a symptom.
SUBJECT_WORDS = ("twitch", "twitches", "twitching", "twitchy", "twitched")
# Zone ids as the Settings API gives them ("America/New_York", "Etc/GMT+5", "UTC").
_ZONE_ID = r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,3}"  # compiled on first use


class ReminderResult(StrEnum):
    CREATED = "created"
    NEEDS_PERMISSION = "needs_permission"  # no reminders permission: ask for it (voice or card)
    UNAVAILABLE = "unavailable"  # the service failed, was slow or unreachable: worth trying later
    FAILED = "failed"  # refused for good (bad request, refused text): trying again will not help


class ReminderText(NamedTuple):
    """What the reminder says (`spoken`) and shows in the Alexa app and on screens (`written`).
    Either may contain "{skill_name}", replaced by the skill's name."""

    spoken: str
    written: str

    def rendered(self, skill_name: str) -> ReminderText:
        return ReminderText(
            self.spoken.replace(SKILL_NAME_PLACEHOLDER, skill_name),
            self.written.replace(SKILL_NAME_PLACEHOLDER, skill_name),
        )


# The little words a phrase is compared without ("my calves" is "calves").
DETERMINERS = frozenset({"my", "the", "a", "an"})


def _words(text: str) -> list[str]:
    """The words of `text` as the guard compares them (no determiners)."""
    return [w for w in re.findall(r"\w+", text.lower().replace("'", "")) if w not in DETERMINERS]


def health_phrases_in(text: str, forbidden: Iterable[str], *, allowed: Iterable[str] = ()) -> list[str]:
    """The phrases of `forbidden` that occur in `text` as whole words (case, punctuation and
    "my/the/a/an" ignored), after removing the `allowed` phrases, such as the skill's name."""
    padded = f" {' '.join(_words(text))} "
    for phrase in allowed:
        words = " ".join(_words(phrase))
        if words:
            padded = padded.replace(f" {words} ", " | ")
    found = {p for p in forbidden if (words := " ".join(_words(p))) and f" {words} " in padded}
    return sorted(found)


def permission_token(days: int) -> str:
    """The Connections token: how many days the reminder was offered for, nothing else."""
    return f"{PERMISSION_TOKEN_PREFIX}{days}"


def days_from_token(token: Any) -> int | None:
    """The days a permission token carries, None when it is not ours or out of range."""
    if not isinstance(token, str) or not token.startswith(PERMISSION_TOKEN_PREFIX):
        return None
    digits = token.removeprefix(PERMISSION_TOKEN_PREFIX)
    if not digits.isascii() or not digits.isdigit() or len(digits) > 3:
        return None
    days = int(digits)
    return days if 1 <= days <= MAX_DAYS else None


def permission_request_directive(days: int = DEFAULT_CHECK_IN_DAYS) -> SendRequestDirective:
    """Asks, by voice, for the reminders permission (Alexa speaks its own consent question).
    The answer arrives as a Connections.Response named AskFor, carrying this token."""
    from ask_sdk_model.interfaces.connections import SendRequestDirective

    return SendRequestDirective(
        name="AskFor",
        payload={
            "@type": "AskForPermissionsConsentRequest",
            "@version": "2",
            "permissionScopes": [{"permissionScope": REMINDERS_SCOPE, "consentLevel": "ACCOUNT"}],
        },
        token=permission_token(days),
    )


def consent_card() -> AskForPermissionsConsentCard:
    """The Alexa app card that lets the person allow reminders where voice permission is not available."""
    from ask_sdk_model.ui import AskForPermissionsConsentCard

    return AskForPermissionsConsentCard(permissions=[REMINDERS_SCOPE])


class _Caller(NamedTuple):
    """What a call to the Alexa APIs needs from the request."""

    endpoint: str
    token: str
    device_id: str | None
    locale: str
    now: datetime  # UTC


def _caller(handler_input: HandlerInput) -> _Caller | ReminderResult:
    envelope = handler_input.request_envelope
    system = getattr(getattr(envelope, "context", None), "system", None)
    permissions = getattr(getattr(system, "user", None), "permissions", None)
    if not getattr(permissions, "consent_token", None):
        log.info("reminder not created: no reminders permission")
        return ReminderResult.NEEDS_PERMISSION
    endpoint = getattr(system, "api_endpoint", None)
    token = getattr(system, "api_access_token", None)
    if not isinstance(endpoint, str) or not endpoint.lower().startswith("https://") or not isinstance(token, str):
        log.warning("reminder not created: the request has no HTTPS apiEndpoint or no apiAccessToken")
        return ReminderResult.FAILED
    device_id = getattr(getattr(system, "device", None), "device_id", None)
    request = getattr(envelope, "request", None)
    locale = getattr(request, "locale", None)
    return _Caller(
        endpoint.rstrip("/"),
        token,
        device_id if isinstance(device_id, str) and device_id else None,
        locale if isinstance(locale, str) and locale else "en-US",
        _request_time(getattr(request, "timestamp", None)),
    )


def _request_time(timestamp: Any) -> datetime:
    """Now, as the request says it (Alexa refuses requests older than a few minutes): in UTC."""
    if not isinstance(timestamp, datetime):
        return datetime.now(UTC)
    return timestamp.replace(tzinfo=UTC) if timestamp.tzinfo is None else timestamp.astimezone(UTC)


_session: requests.Session | None = None


def _default_session() -> requests.Session:
    """One connection pool per process, so a warm Lambda reuses its TLS connection."""
    global _session
    if _session is None:
        import requests

        _session = requests.Session()
    return _session


def _headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Accept": "application/json"}


def time_zone_of(caller: _Caller, http: requests.Session) -> str | None:
    """The device's IANA time zone from the Settings API, None when it cannot be read."""
    import requests

    if caller.device_id is None:
        return None
    url = caller.endpoint + TIME_ZONE_PATH.format(device_id=quote(caller.device_id, safe=""))
    try:
        response = http.get(url, headers=_headers(caller.token), timeout=TIME_ZONE_TIMEOUT, allow_redirects=False)
        if response.status_code != 200:
            log.info("time zone not read (HTTP %d): relative reminder", response.status_code)
            return None
        zone = response.json()
    except (requests.RequestException, ValueError) as exc:
        log.info("time zone not read (%s): relative reminder", type(exc).__name__)
        return None
    return zone if _loadable_zone(zone) else None


def _loadable_zone(zone: Any) -> bool:
    from zoneinfo import ZoneInfo

    if not isinstance(zone, str) or len(zone) > 64 or not re.fullmatch(_ZONE_ID, zone):
        log.info("time zone not usable: relative reminder")
        return False
    try:
        ZoneInfo(zone)
    except Exception:  # unknown to this runtime's zone database (or none installed)
        log.info("time zone not in this runtime's zone database: relative reminder")
        return False
    return True


def check_in_trigger(now: datetime, days: int, zone: str | None) -> dict[str, Any]:
    """At CHECK_IN_TIME on the local day `days` after today in `zone`; without a zone, exactly
    `days` after `now`."""
    if zone is None:
        return {"type": "SCHEDULED_RELATIVE", "offsetInSeconds": days * 86400}
    from zoneinfo import ZoneInfo

    local_day = now.astimezone(ZoneInfo(zone)).date() + timedelta(days=days)
    return {
        "type": "SCHEDULED_ABSOLUTE",
        "scheduledTime": datetime.combine(local_day, CHECK_IN_TIME).isoformat(),
        "timeZoneId": zone,
    }


def reminder_body(now: datetime, trigger: dict[str, Any], text: ReminderText, locale: str) -> dict[str, Any]:
    """The JSON of ask_sdk_model's ReminderRequest, as its serializer writes it."""
    return {
        "requestTime": now.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat(),
        "trigger": trigger,
        "alertInfo": {
            "spokenInfo": {
                "content": [
                    {
                        "locale": locale,
                        "ssml": f"<speak>{ssml_text(text.spoken)}</speak>",
                        "text": text.written,
                    }
                ]
            }
        },
        "pushNotification": {"status": "ENABLED"},
    }


def result_of_status(status: int) -> ReminderResult:
    """What an HTTP status from the Reminders API means for the person."""
    if 200 <= status < 300:
        return ReminderResult.CREATED
    if status in (401, 403):  # no permission, or it was withdrawn
        return ReminderResult.NEEDS_PERMISSION
    if status == 429 or status >= 500:  # throttled or failing: it may work later
        return ReminderResult.UNAVAILABLE
    return ReminderResult.FAILED  # any other 4xx, and redirects (never followed with the token)


def refused_text(text: ReminderText, skill_name: str, forbidden_phrases: Iterable[str]) -> list[str]:
    """The forbidden phrases (and forms of "twitch") in either text, outside the skill's name."""
    forbidden = (*forbidden_phrases, *SUBJECT_WORDS)
    return sorted(
        {p for part in (text.spoken, text.written) for p in health_phrases_in(part, forbidden, allowed=[skill_name])}
    )


def schedule_check_in(
    handler_input: HandlerInput,
    *,
    days: int,
    skill_name: str,
    text: ReminderText,
    forbidden_phrases: Iterable[str] = (),
    http: requests.Session | None = None,
) -> ReminderResult:
    """Creates the check-in reminder `days` from now. Never raises.

    `text` may use "{skill_name}"; if it contains any of `forbidden_phrases` (or "twitch") the
    reminder is refused before anything is sent. `http`: the session to send with (tests inject
    one that trusts their certificate); by default one shared session per process."""
    try:
        return _schedule(handler_input, days, skill_name, text, forbidden_phrases, http)
    except Exception as exc:  # a last guard: the conversation must go on whatever happens here
        log.error("reminder not created (%s)", type(exc).__name__)
        return ReminderResult.FAILED


def _schedule(
    handler_input: HandlerInput,
    days: int,
    skill_name: str,
    text: ReminderText,
    forbidden_phrases: Iterable[str],
    http: requests.Session | None,
) -> ReminderResult:
    import requests

    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        log.error("reminder not created: days must be a whole number from 1 to %d", MAX_DAYS)
        return ReminderResult.FAILED
    text = text.rendered(skill_name)
    if refused := refused_text(text, skill_name, forbidden_phrases):
        log.error("reminder not created: its text names %d health phrase(s)", len(refused))
        return ReminderResult.FAILED
    caller = _caller(handler_input)
    if isinstance(caller, ReminderResult):
        return caller
    if http is None:
        http = _default_session()
    trigger = check_in_trigger(caller.now, days, time_zone_of(caller, http))
    body = reminder_body(caller.now, trigger, text, caller.locale)
    try:
        response = http.post(
            caller.endpoint + REMINDERS_PATH,
            headers=_headers(caller.token),
            json=body,
            timeout=REMINDER_TIMEOUT,
            allow_redirects=False,
        )
    except (requests.Timeout, requests.ConnectionError) as exc:  # ConnectionError includes TLS errors
        log.warning("reminder not created: service unreachable (%s)", type(exc).__name__)
        return ReminderResult.UNAVAILABLE
    result = result_of_status(response.status_code)
    if result is ReminderResult.CREATED:
        log.info("reminder created (%s)", trigger["type"])
    else:
        log.warning("reminder not created: HTTP %d", response.status_code)
    return result
