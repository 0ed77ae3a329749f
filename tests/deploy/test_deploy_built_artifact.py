"""The folder `sam build` produced, run as Lambda runs it: what we deploy works on its own.

`make deploy-check` builds the function and runs these tests with BUILT_FUNCTION_DIR and
LAMBDA_PYTHON set. The function runs in a separate `python -I -S` process of the Lambda's
Python version that can import only the built folder and the standard library, so a
dependency missing from lambda/requirements.txt or a data file left out of the build fails
here. It answers the sample LaunchRequest and every conversation in
tests/simulator/conversations (full interviews to each outcome, help, stop, ...), and every
answer must equal the one the source tree gives for the same request.
"""

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from muscle_twitch.core.levels import Level
from simulator.model import InteractionModel, load_model, model_path_for
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

BUILD_DIR = built_function_dir()
pytestmark = pytest.mark.skipif(BUILD_DIR is None, reason="needs the `sam build` output: run `make deploy-check`")


@pytest.fixture(scope="module")
def built() -> Iterator[BuiltFunction]:
    """One warm function process for the module, as one Lambda container serves many turns."""
    python = lambda_python()
    assert python, "LAMBDA_PYTHON must name the Lambda runtime's interpreter"
    assert BUILD_DIR is not None
    with BuiltFunction(python, BUILD_DIR, {"SKILL_ID": FIXTURE_SKILL_ID}) as function:
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
    assert heard.asking == "emergency"


@pytest.fixture(scope="module")
def model() -> InteractionModel:
    return load_model(model_path_for("en-US"))


@pytest.fixture(scope="module")
def built_for_simulator() -> Iterator[BuiltFunction]:
    """A second function process configured with the skill ID the simulator sends."""
    python = lambda_python()
    assert python and BUILD_DIR is not None
    with BuiltFunction(python, BUILD_DIR, {"SKILL_ID": DEFAULT_SKILL_ID}) as function:
        yield function


# The project's conversations (tests/simulator/conversations/*.toml): typed lines become the
# request JSON Alexa would send, through the real interaction model, into the built function.
@pytest.mark.parametrize("spec", CONVERSATIONS, ids=[spec.path.stem for spec in CONVERSATIONS])
def test_a_whole_conversation(
    spec: ConversationSpec, model: InteractionModel, built_for_simulator: BuiltFunction
) -> None:
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return answer(built_for_simulator, event).body

    run(spec, model, handler)


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


def source_files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_build_ships_the_skill_source_unchanged() -> None:
    assert BUILD_DIR is not None
    source = source_files(SOURCE_DIR / "muscle_twitch")
    shipped = source_files(BUILD_DIR / "muscle_twitch")
    assert shipped == source
    assert (BUILD_DIR / "lambda_function.py").read_bytes() == (SOURCE_DIR / "lambda_function.py").read_bytes()


# boto3 and its parts come with the Lambda runtime; the rest must never be copied from lambda/.
@pytest.mark.parametrize(
    "unwanted",
    ["boto3", "botocore", "s3transfer", "tests", "conftest.py", ".pytest_cache", "__pycache__"],
)
def test_the_build_leaves_out(unwanted: str) -> None:
    assert BUILD_DIR is not None
    assert not (BUILD_DIR / unwanted).exists()
    assert not any(path.name == unwanted for path in (BUILD_DIR / "muscle_twitch").rglob("*"))


def test_no_bytecode_is_shipped() -> None:
    assert BUILD_DIR is not None
    assert not any(BUILD_DIR.rglob("*.pyc"))


def test_the_zipped_package_stays_small() -> None:
    from deploy.package_size import MEBIBYTE, measure

    assert BUILD_DIR is not None
    assert measure(BUILD_DIR).zipped_bytes < ZIPPED_BUDGET_MIB * MEBIBYTE
