"""The isolated runner that proves a built Lambda folder works on its own.

Each case writes a tiny `lambda_function.py` into a fresh folder and runs it the way
`make deploy-check` runs the real build: a separate `python -I -S` process that sees only
that folder and the standard library.
"""

import py_compile
import sys
import textwrap
from pathlib import Path

import pytest

from tests.deploy.built_function import BuiltFunction, InvocationError

SITE_PACKAGES = next(p for p in sys.path if p.endswith("site-packages"))


def build_folder(tmp_path: Path, handler_source: str) -> Path:
    (tmp_path / "lambda_function.py").write_text(textwrap.dedent(handler_source))
    return tmp_path


def start(build_dir: Path, **environment: str) -> BuiltFunction:
    return BuiltFunction(sys.executable, build_dir, environment)


ECHO = """
    import os

    def lambda_handler(event, context):
        print("a log line on stdout must not break the protocol")
        return {
            "echo": event,
            "skill_id": os.environ.get("SKILL_ID"),
            "request_id_set": bool(context.aws_request_id),
            "time_left_ms": context.get_remaining_time_in_millis(),
        }
"""


def test_answers_each_event_in_one_warm_process(tmp_path: Path) -> None:
    with start(build_folder(tmp_path, ECHO), SKILL_ID="amzn1.ask.skill.test") as function:
        first = function.invoke({"n": 1})
        second = function.invoke({"n": 2})
    assert first["echo"] == {"n": 1}
    assert second["echo"] == {"n": 2}
    assert first["skill_id"] == "amzn1.ask.skill.test"
    assert first["request_id_set"] is True
    assert 0 < first["time_left_ms"] <= 7000


def test_reports_the_interpreter_it_ran_isolated(tmp_path: Path) -> None:
    with start(build_folder(tmp_path, ECHO)) as function:
        ready = function.ready
        foreign = function.foreign_modules()
    assert ready["isolated"] is True
    assert ready["python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}.")
    assert foreign == []


# Packages installed in the test environment but absent from the folder must not import,
# even when the caller's environment points at them: that is the missing-dependency bug.
@pytest.mark.parametrize("module", ["ask_sdk_core", "pytest", "lambda_function_helpers"])
def test_a_dependency_missing_from_the_folder_fails_the_init(tmp_path: Path, module: str) -> None:
    source = f"import {module}\n\n\ndef lambda_handler(event, context):\n    return {{}}\n"
    folder = build_folder(tmp_path, source)
    missing = f"ModuleNotFoundError: No module named '{module}'"
    with (
        pytest.raises(InvocationError, match=missing),
        start(folder, PYTHONPATH=SITE_PACKAGES, PYTHONHOME=""),
    ):
        pass


@pytest.mark.parametrize(
    ("handler_body", "error"),
    [
        ("raise KeyError('request')", "KeyError: 'request'"),
        ("return {'not json': object()}", "TypeError: Object of type object is not JSON"),
    ],
)
def test_a_failing_invocation_is_reported_and_the_process_lives_on(
    tmp_path: Path, handler_body: str, error: str
) -> None:
    source = f"""
        def lambda_handler(event, context):
            if event.get("fail"):
                {handler_body}
            return {{"fine": True}}
    """
    with start(build_folder(tmp_path, source)) as function:
        with pytest.raises(InvocationError, match=error):
            function.invoke({"fail": True})
        assert function.invoke({}) == {"fine": True}


def test_a_module_from_outside_the_folder_is_reported(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "stray.py").write_text("VALUE = 1\n")
    folder = tmp_path / "build"
    folder.mkdir()
    source = f"""
        import sys
        sys.path.append({str(outside)!r})
        import stray

        def lambda_handler(event, context):
            return {{}}
    """
    with start(build_folder(folder, source)) as function:
        assert function.foreign_modules() == [str((outside / "stray.py").resolve())]


WITH_HELPER = """
    import helper

    def lambda_handler(event, context):
        return {"value": helper.VALUE}
"""


def folder_with_helper(tmp_path: Path) -> Path:
    (tmp_path / "helper.py").write_text("VALUE = 1\n")
    return build_folder(tmp_path, WITH_HELPER)


def test_a_folder_with_its_bytecode_compiles_nothing(tmp_path: Path) -> None:
    folder = folder_with_helper(tmp_path)
    for source in folder.glob("*.py"):
        py_compile.compile(str(source), invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH, doraise=True)
    with start(folder) as function:
        assert function.invoke({}) == {"value": 1}
        assert function.bytecode_report() == {"compiled_from_source": [], "not_from_bytecode": []}


def test_modules_compiled_from_source_are_reported(tmp_path: Path) -> None:
    folder = folder_with_helper(tmp_path)
    with start(folder) as function:
        assert function.invoke({}) == {"value": 1}
        compiled = sorted(str((folder / name).resolve()) for name in ("helper.py", "lambda_function.py"))
        assert function.bytecode_report() == {
            "compiled_from_source": compiled,
            "not_from_bytecode": ["helper (SourceFileLoader)", "lambda_function (SourceFileLoader)"],
        }
