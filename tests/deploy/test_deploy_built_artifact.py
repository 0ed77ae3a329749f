"""The folder `sam build` produced, run as Lambda runs it: what we deploy works on its own.

`make deploy-check` builds the function and runs these tests with BUILT_FUNCTION_DIR and
LAMBDA_PYTHON set. The package is zipped as `sam deploy` zips it and unpacked read-only, every
file dated 1980-01-01 as SAM's zip leaves them; the function runs from there in a separate
`python -I -S -B` process of the Lambda's Python version that can import only that folder and
the standard library, so a dependency missing from lambda/requirements.txt or a data file left
out of the build fails here. It answers the sample LaunchRequest and every conversation in
tests/simulator/conversations (full interviews to each outcome, help, stop, ...), every answer
must equal the one the source tree gives for the same request, and no module may have been
compiled from source on the way: the bytecode lambda/Makefile ships is what runs.
"""

import copy
import io
import os
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deploy.package_size import MEBIBYTE, measure, write_zip
from muscle_twitch.core.levels import Level
from simulator.requests import DEFAULT_SKILL_ID
from tests.alexa import Heard, request, send
from tests.deploy.built_function import (
    BuiltFunction,
    InvocationError,
    built_function_dir,
    lambda_python,
)
from tests.deploy.cfn_yaml import load_template
from tests.simulator.conversations import ConversationSpec, all_specs, run

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = REPO_ROOT / "lambda"
CONVERSATIONS = all_specs()
FIXTURE_SKILL_ID = request("launch")["context"]["System"]["application"]["applicationId"]
RUNTIME = load_template(REPO_ROOT / "template.yaml")["Resources"]["SkillFunction"]["Properties"]["Runtime"]
ZIPPED_BUDGET_MIB = 5
ZIP_FILE_TIME = 315532800  # 1980-01-01T00:00:00Z: SAM's zip entries carry no time
CHECK_BYTECODE = REPO_ROOT / "deploy" / "check_bytecode.py"

BUILD_DIR = built_function_dir()
pytestmark = pytest.mark.skipif(BUILD_DIR is None, reason="needs the `sam build` output: run `make deploy-check`")


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry of `folder` with its size and modification time."""
    return {str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns) for path in folder.rglob("*")}


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as Lambda unpacks it into /var/task: from the zip, old file times, read-only."""
    assert BUILD_DIR is not None
    folder = tmp_path_factory.mktemp("task")
    package = io.BytesIO()
    write_zip(BUILD_DIR, package)
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    for path in sorted(folder.rglob("*"), key=lambda path: len(path.parts), reverse=True):
        os.utime(path, (ZIP_FILE_TIME, ZIP_FILE_TIME))
        path.chmod(0o555 if path.is_dir() else 0o444)
    return folder


@pytest.fixture(scope="module")
def untouched(unpacked: Path) -> dict[str, tuple[int, int]]:
    return snapshot(unpacked)


@pytest.fixture(scope="module")
def built(unpacked: Path, untouched: dict[str, tuple[int, int]]) -> Iterator[BuiltFunction]:
    """One warm function process for the module, as one Lambda container serves many turns."""
    python = lambda_python()
    assert python, "LAMBDA_PYTHON must name the Lambda runtime's interpreter"
    with BuiltFunction(python, unpacked, {"SKILL_ID": FIXTURE_SKILL_ID}) as function:
        yield function


def without_user_agent(body: dict[str, Any]) -> dict[str, Any]:
    """The SDK names the Python version in userAgent; nothing else may differ."""
    return {key: value for key, value in body.items() if key != "userAgent"}


def answer(built: BuiltFunction, event: dict[str, Any]) -> Heard:
    """The built function's answer, which must be the source tree's answer too."""
    heard = Heard(built.invoke(event))
    source = send(copy.deepcopy(event))
    assert without_user_agent(heard.body) == without_user_agent(source.body)
    return heard


def test_it_runs_isolated_on_the_lambda_runtimes_python(built: BuiltFunction) -> None:
    assert built.ready["isolated"] is True
    assert built.ready["writes_bytecode"] is False
    assert "python" + ".".join(built.ready["python"].split(".")[:2]) == RUNTIME


def test_the_sample_launch_request_gets_the_welcome_and_first_question(
    built: BuiltFunction,
) -> None:
    heard = answer(built, request("launch"))
    assert heard.body["version"] == "1.0"
    assert not heard.ended
    assert heard.speech.startswith("Welcome to Muscle Twitch Guide.")
    assert "medical advice" in heard.speech and "emergency" in heard.speech
    assert heard.speech.endswith("?")
    assert heard.reprompt.endswith("?")
    assert heard.question == "emergency"


