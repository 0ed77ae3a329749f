"""Helpers for the web service tests: Alexa request bodies, a stand-in skill, a test PKI, and
a stand-in for the S3 host that serves Amazon's certificate chain.

The PKI is a root -> intermediate -> leaf chain made fresh for the test session, shaped like
Amazon's (leaf SAN echo-api.amazon.com, digital-signature key usage). Tests replace only the
certificate download (its destination becomes ``CertificateHost`` on 127.0.0.1, reached through
the real urllib code) and the trust root; everything else is the production code path.
"""

import base64
import copy
import datetime as dt
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

FIXTURES = Path(__file__).parent / "fixtures"
SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000c0de"
OTHER_SKILL_ID = "amzn1.ask.skill.99999999-9999-4999-8999-999999999999"
CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-web-test.pem"


def launch_request(*, timestamp: dt.datetime | None = None, skill_id: str = SKILL_ID) -> dict:
    envelope: dict[str, Any] = json.loads((FIXTURES / "launch_request.json").read_text())
    when = timestamp or dt.datetime.now(dt.UTC)
    envelope["request"]["timestamp"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    envelope["context"]["System"]["application"]["applicationId"] = skill_id
    envelope["session"]["application"]["applicationId"] = skill_id
    return copy.deepcopy(envelope)


def build_test_skill(skill_id: str | None = SKILL_ID) -> CustomSkill:
    """A tiny stand-in skill for the verification tests (which must not depend on content)."""
    builder = SkillBuilder()
    builder.skill_id = skill_id

    @builder.request_handler(can_handle_func=is_request_type("LaunchRequest"))
    def launch(handler_input: Any) -> Any:
        return handler_input.response_builder.speak("Test skill here.").ask("Ready?").response

    return builder.create()


@dataclass
class SkillSpy:
    """Records every envelope that reached ``skill.invoke``."""

    skill: CustomSkill
    envelopes: list[Any]


@dataclass(frozen=True)
class SigningPki:
    root_der: bytes
    chain_pem: bytes  # leaf first, then the intermediate: how Amazon serves it
    leaf_key: rsa.RSAPrivateKey

    def sign(self, body: bytes) -> str:
        signature = self.leaf_key.sign(body, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(signature).decode("ascii")


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: str,
    issuer_key: rsa.RSAPrivateKey,
    *,
    ca: bool,
    san: str | None = None,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if san is not None:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(san)]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def make_pki(leaf_san: str = "echo-api.amazon.com") -> SigningPki:
    def new_key() -> rsa.RSAPrivateKey:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    root_key, intermediate_key, leaf_key = new_key(), new_key(), new_key()
    root = _certificate("Web Test Root", root_key, "Web Test Root", root_key, ca=True)
    intermediate = _certificate("Web Test Intermediate", intermediate_key, "Web Test Root", root_key, ca=True)
    leaf = _certificate(leaf_san, leaf_key, "Web Test Intermediate", intermediate_key, ca=False, san=leaf_san)
    pem = serialization.Encoding.PEM
    return SigningPki(
        root_der=root.public_bytes(serialization.Encoding.DER),
        chain_pem=leaf.public_bytes(pem) + intermediate.public_bytes(pem),
        leaf_key=leaf_key,
    )


class CertificateHost:
    """An HTTP server on 127.0.0.1 standing in for s3.amazonaws.com. It serves ``chain`` at every
    path, or misbehaves as told: ``status`` answers that HTTP status instead; ``truncate``
    announces the whole chain and sends half; ``chunked_truncate`` stops a chunked body early;
    ``silent`` never answers (until the test ends)."""

    def __init__(self) -> None:
        self.chain = b""
        self.behaviour = "serve"
        self.status = 200
        self._release = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                owner.answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"

    def url_for(self, certificate_url: str) -> str:
        return self.origin + urlsplit(certificate_url).path

    def reset(self, chain: bytes) -> None:
        self.chain, self.behaviour, self.status = chain, "serve", 200

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        if self.behaviour == "silent":
            self._release.wait(timeout=30)
            return
        if self.behaviour == "status":
            body = b"<Error><Code>Simulated</Code></Error>"
            handler.send_response(self.status)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        half = self.chain[: len(self.chain) // 2]
        handler.send_response(200)
        handler.send_header("Connection", "close")
        if self.behaviour == "chunked_truncate":
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            handler.wfile.write(f"{len(self.chain):x}\r\n".encode() + half)
        else:
            handler.send_header("Content-Length", str(len(self.chain)))
            handler.end_headers()
            handler.wfile.write(half if self.behaviour == "truncate" else self.chain)
        handler.wfile.flush()
        handler.close_connection = True

    def __enter__(self) -> "CertificateHost":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
