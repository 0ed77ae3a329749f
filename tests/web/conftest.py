"""Fixtures for the web service tests: a spy on the skill, the test PKI, replaced downloads."""

from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest

import webservice  # noqa: F401  (installs the oscrypto fix before anything imports oscrypto)

from .support import SigningPki, SkillSpy, build_test_skill, make_pki


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


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch, pki: SigningPki) -> Iterator[list[str]]:
    """Replaces the certificate download (serving ``pki``'s chain) and the trust root."""
    import oscrypto.trust_list
    from asn1crypto import x509 as asn1_x509

    fetched: list[str] = []

    def fake_urlopen(url: str, timeout: float) -> BytesIO:
        fetched.append(url)
        return BytesIO(pki.chain_pem)

    root = asn1_x509.Certificate.load(pki.root_der)
    monkeypatch.setattr("webservice.verifiers.urlopen", fake_urlopen)
    monkeypatch.setattr(oscrypto.trust_list, "get_list", lambda *a, **k: [(root, set(), set())])
    yield fetched
