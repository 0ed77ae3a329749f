"""What CloudFormation creates from template.yaml, with SnapStart off and on.

The SAM transform is run offline (tests/deploy/sam_translate.py, in the deploy venv, where
aws-sam-translator comes with aws-sam-cli); `make deploy-check` runs these tests with
SAM_TRANSLATOR_PYTHON naming that venv's interpreter. The conditions and parameter references
the translated template keeps are then evaluated for the parameter values, as CloudFormation
evaluates them, so each case reads as the resources that stack would have.
"""

import json
import os
import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from deploy.configure_skill import FUNCTION_ALIAS

REPO_ROOT = Path(__file__).resolve().parents[2]
TRANSLATE = REPO_ROOT / "tests" / "deploy" / "sam_translate.py"
SKILL_ID = "amzn1.ask.skill.1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
ALEXA_PRINCIPAL = "alexa-appkit.amazon.com"
NO_VALUE = object()

TRANSLATOR_PYTHON = os.environ.get("SAM_TRANSLATOR_PYTHON")
pytestmark = pytest.mark.skipif(
    not TRANSLATOR_PYTHON, reason="needs the deploy venv's SAM translator: run `make deploy-check`"
)


class Stack:
    """The translated template, read for one set of parameter values."""

    def __init__(self, **parameters: str) -> None:
        self.parameters = {"SkillId": SKILL_ID, **parameters}
        self.template = translated(json.dumps(self.parameters, sort_keys=True))
        defaults = {name: spec.get("Default") for name, spec in self.template["Parameters"].items()}
        self.values = {**defaults, **self.parameters}

    def resources(self, kind: str) -> dict[str, dict[str, Any]]:
        return {
            name: self.evaluate(resource)
            for name, resource in self.template["Resources"].items()
            if resource["Type"] == kind and self.exists(resource)
        }

    def one(self, kind: str) -> tuple[str, dict[str, Any]]:
        [(name, resource)] = self.resources(kind).items()
        return name, resource

    def exists(self, resource: dict[str, Any]) -> bool:
        return "Condition" not in resource or self.condition(resource["Condition"])

    def condition(self, name: str) -> bool:
        return bool(self.evaluate(self.template["Conditions"][name]))

    def evaluate(self, value: Any) -> Any:
        """Fn::If, Fn::Equals, Fn::Sub and Ref of parameters resolved; other intrinsics kept."""
        if isinstance(value, list):
            return [item for item in map(self.evaluate, value) if item is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if "Fn::If" in value:
            name, when_true, when_false = value["Fn::If"]
            return self.evaluate(when_true if self.condition(name) else when_false)
        if "Fn::Equals" in value:
            left, right = map(self.evaluate, value["Fn::Equals"])
            return left == right
        if "Fn::Sub" in value and isinstance(value["Fn::Sub"], str):
            return re.sub(r"\$\{(\w+)\}", lambda match: str(self.values[match[1]]), value["Fn::Sub"])
        if value.get("Ref") == "AWS::NoValue":
            return NO_VALUE
        if value.get("Ref") in self.values:
            return self.values[value["Ref"]]
        evaluated = {key: self.evaluate(item) for key, item in value.items()}
        return {key: item for key, item in evaluated.items() if item is not NO_VALUE}


@cache
def translated(parameters_json: str) -> dict[str, Any]:
    assert TRANSLATOR_PYTHON
    environment = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"}
    done = subprocess.run(
        [TRANSLATOR_PYTHON, str(TRANSLATE), str(REPO_ROOT / "template.yaml"), parameters_json],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


SNAPSTART = {"off (default)": {}, "off": {"EnableSnapStart": "false"}, "on": {"EnableSnapStart": "true"}}
APPLIES_ON = {"off (default)": "None", "off": "None", "on": "PublishedVersions"}


@pytest.mark.parametrize("case", SNAPSTART)
def test_snapstart_applies_to_published_versions_only_when_asked_for(case: str) -> None:
    _, function = Stack(**SNAPSTART[case]).one("AWS::Lambda::Function")
    assert function["Properties"]["SnapStart"] == {"ApplyOn": APPLIES_ON[case]}


@pytest.mark.parametrize("case", SNAPSTART)
def test_alexa_may_invoke_the_live_alias_of_the_latest_version_and_nothing_else(case: str) -> None:
    stack = Stack(**SNAPSTART[case])
    function_name, _ = stack.one("AWS::Lambda::Function")
    version_name, version = stack.one("AWS::Lambda::Version")
    alias_name, alias = stack.one("AWS::Lambda::Alias")
    _, permission = stack.one("AWS::Lambda::Permission")
    assert version["Properties"]["FunctionName"] == {"Ref": function_name}
    assert alias["Properties"] == {
        "Name": FUNCTION_ALIAS,
        "FunctionName": {"Ref": function_name},
        "FunctionVersion": {"Fn::GetAtt": [version_name, "Version"]},
    }
    assert permission["Properties"] == {
        "Action": "lambda:InvokeFunction",
        "FunctionName": {"Ref": alias_name},
        "Principal": ALEXA_PRINCIPAL,
        "EventSourceToken": SKILL_ID,
    }
    assert stack.template["Outputs"]["SkillEndpointArn"]["Value"] == {"Ref": alias_name}


@pytest.mark.parametrize(
    "changed",
    [
        {"EnableSnapStart": "true"},
        {"EnableReturningUserTable": "true"},
        {"SkillId": "amzn1.ask.skill.99999999-9999-4999-8999-999999999999"},
    ],
    ids=["snapstart", "returning-user-table", "skill-id"],
)
def test_a_parameter_change_replaces_the_published_version_so_the_alias_gets_the_new_configuration(
    changed: dict[str, str],
) -> None:
    """A version is immutable: CloudFormation replaces (publishes anew) one whose description changes."""
    _, before = Stack().one("AWS::Lambda::Version")
    _, after = Stack(**changed).one("AWS::Lambda::Version")
    assert before["Properties"]["Description"] != after["Properties"]["Description"]


def test_a_replaced_version_is_deleted_rather_than_kept_with_its_snapshot() -> None:
    _, version = Stack(EnableSnapStart="true").one("AWS::Lambda::Version")
    assert version["DeletionPolicy"] == "Delete"
