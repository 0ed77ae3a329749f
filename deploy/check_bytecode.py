"""Check that a built Lambda folder carries valid bytecode for every module, for this Python.

Usage: python3.12 deploy/check_bytecode.py BUILD_DIR

Run it with the Lambda runtime's Python. Prints one line per problem and exits 1 if there is
any: a `.py` file without bytecode for this interpreter (`__pycache__/NAME.cpython-312.pyc`),
bytecode of another Python version, bytecode that is not unchecked-hash (timestamp-based
bytecode goes stale when the zip is unpacked; checked-hash bytecode makes every import hash its
source), or bytecode compiled from a different source than the one shipped (unchecked bytecode
is trusted as it is, so a stale file would run old code). Standard library only.
"""

import importlib.util
import os
import sys
from collections.abc import Iterator

HASH_BASED = 0b01  # PEP 552 flags: bit 0 hash-based, bit 1 check the source at import
HEADER_BYTES = 16


def problems(build_dir: str) -> Iterator[str]:
    for root, folders, files in os.walk(build_dir):
        folders[:] = sorted(folder for folder in folders if folder != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                yield from _problems_of(os.path.join(root, name), build_dir)


def _problems_of(source: str, build_dir: str) -> Iterator[str]:
    shown = os.path.relpath(source, build_dir)
    cached = importlib.util.cache_from_source(source)
    if not os.path.isfile(cached):
        yield f"{shown}: no bytecode ({os.path.basename(cached)})"
        return
    with open(cached, "rb") as compiled:
        header = compiled.read(HEADER_BYTES)
    flags = int.from_bytes(header[4:8], "little")
    if header[:4] != importlib.util.MAGIC_NUMBER:
        yield f"{shown}: bytecode of another Python version"
    elif flags != HASH_BASED:
        yield f"{shown}: bytecode is not unchecked-hash (flags {flags:#04b})"
    else:
        with open(source, "rb") as text:
            if header[8:16] != importlib.util.source_hash(text.read()):
                yield f"{shown}: bytecode compiled from another source"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print(__doc__, file=sys.stderr)
        return 2
    found = list(problems(argv[1]))
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
