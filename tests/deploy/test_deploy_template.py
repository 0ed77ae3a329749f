"""What template.yaml deploys, read as a specification.

cfn-lint and `sam validate` (run by `make deploy-check`) say whether the template is valid;
these tests say whether it is the deployment the skill needs: the right runtime and handler,
only our skill may call it, the variables the code reads, least privilege, data kept safe.
"""

import re
from pathlib import Path
from typing import Any

import pytest

from deploy import configure_skill
from muscle_twitch.persistence import choice, dynamodb_store
from muscle_twitch.skill import builder
from tests.deploy.cfn_yaml import load_template

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template(REPO_ROOT / "template.yaml")
RESOURCES: dict[str, dict[str, Any]] = TEMPLATE["Resources"]
FUNCTION = RESOURCES["SkillFunction"]["Properties"]
ROLE = RESOURCES["SkillFunctionRole"]["Properties"]
TABLE = RESOURCES["ReturningUserTable"]
TABLE_CONDITION = "UseReturningUserTable"
SNAPSTART_CONDITION = "UseSnapStart"
ALEXA_RESPONSE_DEADLINE_SECONDS = 8


def ref(name: str) -> dict[str, str]:
    return {"Ref": name}


def get_att(resource: str, attribute: str) -> dict[str, list[str]]:
    return {"Fn::GetAtt": [resource, attribute]}


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("Runtime", "python3.12"),
        ("Architectures", ["arm64"]),
        ("Handler", "lambda_function.lambda_handler"),
        ("CodeUri", "lambda/"),
        ("Role", get_att("SkillFunctionRole", "Arn")),
        ("LoggingConfig", {"LogGroup": ref("SkillLogGroup"), "LogFormat": "Text"}),
    ],
)
def test_function_setting(setting: str, expected: Any) -> None:
    assert FUNCTION[setting] == expected


def test_sam_builds_the_function_with_the_makefile_for_the_runtimes_python() -> None:
    assert RESOURCES["SkillFunction"]["Metadata"] == {"BuildMethod": "makefile"}
    makefile = (REPO_ROOT / FUNCTION["CodeUri"] / "Makefile").read_text()
    assert re.search(r"^build-SkillFunction:", makefile, re.MULTILINE)
    [version] = re.findall(r"^RUNTIME_VERSION := (\S+)$", makefile, re.MULTILINE)
    assert FUNCTION["Runtime"] == f"python{version}"


def test_the_handler_the_template_names_exists() -> None:
    module, _, function = FUNCTION["Handler"].rpartition(".")
    source = (REPO_ROOT / FUNCTION["CodeUri"] / f"{module}.py").read_text()
    assert re.search(rf"^def {function}\(event", source, re.MULTILINE)


def test_the_function_answers_within_alexas_deadline_with_room_to_spare() -> None:
    assert 3 <= FUNCTION["Timeout"] < ALEXA_RESPONSE_DEADLINE_SECONDS
    assert 128 <= FUNCTION["MemorySize"] <= 512


def test_only_the_skill_given_as_parameter_may_invoke_the_function() -> None:
    assert FUNCTION["Events"] == {"AlexaSkill": {"Type": "AlexaSkill", "Properties": {"SkillId": ref("SkillId")}}}


def test_the_function_gets_the_skill_id_and_the_table_only_when_there_is_one() -> None:
    assert FUNCTION["Environment"]["Variables"] == {
        "SKILL_ID": ref("SkillId"),
        "TABLE_NAME": {"Fn::If": [TABLE_CONDITION, ref("ReturningUserTable"), ref("AWS::NoValue")]},
    }


def test_the_skill_refuses_other_skills_given_the_skill_id_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    skill_id = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
    monkeypatch.setenv("SKILL_ID", skill_id)
    monkeypatch.setenv(choice.PERSISTENCE_SWITCH, "off")
    builder.get_skill.cache_clear()
    try:
        assert builder.get_skill().skill_id == skill_id
    finally:
        builder.get_skill.cache_clear()


def test_the_table_variable_is_the_one_the_persistence_code_reads() -> None:
    assert choice.TABLE_NAME in FUNCTION["Environment"]["Variables"]


@pytest.mark.parametrize(
    ("skill_id", "accepted"),
    [
        ("amzn1.ask.skill.1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", True),
        ("amzn1.echo-sdk-ams.app.1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", True),
        ("", False),
        ("amzn1.ask.skill.", False),
        ("amzn1.ask.skill.<your-skill-id>", False),
        ("arn:aws:lambda:us-east-1:123456789012:function:muscle-twitch-guide", False),
        (" amzn1.ask.skill.1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", False),
    ],
)
def test_the_skill_id_parameter_accepts_only_skill_ids(skill_id: str, accepted: bool) -> None:
    parameter = TEMPLATE["Parameters"]["SkillId"]
    assert "Default" not in parameter  # deploying asks for it
    assert bool(re.fullmatch(parameter["AllowedPattern"], skill_id)) is accepted


def test_logs_are_kept_for_a_bounded_time_in_the_functions_own_group() -> None:
    log_group = RESOURCES["SkillLogGroup"]["Properties"]
    assert log_group["RetentionInDays"] == ref("LogRetentionInDays")
    assert TEMPLATE["Parameters"]["LogRetentionInDays"]["Default"] <= 90
    assert log_group["LogGroupName"] == {"Fn::Sub": "/aws/lambda/${AWS::StackName}"}