@pytest.fixture(scope="module")
def built_for_simulator(unpacked: Path, untouched: dict[str, tuple[int, int]]) -> Iterator[BuiltFunction]:
    """A second function process configured with the skill ID the simulator sends."""
    python = lambda_python()
    assert python
    with BuiltFunction(python, unpacked, {"SKILL_ID": DEFAULT_SKILL_ID}) as function:
        yield function


# The project's conversations (tests/simulator/conversations/*.toml): typed lines become the
# request JSON Alexa would send, through the real interaction model, into the built function.
@pytest.mark.parametrize("spec", CONVERSATIONS, ids=[spec.path.stem for spec in CONVERSATIONS])
def test_a_whole_conversation(spec: ConversationSpec, built_for_simulator: BuiltFunction) -> None:
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return answer(built_for_simulator, event).body

    run(spec, handler)


def test_the_conversations_include_full_interviews_to_every_outcome() -> None:
    levels = {turn.level for spec in CONVERSATIONS for turn in spec.turns if turn.level}
    assert levels == {level.value for level in Level}


def test_a_request_for_another_skill_is_refused(built: BuiltFunction) -> None:
    event = request("launch")
    other = "amzn1.ask.skill.99999999-9999-4999-8999-999999999999"
    event["context"]["System"]["application"]["applicationId"] = other
    event["session"]["application"]["applicationId"] = other
    with pytest.raises(InvocationError, match="SkillIdMismatch"):
        built.invoke(event)


@pytest.mark.parametrize("event", [{}, {"request": "garbage"}], ids=["empty", "no-request"])
def test_an_unreadable_event_gets_a_spoken_apology(built: BuiltFunction, event: dict[str, Any]) -> None:
    heard = Heard(built.invoke(event))
    assert heard.speech and not heard.ended


def test_only_the_built_folder_and_the_standard_library_were_imported(
    built: BuiltFunction,
) -> None:
    built.invoke(request("launch"))
    assert built.foreign_modules() == []


# After the conversations above (pytest runs a module's tests in order), so that the check covers
# every module any of them imported; alone, it still covers the launch and the initialisation.
def test_nothing_was_compiled_from_source_and_every_module_came_from_its_bytecode(
    built: BuiltFunction,
    built_for_simulator: BuiltFunction,
    unpacked: Path,
    untouched: dict[str, tuple[int, int]],
) -> None:
    built.invoke(request("launch"))
    for function in (built, built_for_simulator):
        assert function.bytecode_report() == {"compiled_from_source": [], "not_from_bytecode": []}
    assert snapshot(unpacked) == untouched  # read-only, as /var/task is: nothing written


def test_every_module_ships_bytecode_the_runtime_uses_as_it_is() -> None:
    """For the runtime's Python, unchecked-hash (valid whatever the file times), from this source."""
    python = lambda_python()
    assert python and BUILD_DIR is not None
    checked = subprocess.run([python, "-I", "-S", str(CHECK_BYTECODE), str(BUILD_DIR)], capture_output=True, text=True)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")
    assert len(list(BUILD_DIR.rglob("*.pyc"))) == len(list(BUILD_DIR.rglob("*.py")))  # one each, no strays


def test_the_package_is_pure_python_so_the_proof_here_runs_the_code_arm64_runs() -> None:
    assert BUILD_DIR is not None
    assert [path.name for path in BUILD_DIR.rglob("*") if path.suffix in (".so", ".pyd")] == []


def source_files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


# What `make model` compiles and the skill never reads at run time (lambda/Makefile leaves it out).
BUILD_ONLY = ("language/build.py", "data/__main__.py")


def build_only(path: str) -> bool:
    return path.endswith(".toml") or path in BUILD_ONLY


def test_the_build_ships_the_skill_source_unchanged_less_what_only_builds_it() -> None:
    assert BUILD_DIR is not None
    source = source_files(SOURCE_DIR / "muscle_twitch")
    shipped = source_files(BUILD_DIR / "muscle_twitch")
    assert [path for path in shipped if build_only(path)] == []
    assert shipped == {path: content for path, content in source.items() if not build_only(path)}
    assert (BUILD_DIR / "lambda_function.py").read_bytes() == (SOURCE_DIR / "lambda_function.py").read_bytes()


# boto3 and its parts come with the Lambda runtime; the build recipe, the dependencies' scripts
# and anything of a developer's must never be shipped.
@pytest.mark.parametrize(
    "unwanted",
    ["boto3", "botocore", "s3transfer", "bin", "Makefile", "requirements.txt", "tests", "conftest.py", ".pytest_cache"],
)
def test_the_build_leaves_out(unwanted: str) -> None:
    assert BUILD_DIR is not None
    assert not (BUILD_DIR / unwanted).exists()
    assert not any(path.name == unwanted for path in (BUILD_DIR / "muscle_twitch").rglob("*"))


def test_the_zipped_package_stays_small() -> None:
    assert BUILD_DIR is not None
    assert measure(BUILD_DIR).zipped_bytes < ZIPPED_BUDGET_MIB * MEBIBYTE
