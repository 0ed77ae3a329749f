"""Where Amazon's signing certificate chain may come from, and fetching it.

Amazon signs each request with a certificate whose chain it serves from
``https://s3.amazonaws.com/echo.api/<file>``; the request names that URL in its
``SignatureCertChainUrl`` header. The header is the caller's text, so it is never fetched as
given. ``canonical_certificate_url`` accepts only what Amazon sends (case-insensitive scheme
and host, an optional ``:443``, ``/echo.api/`` and one plain file name) and returns a URL
rebuilt from constants and that file name, which is all ``download_chain`` ever fetches.
Anything else is refused before any network access: userinfo (``x@``), backslashes, other
ports, query strings, fragments, percent-encoding, dot segments, sub-folders, whitespace and
non-ASCII characters. That is stricter than the SDK's check (``urlparse``, whose idea of the
host ``urllib`` does not share once userinfo or a backslash is involved).
"""

import http.client
import re
from urllib.error import HTTPError
from urllib.request import urlopen

from ask_sdk_webservice_support.verifier import VerificationException

CERT_HOST = "s3.amazonaws.com"
CERT_FOLDER = "/echo.api/"
CERT_DOWNLOAD_TIMEOUT_SECONDS = 5.0
# Amazon's chain is a few kilobytes; anything far larger is not it.
MAX_CERT_CHAIN_BYTES = 64 * 1024

_SCHEME = "https://"
_PORTS = ("", ":443")
# A file name as Amazon uses them (echo-api-cert-12.pem): letters, digits, dot, dash and
# underscore, starting with a letter or digit. No "%", "/", "\\", ";", "?" or "#" can appear.
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


class CertificateUnavailable(Exception):
    """Amazon's certificate chain could not be fetched (S3 or our network, not the caller): HTTP 503."""


def canonical_certificate_url(header_value: str) -> str:
    """The URL to fetch for a ``SignatureCertChainUrl`` header; VerificationException if refused."""
    if not header_value.isascii() or not header_value.isprintable() or " " in header_value:
        raise VerificationException("Signature Certificate URL has whitespace, control or non-ASCII characters")
    if "\\" in header_value:
        raise VerificationException("Signature Certificate URL has a backslash")
    if header_value[: len(_SCHEME)].lower() != _SCHEME:
        raise VerificationException("Signature Certificate URL has invalid protocol: expecting https")
    authority, slash, path = header_value[len(_SCHEME) :].partition("/")
    if "@" in authority:
        raise VerificationException("Signature Certificate URL has userinfo before its host")
    host, colon, port = authority.partition(":")
    if host.lower() != CERT_HOST:
        raise VerificationException(f"Signature Certificate URL has invalid hostname: expecting {CERT_HOST}")
    if colon + port not in _PORTS:
        raise VerificationException("Signature Certificate URL has invalid port: expecting 443")
    if "?" in path or "#" in path:
        raise VerificationException("Signature Certificate URL has a query or fragment")
    folder, file_name = (slash + path)[: len(CERT_FOLDER)], path[len(CERT_FOLDER) - 1 :]
    if folder != CERT_FOLDER or not _FILE_NAME.fullmatch(file_name) or ".." in file_name:
        raise VerificationException(f"Signature Certificate URL has invalid path: expecting {CERT_FOLDER}<file name>")
    return f"{_SCHEME}{CERT_HOST}{CERT_FOLDER}{file_name}"


def download_chain(url: str) -> bytes:
    """The chain's bytes. VerificationException when S3 refuses the name (4xx) or the body is
    too large; CertificateUnavailable when S3 fails (5xx), the network fails or times out, or the
    body arrives truncated: none of those say anything about the request."""
    try:
        with urlopen(url, timeout=CERT_DOWNLOAD_TIMEOUT_SECONDS) as response:
            chain: bytes = response.read(MAX_CERT_CHAIN_BYTES + 1)
            announced = response.headers.get("Content-Length")
    except HTTPError as error:
        error.close()
        if error.code >= 500:
            raise CertificateUnavailable(f"certificate host answered HTTP {error.code}") from None
        raise VerificationException(f"Certificate chain URL answered HTTP {error.code}") from None
    except (OSError, http.client.HTTPException) as error:
        # OSError: refused, unreachable, timed out, reset. HTTPException: a broken response,
        # e.g. IncompleteRead when a chunked body stops early.
        raise CertificateUnavailable(f"certificate download failed ({type(error).__name__})") from None
    if len(chain) > MAX_CERT_CHAIN_BYTES:
        raise VerificationException("Certificate chain is implausibly large")
    # read(n) returns what arrived when the connection closes early, without complaint.
    if announced is not None and announced.strip().isdigit() and int(announced) != len(chain):
        raise CertificateUnavailable(f"certificate download truncated ({len(chain)} of {announced} bytes)")
    return chain
