"""The checks a request passes before the skill sees it; each failure means HTTP 400.

They run on the body's JSON, before the ASK SDK parses anything, cheapest first
(``request_verifiers``): the timestamp and the skill ID need nothing but the JSON, so a stale,
misaddressed or unsigned request is refused before anything is downloaded. Only then is the
signature checked, which may need Amazon's certificate chain. ``FreshTimestamp`` applies the
SDK's TimestampVerifier rule to the raw string (already a short ISO time, envelope.py);
``AmazonSignatureVerifier`` is the SDK's RequestVerifier with its edges hardened (see
``certificates``) and its failures remembered for a while.
"""

import base64
import binascii
import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from ask_sdk_webservice_support.verifier import RequestVerifier, VerificationException
from ask_sdk_webservice_support.verifier_constants import (
    ALEXA_SKILL_EVENT_LIST,
    MAX_NORMAL_REQUEST_TOLERANCE_IN_MILLIS,
    MAX_SKILL_EVENT_TOLERANCE_IN_MILLIS,
    SIGNATURE_CERT_CHAIN_URL_HEADER,
    SIGNATURE_HEADER,
)
from cryptography import x509

from muscle_twitch.skill.entry import raw_application_id
from webservice.certificates import CertificateUnavailable, canonical_certificate_url, download_chain

MAX_CACHED_CHAINS = 16
# A chain that validated is trusted this long before its path to a root is checked again.
VALIDATED_CHAIN_TTL_SECONDS = 3600.0
# A URL whose chain was refused (S3's 4xx, not a chain, not trusted) is refused this long
# without another download; one S3 could not serve is not tried again for a few seconds.
REFUSED_CHAIN_TTL_SECONDS = 60.0
UNAVAILABLE_CHAIN_TTL_SECONDS = 5.0
# An RSA-2048 signature is 256 bytes; a base64 header far longer than a 4096-bit one is junk.
MAX_SIGNATURE_HEADER_CHARS = 1024


class RequestCheck(Protocol):
    def verify(self, headers: Mapping[str, Any], body_text: str, event: Mapping[str, Any]) -> None:
        """VerificationException (400) or CertificateUnavailable (503) when the request fails."""


def request_verifiers(*, verify_signatures: bool, skill_id: str | None) -> list[RequestCheck]:
    """In order: fresh, for this skill, signed by Amazon (downloads last)."""
    verifiers: list[RequestCheck] = [FreshTimestamp()] if verify_signatures else []
    if skill_id:
        verifiers.append(SkillIdVerifier(skill_id))
    if verify_signatures:
        verifiers.append(AmazonSignatureVerifier())
    return [GuardedVerifier(verifier) for verifier in verifiers]


class GuardedVerifier:
    """Runs a check and reports any failure of its own as a VerificationException: a chain that
    is not PEM, a time at the edge of the calendar, are bad requests, not our fault."""

    def __init__(self, verifier: RequestCheck) -> None:
        self.verifier = verifier

    def verify(self, headers: Mapping[str, Any], body_text: str, event: Mapping[str, Any]) -> None:
        try:
            self.verifier.verify(headers, body_text, event)
        except (VerificationException, CertificateUnavailable):
            raise
        except Exception as error:
            name = type(self.verifier).__name__
            raise VerificationException(f"{name} could not check the request ({type(error).__name__})") from error


class FreshTimestamp:
    """The SDK's rule: request.timestamp within 150 s of now, an hour for skill events."""

    def verify(self, headers: Mapping[str, Any], body_text: str, event: Mapping[str, Any]) -> None:
        request = event.get("request")
        stamp = request.get("timestamp") if isinstance(request, dict) else None
        if not isinstance(stamp, str):
            raise VerificationException("Timestamp verification failed")
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))  # with an offset: envelope.py
        skill_event = request.get("type") in ALEXA_SKILL_EVENT_LIST
        tolerance = MAX_SKILL_EVENT_TOLERANCE_IN_MILLIS if skill_event else MAX_NORMAL_REQUEST_TOLERANCE_IN_MILLIS
        if abs((dt.datetime.now(dt.UTC) - when).total_seconds()) > tolerance / 1000:
            raise VerificationException("Timestamp verification failed")


