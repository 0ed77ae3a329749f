"""The ASK SDK's verifiers (and flask-ask-sdk, the benchmark's baseline) import, and their
certificate checks run on this machine's OpenSSL, through the project's import-time fix for
oscrypto 1.3.0 (webservice/openssl_compat.py), with nothing installed edited."""

import ast
import importlib.util
import re
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from webservice import openssl_compat

BUGGY_PATTERN = ast.literal_eval(openssl_compat.BUGGY_VERSION_PATTERN_SOURCE)

# libcrypto's OpenSSL_version(0) text -> the version oscrypto must read from it
VERSION_STRINGS = {
    "OpenSSL 3.0.19 27 Jan 2026": "3.0.19",
    "OpenSSL 3.0.10 1 Aug 2023": "3.0.10",
    "OpenSSL 3.0.9 30 May 2023": "3.0.9",
    "OpenSSL 3.5.4 30 Sep 2025": "3.5.4",
    "OpenSSL 1.1.1w  11 Sep 2023": "1.1.1w",
    "OpenSSL 3.10.2 1 Jan 2030": "3.10.2",
    "LibreSSL 3.8.2": "3.8.2",
}


@pytest.mark.parametrize(("text", "version"), VERSION_STRINGS.items())
def test_the_fixed_pattern_reads_every_version_format(text: str, version: str) -> None:
    match = re.search(openssl_compat.FIXED_VERSION_PATTERN, text)
    assert match is not None and match.group(1) == version


@pytest.mark.parametrize("text", ["OpenSSL 3.0.10 1 Aug 2023", "OpenSSL 3.0.19 27 Jan 2026"])
def test_the_released_pattern_cannot_read_two_digit_patch_versions(text: str) -> None:
    assert re.search(BUGGY_PATTERN, text) is None


@pytest.mark.parametrize("module", sorted(openssl_compat.PATCHED_MODULES))
def test_the_installed_oscrypto_still_has_the_bug_the_fix_targets(module: str) -> None:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    source = Path(spec.origin).read_text(encoding="utf-8")
    assert source.count(openssl_compat.BUGGY_VERSION_PATTERN_SOURCE) == 1, (
        "oscrypto changed: if its version detection is fixed, webservice/openssl_compat.py can go"
    )
    patched = openssl_compat.patch_version_detection(source)
    assert openssl_compat.FIXED_VERSION_PATTERN_SOURCE in patched
    assert openssl_compat.BUGGY_VERSION_PATTERN_SOURCE not in patched


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_the_sdk_verifiers_import_and_oscrypto_reads_the_real_libcrypto_version() -> None:
    result = _run_python(
        "import webservice\n"
        "from ask_sdk_webservice_support.verifier import RequestVerifier\n"
        "from flask_ask_sdk.skill_adapter import SkillAdapter\n"
        "from oscrypto._openssl._libcrypto import libcrypto_version_info\n"
        "print('.'.join(map(str, libcrypto_version_info[:3])))\n"
    )
    assert result.returncode == 0, result.stderr
    # Python's ssl module links the same system libcrypto that oscrypto loads:
    # "OpenSSL 3.0.19 27 Jan 2026" -> "3.0.19"
    assert result.stdout.strip() == ssl.OPENSSL_VERSION.split()[1]


def test_without_the_fix_this_machine_hits_the_oscrypto_bug() -> None:
    """Proves the fix is needed here (and notices if this machine's OpenSSL stops needing it)."""
    result = _run_python("from ask_sdk_webservice_support.verifier import RequestVerifier")
    needs_fix = re.search(BUGGY_PATTERN, ssl.OPENSSL_VERSION) is None
    if needs_fix:
        assert result.returncode != 0
        assert "Error detecting the version of libcrypto" in result.stderr
    else:
        assert result.returncode == 0, result.stderr


def test_installing_twice_adds_one_finder() -> None:
    openssl_compat.install()
    openssl_compat.install()
    finders = [f for f in sys.meta_path if type(f).__name__ == "_OscryptoVersionFixFinder"]
    assert len(finders) == 1
