"""The ASK CLI project files and the helper that points them at a developer's own skill."""

import json
import re
import shutil
from pathlib import Path

import pytest

from deploy.configure_skill import (
    ASK_STATES,
    FUNCTION_ALIAS,
    FUNCTION_ARN_PATTERN,
    MANIFEST,
    SKILL_ID_PATTERN,
    ConfigurationError,
    link_skill,
    main,
    set_endpoint,
)
from tests.deploy.cfn_yaml import load_template

REPO_ROOT = Path(__file__).resolve().parents[2]
SKILL_ID = "amzn1.ask.skill.1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
FUNCTION_ARN = "arn:aws:lambda:eu-west-1:210987654321:function:muscle-twitch-guide:live"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's skill package, as a developer's checkout has it."""
    shutil.copytree(REPO_ROOT / "skill-package", tmp_path / "skill-package")
    shutil.copy(REPO_ROOT / "ask-resources.json", tmp_path)
    return tmp_path


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_ask_deploy_uploads_the_skill_package_and_leaves_the_code_to_sam() -> None:
    resources = read_json(REPO_ROOT / "ask-resources.json")
    assert resources["askcliResourcesVersion"] == "2020-03-31"
    assert resources["profiles"] == {"default": {"skillMetadata": {"src": "./skill-package"}}}
    assert (REPO_ROOT / "skill-package" / "skill.json").is_file()
    assert (REPO_ROOT / "skill-package" / "interactionModels" / "custom" / "en-US.json").is_file()


def test_the_manifest_endpoints_are_a_placeholder_alias_arn_ask_deploy_accepts() -> None:
    manifest = read_json(REPO_ROOT / MANIFEST)["manifest"]
    for endpoint in (manifest["apis"]["custom"]["endpoint"], manifest["events"]["endpoint"]):
        assert set(endpoint) == {"uri"}
        match = re.fullmatch(FUNCTION_ARN_PATTERN, endpoint["uri"])
        assert match and match["qualifier"] == FUNCTION_ALIAS
        # AWS's documentation account: nobody's real function is committed.
        assert ":123456789012:" in endpoint["uri"]


def test_the_skill_id_pattern_is_the_templates() -> None:
    template = load_template(REPO_ROOT / "template.yaml")
    assert template["Parameters"]["SkillId"]["AllowedPattern"] == SKILL_ID_PATTERN


def test_linking_a_skill_creates_the_ask_states_file(project: Path) -> None:
    link_skill(project, SKILL_ID)
    assert read_json(project / ASK_STATES) == {
        "askcliStatesVersion": "2020-03-31",
        "profiles": {"default": {"skillId": SKILL_ID}},
    }


def test_linking_again_replaces_the_id_and_keeps_what_the_cli_recorded(project: Path) -> None:
    states = project / ASK_STATES
    states.parent.mkdir()
    recorded = {"skillMetadata": {"lastDeployHash": "abc"}, "skillId": "amzn1.ask.skill.0ld"}
    other = {"skillId": "amzn1.ask.skill.other"}
    states.write_text(json.dumps({"askcliStatesVersion": "2020-03-31", "profiles": {"default": recorded, "x": other}}))
    link_skill(project, SKILL_ID)
    profiles = read_json(states)["profiles"]
    assert profiles["default"] == {"skillMetadata": {"lastDeployHash": "abc"}, "skillId": SKILL_ID}
    assert profiles["x"] == other


@pytest.mark.parametrize(
    "bad_id",
    ["", "amzn1.ask.skill.", "amzn1.ask.skill.<your-skill-id>", FUNCTION_ARN, "skill-123"],
)
def test_a_wrong_skill_id_is_refused_and_nothing_written(project: Path, bad_id: str) -> None:
    with pytest.raises(ConfigurationError, match="not an Alexa skill ID"):
        link_skill(project, bad_id)
    assert not (project / ASK_STATES).exists()


def test_setting_the_endpoint_changes_nothing_else_in_the_manifest(project: Path) -> None:
    before = read_json(project / MANIFEST)
    assert set_endpoint(project, FUNCTION_ARN) == []
    after = read_json(project / MANIFEST)
    assert after["manifest"]["apis"]["custom"]["endpoint"] == {"uri": FUNCTION_ARN}
    # Skill events (SKILL_DISABLED deletes what the skill remembered) go to the same function.
    assert after["manifest"]["events"]["endpoint"] == {"uri": FUNCTION_ARN}
    assert after["manifest"]["events"]["subscriptions"] == [{"eventName": "SKILL_DISABLED"}]
    for part in ("apis", "events"):
        section = after["manifest"][part]["custom"] if part == "apis" else after["manifest"][part]
        original = before["manifest"][part]["custom"] if part == "apis" else before["manifest"][part]
        section["endpoint"] = original["endpoint"]
    assert after == before


@pytest.mark.parametrize(
    "bad_arn",
    [
        "",
        "arn:aws:lambda:us-east-1:123:function:too-short-account",
        "arn:aws:lambda:us-east-1:123456789012:layer:not-a-function",
        "https://example.com/alexa",
        "muscle-twitch-guide",
        SKILL_ID,
    ],
)
def test_a_wrong_endpoint_is_refused_and_the_manifest_untouched(project: Path, bad_arn: str) -> None:
    before = (project / MANIFEST).read_bytes()
    with pytest.raises(ConfigurationError, match="not a Lambda function ARN"):
        set_endpoint(project, bad_arn)
    assert (project / MANIFEST).read_bytes() == before


@pytest.mark.parametrize(
    "unqualified_or_other",
    [
        "arn:aws:lambda:eu-west-1:210987654321:function:muscle-twitch-guide",
        "arn:aws:lambda:eu-west-1:210987654321:function:muscle-twitch-guide:$LATEST",
        "arn:aws:lambda:eu-west-1:210987654321:function:muscle-twitch-guide:7",
        "arn:aws:lambda:eu-west-1:210987654321:function:muscle-twitch-guide:beta",
    ],
    ids=["bare-function", "latest", "a-version", "another-alias"],
)
def test_only_the_live_alias_is_accepted_since_only_it_may_be_invoked_by_alexa(
    project: Path, unqualified_or_other: str
) -> None:
    before = (project / MANIFEST).read_bytes()
    with pytest.raises(ConfigurationError, match="SkillEndpointArn"):
        set_endpoint(project, unqualified_or_other)
    assert (project / MANIFEST).read_bytes() == before


@pytest.mark.parametrize(
    ("region", "warned"),
    [("us-east-1", False), ("us-west-2", False), ("eu-west-1", False), ("ap-northeast-1", False),
     ("eu-central-1", True), ("ap-southeast-2", True)],
)  # fmt: skip
def test_a_region_alexa_cannot_call_is_warned_about(project: Path, region: str, warned: bool) -> None:
    warnings = set_endpoint(project, f"arn:aws:lambda:{region}:210987654321:function:f:live")
    assert bool(warnings) is warned


def test_the_command_does_both_and_fails_on_bad_input(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "--skill-id", SKILL_ID, "--endpoint", FUNCTION_ARN]) == 0
    assert read_json(project / ASK_STATES)["profiles"]["default"]["skillId"] == SKILL_ID
    assert read_json(project / MANIFEST)["manifest"]["apis"]["custom"]["endpoint"]["uri"] == (FUNCTION_ARN)
    assert main(["--root", str(project), "--endpoint", "nope"]) == 2
    assert "not a Lambda function ARN" in capsys.readouterr().err
