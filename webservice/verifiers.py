"""The request checks run before the skill sees a request; each failure means HTTP 400.

flask-ask-sdk's RequestVerifier (signature) and TimestampVerifier do the Alexa-specified work;
``AmazonSignatureVerifier`` only hardens the former's edges, and two small checks are added.
"""

import time
from collections.abc import Mapping
from typing import Any
from urllib.error import HTTPError
from urllib.request import urlopen

from ask_sdk_model import RequestEnvelope
from ask_sdk_webservice_support.verifier import (
    AbstractVerifier,
    RequestVerifier,
    VerificationException,
)
from cryptography import x509

from muscle_twitch.skill.entry import application_id

CERT_DOWNLOAD_TIMEOUT_SECONDS = 5.0
# Amazon's chain is a few kilobytes; anything far larger is not it.
MAX_CERT_CHAIN_BYTES = 64 * 1024
MAX_CACHED_CHAINS = 16
# A chain that validated is trusted this long before its path to a root is checked again.
VALIDATED_CHAIN_TTL_SECONDS = 3600.0


class CertificateUnavailable(Exception):
    """Amazon's certificate chain could not be fetched (our network, not the caller): HTTP 503."""


class GuardedVerifier(AbstractVerifier):
    """Runs a verifier and reports any failure of its own as a VerificationException.

    The SDK's verifiers let some malformed input escape as other errors (a Signature-256 header
    that is not base64, a timestamp without a time zone); those requests are bad, not our fault.
    """

    def __init__(self, verifier: AbstractVerifier) -> None:
        self._verifier = verifier

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        try:
            self._verifier.verify(headers, serialized_request_env, deserialized_request_env)
        except (VerificationException, CertificateUnavailable):
            raise
        except Exception as error:
            name = type(self._verifier).__name__
            raise VerificationException(f"{name} could not check the request ({type(error).__name__})") from error


class AmazonSignatureVerifier(RequestVerifier):
    """The SDK's signature check with a download timeout and size cap, bounded caches, and the
    certificate chain's path validation done once per URL and hour instead of per request.

    Path validation (certvalidator over the system's trust roots) costs milliseconds; the SDK
    repeats it for every request although it caches the chain's bytes. Every request still gets
    the URL rules, the signing certificate's dates and SAN, and the body signature checked.
    """

    def __init__(self) -> None:
        super().__init__()
        self._validated: dict[str, tuple[float, x509.Certificate]] = {}

    def _retrieve_and_validate_certificate_chain(self, cert_url: str, x509_backend: Any = None) -> x509.Certificate:
        self._validate_certificate_url(cert_url)
        cached = self._validated.get(cert_url)
        if cached is not None and time.monotonic() - cached[0] < VALIDATED_CHAIN_TTL_SECONDS:
            end_certificate = cached[1]
            self._validate_end_certificate(x509_cert=end_certificate)
            return end_certificate
        end_certificate = super()._retrieve_and_validate_certificate_chain(cert_url)
        if len(self._validated) >= MAX_CACHED_CHAINS:
            self._validated.clear()
        self._validated[cert_url] = (time.monotonic(), end_certificate)
        return end_certificate

    def _load_cert_chain(self, cert_url: str) -> bytes:
        cached = self._cert_cache.get(cert_url)
        if cached is not None:
            return cached
        try:
            with urlopen(cert_url, timeout=CERT_DOWNLOAD_TIMEOUT_SECONDS) as response:
                chain: bytes = response.read(MAX_CERT_CHAIN_BYTES + 1)
        except HTTPError as error:
            raise VerificationException(f"Certificate chain URL answered HTTP {error.code}") from error
        except OSError as error:
            raise CertificateUnavailable("Could not download the certificate chain") from error
        if len(chain) > MAX_CERT_CHAIN_BYTES:
            raise VerificationException("Certificate chain is implausibly large")
        if len(self._cert_cache) >= MAX_CACHED_CHAINS:
            self._cert_cache.clear()
        self._cert_cache[cert_url] = chain
        return chain


class EnvelopeShapeVerifier(AbstractVerifier):
    """Rejects JSON that parsed but is no Alexa request (e.g. ``{}``): no request or no type."""

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        request = deserialized_request_env.request
        if request is None or not getattr(request, "object_type", None):
            raise VerificationException("Body is not an Alexa request envelope (no request type)")


class SkillIdVerifier(AbstractVerifier):
    """Rejects requests addressed to another skill (context.System.application.applicationId).

    The skill object refuses them too, but only by raising inside ``invoke`` (an HTTP 500);
    here they become a 400 and never reach the skill.
    """

    def __init__(self, skill_id: str) -> None:
        self._skill_id = skill_id

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        if application_id(deserialized_request_env) != self._skill_id:
            raise VerificationException("Request is for another skill")
