"""Point the ASK CLI project at your own skill and Lambda function (docs/deploy.md).

    python3 deploy/configure_skill.py --skill-id amzn1.ask.skill.<uuid>
        records the skill you created in the developer console in .ask/ask-states.json, so
        that `ask deploy` updates that skill instead of creating a new one (whose ID the
        function would refuse);
    python3 deploy/configure_skill.py --endpoint arn:aws:lambda:<region>:<account>:function:<name>:live
        puts the ARN of the function's live alias (the stack output SkillEndpointArn) into
        skill-package/skill.json at manifest.apis.custom.endpoint.uri and the skill events'
        endpoint. Alexa may invoke that alias only (template.yaml), never the bare function.

Both options may be given together. Standard library only.
"""

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
MANIFEST = Path("skill-package") / "skill.json"
ASK_STATES = Path(".ask") / "ask-states.json"
ASK_STATES_VERSION = "2020-03-31"
# The same pattern as template.yaml's SkillId parameter.
SKILL_ID_PATTERN = r"^amzn1\.(ask\.skill|echo-sdk-ams\.app)\.[0-9a-fA-F-]+$"
FUNCTION_ARN_PATTERN = (
    r"^arn:aws:lambda:(?P<region>[a-z]{2}-[a-z]+-\d):\d{12}:function:[A-Za-z0-9_-]{1,64}"
    r"(:(?P<qualifier>[A-Za-z0-9_$-]+))?$"
)
# template.yaml's AutoPublishAlias: the alias carries Alexa's permission to invoke the function.
FUNCTION_ALIAS = "live"
# Regions whose Lambda functions Alexa can call (the skill's default endpoint).
ALEXA_LAMBDA_REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1")


class ConfigurationError(ValueError):
    pass


def link_skill(root: Path, skill_id: str, profile: str = "default") -> Path:
    if not re.fullmatch(SKILL_ID_PATTERN, skill_id):
        raise ConfigurationError(f"not an Alexa skill ID: {skill_id!r}")
    path = root / ASK_STATES
    states: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    states.setdefault("askcliStatesVersion", ASK_STATES_VERSION)
    states.setdefault("profiles", {}).setdefault(profile, {})["skillId"] = skill_id
    write_json(path, states)
    return path


def set_endpoint(root: Path, function_arn: str) -> list[str]:
    """Writes the endpoint; returns warnings worth showing."""
    match = re.fullmatch(FUNCTION_ARN_PATTERN, function_arn)
    if not match:
        raise ConfigurationError(f"not a Lambda function ARN: {function_arn!r}")
    if match["qualifier"] != FUNCTION_ALIAS:
        raise ConfigurationError(
            f"the endpoint must be the function's {FUNCTION_ALIAS!r} alias, which alone Alexa may invoke: "
            f"use the stack output SkillEndpointArn (…:function:NAME:{FUNCTION_ALIAS}), not {function_arn!r}"
        )
    warnings = []
    if match["region"] not in ALEXA_LAMBDA_REGIONS:
        warnings.append(
            f"{match['region']} is not one of {', '.join(ALEXA_LAMBDA_REGIONS)}: Alexa may be "
            "unable to call a function there"
        )
    path = root / MANIFEST
    skill = json.loads(path.read_text(encoding="utf-8"))
    manifest = skill["manifest"]
    manifest.setdefault("apis", {}).setdefault("custom", {})["endpoint"] = {"uri": function_arn}
    if "events" in manifest:  # skill events (SKILL_DISABLED) go to the same function
        manifest["events"]["endpoint"] = {"uri": function_arn}
    write_json(path, skill)
    return warnings


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skill-id", help="the skill ID from the Alexa developer console")
    parser.add_argument("--endpoint", help="the SkillEndpointArn output of the SAM stack (the live alias)")
    parser.add_argument("--profile", default="default", help="ASK CLI profile (default: default)")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.skill_id and not args.endpoint:
        parser.error("give --skill-id, --endpoint or both")
    try:
        if args.skill_id:
            path = link_skill(args.root, args.skill_id, args.profile)
            print(f"{path}: `ask deploy` (profile {args.profile}) now updates {args.skill_id}")
        if args.endpoint:
            for warning in set_endpoint(args.root, args.endpoint):
                print(f"warning: {warning}", file=sys.stderr)
            print(f"{args.root / MANIFEST}: endpoint is now {args.endpoint}")
    except ConfigurationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
