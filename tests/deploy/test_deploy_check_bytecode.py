"""deploy/check_bytecode.py: which bytecode a read-only Lambda folder can use as it is."""

import importlib.util
import py_compile
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from deploy.check_bytecode import main, problems

Mode = py_compile.PycInvalidationMode


def compiled(mode: Mode) -> Callable[[Path], None]:
    def compile_it(source: Path) -> None:
        py_compile.compile(str(source), invalidation_mode=mode, doraise=True)

    return compile_it


def not_compiled(source: Path) -> None:
    pass


def compiled_then_edited(source: Path) -> None:
    compiled(Mode.UNCHECKED_HASH)(source)
    source.write_text("VALUE = 2\n")


def compiled_by_another_version(source: Path) -> None:
    compiled(Mode.UNCHECKED_HASH)(source)
    cached = Path(importlib.util.cache_from_source(str(source)))
    other_magic = (int.from_bytes(importlib.util.MAGIC_NUMBER[:2], "little") - 1).to_bytes(2, "little")
    cached.write_bytes(other_magic + cached.read_bytes()[2:])


@pytest.mark.parametrize(
    ("prepare", "expected"),
    [
        (compiled(Mode.UNCHECKED_HASH), []),
        (not_compiled, [f"module.py: no bytecode (module.{sys.implementation.cache_tag}.pyc)"]),
        (compiled(Mode.TIMESTAMP), ["module.py: bytecode is not unchecked-hash (flags 0b00)"]),
        (compiled(Mode.CHECKED_HASH), ["module.py: bytecode is not unchecked-hash (flags 0b11)"]),
        (compiled_then_edited, ["module.py: bytecode compiled from another source"]),
        (compiled_by_another_version, ["module.py: bytecode of another Python version"]),
    ],
    ids=["unchecked-hash", "source-only", "timestamp", "checked-hash", "stale", "other-version"],
)
def test_each_kind_of_bytecode_is_judged(tmp_path: Path, prepare: Callable[[Path], None], expected: list[str]) -> None:
    source = tmp_path / "module.py"
    source.write_text("VALUE = 1\n")
    prepare(source)
    assert list(problems(str(tmp_path))) == expected


def test_every_package_level_is_checked_and_the_exit_code_says_whether_all_is_well(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "package" / "inner").mkdir(parents=True)
    for source in (tmp_path / "top.py", tmp_path / "package" / "__init__.py", tmp_path / "package" / "inner" / "m.py"):
        source.write_text("VALUE = 1\n")
        compiled(Mode.UNCHECKED_HASH)(source)
    assert main(["check_bytecode.py", str(tmp_path)]) == 0
    (tmp_path / "package" / "inner" / "late.py").write_text("VALUE = 1\n")
    assert main(["check_bytecode.py", str(tmp_path)]) == 1
    assert capsys.readouterr().out.startswith("package/inner/late.py: no bytecode")
