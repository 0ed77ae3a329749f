"""Make oscrypto 1.3.0 (used by the ASK SDK's certificate-chain check) load on OpenSSL >= 3.0.10.

The chain ask-sdk-webservice-support -> certvalidator -> oscrypto 1.3.0 reads libcrypto's version
with the regex ``\\b(\\d\\.\\d\\.\\d[a-z]*)\\b``, which finds nothing in "OpenSSL 3.0.19 ...", so
oscrypto raises LibraryNotFoundError at import, and neither ask_sdk_webservice_support.verifier
(which the web service uses) nor flask_ask_sdk (the benchmark's baseline) can be imported. The
fix exists upstream but was never released.

Alternatives considered and rejected:
- ``oscrypto.use_openssl(libcrypto_path, libssl_path)`` only chooses *which* library to load;
  the version string still comes from that library, so the same regex still fails.
- Turning signature verification off would hide the import, but it is exactly what must stay on.
- Editing site-packages or installing oscrypto from a git commit is not reproducible from PyPI.

So this module installs an import hook for the two modules holding the regex
(``oscrypto._openssl._libcrypto_cffi`` and ``_libcrypto_ctypes``): it loads their source
unchanged except for that one pattern, which it widens to accept multi-digit version parts (what
upstream did). Nothing on disk changes (no bytecode is cached for the patched modules). The hook
is inert when the buggy pattern is absent, so a fixed oscrypto release simply takes over.
Call ``install()`` before anything imports oscrypto; ``webservice/__init__.py`` does.
"""

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

# The pattern exactly as written in oscrypto 1.3.0's source (a Python string literal).
BUGGY_VERSION_PATTERN_SOURCE = "'\\\\b(\\\\d\\\\.\\\\d\\\\.\\\\d[a-z]*)\\\\b'"
# Same pattern with one or more digits per part: "3.0.19" and a future "3.10.1" both parse.
FIXED_VERSION_PATTERN = r"\b(\d+\.\d+\.\d+[a-z]*)\b"
FIXED_VERSION_PATTERN_SOURCE = repr(FIXED_VERSION_PATTERN)

PATCHED_MODULES = frozenset({"oscrypto._openssl._libcrypto_cffi", "oscrypto._openssl._libcrypto_ctypes"})


def patch_version_detection(source: str) -> str:
    """Return oscrypto's module source with the version regex fixed (unchanged if already fixed)."""
    return source.replace(BUGGY_VERSION_PATTERN_SOURCE, FIXED_VERSION_PATTERN_SOURCE)


class _PatchedSourceLoader(importlib.abc.Loader):
    """Executes a module from its source after ``patch_version_detection``; never writes a .pyc."""

    def __init__(self, origin: str) -> None:
        self._origin = origin

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # default module creation

    def exec_module(self, module: ModuleType) -> None:
        source = Path(self._origin).read_text(encoding="utf-8")
        code = compile(patch_version_detection(source), self._origin, "exec")
        exec(code, module.__dict__)


class _OscryptoVersionFixFinder(importlib.abc.MetaPathFinder):
    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in PATCHED_MODULES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
            return spec
        source = Path(spec.origin).read_text(encoding="utf-8")
        if BUGGY_VERSION_PATTERN_SOURCE not in source:
            return spec  # a release with its own fix: load it untouched
        return importlib.machinery.ModuleSpec(fullname, _PatchedSourceLoader(spec.origin), origin=spec.origin)


def is_installed() -> bool:
    return any(isinstance(finder, _OscryptoVersionFixFinder) for finder in sys.meta_path)


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (idempotent)."""
    if not is_installed():
        sys.meta_path.insert(0, _OscryptoVersionFixFinder())