def role_statements() -> list[tuple[str | None, dict[str, Any]]]:
    """Every policy statement of the function's role, with the condition it depends on."""
    found: list[tuple[str | None, dict[str, Any]]] = []
    for policy in ROLE["Policies"]:
        condition = None
        if "Fn::If" in policy:
            condition, policy, otherwise = policy["Fn::If"]
            assert otherwise == ref("AWS::NoValue")
        found.extend((condition, s) for s in policy["PolicyDocument"]["Statement"])
    return found


def test_the_role_has_no_managed_policies_and_no_wildcard_resources() -> None:
    assert "ManagedPolicyArns" not in ROLE
    for _, statement in role_statements():
        assert statement["Effect"] == "Allow"
        assert statement["Resource"] != "*" and not isinstance(statement["Resource"], list)


def test_the_role_may_do_exactly_this() -> None:
    granted = {
        (condition, action, str(statement["Resource"]))
        for condition, statement in role_statements()
        for action in statement["Action"]
    }
    logs = str(get_att("SkillLogGroup", "Arn"))
    table = str(get_att("ReturningUserTable", "Arn"))
    assert granted == {
        (None, "logs:CreateLogStream", logs),
        (None, "logs:PutLogEvents", logs),
        (TABLE_CONDITION, "dynamodb:GetItem", table),
        (TABLE_CONDITION, "dynamodb:PutItem", table),
        (TABLE_CONDITION, "dynamodb:DeleteItem", table),
    }


def test_only_lambda_may_assume_the_role() -> None:
    [statement] = ROLE["AssumeRolePolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "lambda.amazonaws.com"}
    assert statement["Action"] == "sts:AssumeRole"


def test_the_table_exists_only_when_asked_for_and_is_off_by_default() -> None:
    assert TABLE["Condition"] == TABLE_CONDITION
    assert TEMPLATE["Conditions"][TABLE_CONDITION] == {"Fn::Equals": [ref("EnableReturningUserTable"), "true"]}
    assert TEMPLATE["Parameters"]["EnableReturningUserTable"]["Default"] == "false"


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("BillingMode", "PAY_PER_REQUEST"),
        ("SSESpecification", {"SSEEnabled": True}),
        ("PointInTimeRecoverySpecification", {"PointInTimeRecoveryEnabled": True}),
        (
            "KeySchema",
            [{"AttributeName": dynamodb_store.PARTITION_KEY, "KeyType": "HASH"}],
        ),
        (
            "AttributeDefinitions",
            [{"AttributeName": dynamodb_store.PARTITION_KEY, "AttributeType": "S"}],
        ),
        (
            "TimeToLiveSpecification",
            {"AttributeName": dynamodb_store.EXPIRES_AT, "Enabled": True},
        ),
    ],
)
def test_table_setting(setting: str, expected: Any) -> None:
    assert TABLE["Properties"][setting] == expected


def test_users_records_survive_deleting_the_stack() -> None:
    assert TABLE["DeletionPolicy"] == TABLE["UpdateReplacePolicy"] == "Retain"


def test_the_outputs_give_the_live_alias_as_the_skills_endpoint() -> None:
    outputs = TEMPLATE["Outputs"]
    assert outputs["SkillEndpointArn"]["Value"] == ref("SkillFunction.Alias")  # SAM: the AutoPublishAlias
    assert outputs["SkillFunctionArn"]["Value"] == get_att("SkillFunction", "Arn")
    assert outputs["ReturningUserTableName"]["Condition"] == TABLE_CONDITION


def test_alexa_calls_published_versions_through_the_alias_configure_skill_expects() -> None:
    assert FUNCTION["AutoPublishAlias"] == configure_skill.FUNCTION_ALIAS
    assert FUNCTION["VersionDeletionPolicy"] == "Delete"  # a replaced version (and its snapshot) goes


def test_snapstart_is_a_parameter_and_off_by_default() -> None:
    parameter = TEMPLATE["Parameters"]["EnableSnapStart"]
    assert (parameter["AllowedValues"], parameter["Default"]) == (["true", "false"], "false")
    assert TEMPLATE["Conditions"][SNAPSTART_CONDITION] == {"Fn::Equals": [ref("EnableSnapStart"), "true"]}
    assert FUNCTION["SnapStart"] == {"ApplyOn": {"Fn::If": [SNAPSTART_CONDITION, "PublishedVersions", "None"]}}


def parameters_in(value: Any) -> set[str]:
    """The template parameters `value` depends on, directly or through a condition."""
    if isinstance(value, list):
        return set().union(*map(parameters_in, value)) if value else set()
    if not isinstance(value, dict):
        return set()
    found = set()
    if isinstance(value.get("Ref"), str) and value["Ref"] in TEMPLATE["Parameters"]:
        found.add(value["Ref"])
    if "Fn::If" in value:
        found |= parameters_in(TEMPLATE["Conditions"][value["Fn::If"][0]])
    return found | parameters_in(list(value.values()))


def test_changing_any_parameter_the_function_configuration_reads_publishes_a_new_version() -> None:
    """SAM republishes on code changes only; a changed version description replaces the version."""
    configuration = {name: value for name, value in FUNCTION.items() if name != "Events"}
    described = set(re.findall(r"\$\{(\w+)\}", FUNCTION["VersionDescription"]["Fn::Sub"]))
    assert described == parameters_in(configuration)
