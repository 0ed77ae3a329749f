"""Fixtures for the web service tests: a spy on the skill, the test PKI, replaced downloads."""

from collections.abc import Iterator
from typing import Any
from urllib.request import urlopen

import pytest

import webservice  # noqa: F401  (installs the oscrypto fix before anything imports oscrypto)

from .support import CertificateHost, SigningPki, SkillSpy, build_test_skill, make_pki


@pytest.fixture
def spied_skill(monkeypatch: pytest.MonkeyPatch) -> SkillSpy:
    skill = build_test_skill()
    spy = SkillSpy(skill=skill, envelopes=[])
    real_invoke = skill.invoke

    def invoke(request_envelope: Any, context: Any) -> Any:
        spy.envelopes.append(request_envelope)
        return real_invoke(request_envelope=request_envelope, context=context)

    monkeypatch.setattr(skill, "invoke", invoke)
    return spy


@pytest.fixture(scope="session")
def pki() -> SigningPki:
    return make_pki()


@pytest.fixture(scope="session")
def untrusted_pki() -> SigningPki:
    """Same shape, different root: nobody trusts it."""
    return make_pki()


@pytest.fixture(scope="session")
def session_certificate_host() -> Iterator[CertificateHost]:
    with CertificateHost() as host:
        yield host


@pytest.fixture
def certificate_host(session_certificate_host: CertificateHost, pki: SigningPki) -> CertificateHost:
    """The stand-in for S3, serving ``pki``'s chain until a test tells it otherwise."""
    session_certificate_host.reset(pki.chain_pem)
    return session_certificate_host


@pytest.fixture
def downloads(
    monkeypatch: pytest.MonkeyPatch, pki: SigningPki, certificate_host: CertificateHost
) -> Iterator[list[str]]:
    """Every URL the service fetched. Replaces the download's destination (the real urllib
    code then talks to ``certificate_host``) and the trust root (``pki``'s root)."""
    import oscrypto.trust_list
    from asn1crypto import x509 as asn1_x509

    fetched: list[str] = []

    def download_from_test_host(url: str, timeout: float) -> Any:
        fetched.append(url)
        return urlopen(certificate_host.url_for(url), timeout=timeout)

    root = asn1_x509.Certificate.load(pki.root_der)
    monkeypatch.setattr("webservice.certificates.urlopen", download_from_test_host)
    monkeypatch.setattr(oscrypto.trust_list, "get_list", lambda *a, **k: [(root, set(), set())])
    yield fetched