class SkillIdVerifier:
    """Rejects requests addressed to another skill (context.System.application.applicationId)."""

    def __init__(self, skill_id: str) -> None:
        self._skill_id = skill_id

    def verify(self, headers: Mapping[str, Any], body_text: str, event: Mapping[str, Any]) -> None:
        if raw_application_id(dict(event)) != self._skill_id:
            raise VerificationException("Request is for another skill")


class AmazonSignatureVerifier(RequestVerifier):
    """The SDK's signature check, fetching only canonical certificate URLs, with the header
    checks that need no network done first, bounded caches, the chain's path validation done
    once per URL and hour instead of per request, and a URL whose chain failed refused without
    another download for a while (a 404 was fetched again for every request naming it).

    Path validation (certvalidator over the system's trust roots) costs milliseconds; the SDK
    repeats it for every request although it caches the chain's bytes. Every request still gets
    the signing certificate's dates and SAN, and the body's signature, checked.
    """

    def __init__(self, download: Callable[[str], bytes] = download_chain) -> None:
        super().__init__()
        self._download = download
        self._validated: dict[str, tuple[float, x509.Certificate]] = {}
        # URL -> (until when, the failure's class, its message)
        self._failed: dict[str, tuple[float, type[Exception], str]] = {}

    def verify(self, headers: Mapping[str, Any], body_text: str, event: Mapping[str, Any]) -> None:
        cert_url_header = _header(headers, SIGNATURE_CERT_CHAIN_URL_HEADER)
        signature = _header(headers, SIGNATURE_HEADER)
        if cert_url_header is None or signature is None:
            raise VerificationException("Missing Signature/Certificate for the skill request")
        cert_url = canonical_certificate_url(cert_url_header)
        _require_base64(signature)
        certificate = self._signing_certificate(cert_url)
        self._valid_request_body(certificate, signature, body_text)

    def _signing_certificate(self, cert_url: str) -> x509.Certificate:
        failed = self._failed.get(cert_url)
        if failed is not None and time.monotonic() < failed[0]:
            raise failed[1](failed[2])
        try:
            return self._trusted_certificate(cert_url)
        except VerificationException as error:
            # Forget the chain too: once the failure expires, the URL is fetched afresh.
            self._cert_cache.pop(cert_url, None)
            self._validated.pop(cert_url, None)
            _remember(self._failed, cert_url, (time.monotonic() + REFUSED_CHAIN_TTL_SECONDS, type(error), str(error)))
            raise
        except CertificateUnavailable as error:
            until = time.monotonic() + UNAVAILABLE_CHAIN_TTL_SECONDS
            _remember(self._failed, cert_url, (until, type(error), str(error)))
            raise

    def _trusted_certificate(self, cert_url: str) -> x509.Certificate:
        cached = self._validated.get(cert_url)
        if cached is not None and time.monotonic() - cached[0] < VALIDATED_CHAIN_TTL_SECONDS:
            self._validate_end_certificate(x509_cert=cached[1])
            return cached[1]
        chain = self._load_cert_chain(cert_url)
        try:
            self._validate_cert_chain(chain)
            end_certificate = x509.load_pem_x509_certificate(chain)
        except ValueError as error:  # not PEM at all: the SDK only expects PathError/ValidationError
            raise VerificationException("Certificate chain is not valid PEM") from error
        self._validate_end_certificate(x509_cert=end_certificate)
        _remember(self._validated, cert_url, (time.monotonic(), end_certificate))
        return end_certificate

    def _load_cert_chain(self, cert_url: str) -> bytes:
        cached = self._cert_cache.get(cert_url)
        if cached is None:
            cached = self._download(cert_url)
            _remember(self._cert_cache, cert_url, cached)
        return cached


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return str(value)
    return None


def _require_base64(signature: str) -> None:
    if len(signature) > MAX_SIGNATURE_HEADER_CHARS:
        raise VerificationException("Signature-256 header is implausibly long")
    try:
        base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        raise VerificationException("Signature-256 header is not base64") from None


def _remember(cache: dict[str, Any], key: str, value: Any) -> None:
    if len(cache) >= MAX_CACHED_CHAINS:
        cache.clear()
    cache[key] = value
