"""Translate template.yaml with the SAM translator, as CloudFormation's transform does on deploy.

Usage: python tests/deploy/sam_translate.py TEMPLATE '{"SkillId": "amzn1.ask.skill..."}'

Run by the deploy venv's Python (aws-sam-translator comes with aws-sam-cli there, not in .venv).
Prints the CloudFormation template, as JSON, that `sam deploy` would have CloudFormation create
with those parameter values. The function's CodeUri becomes an S3 location first, as
`sam deploy` makes it after uploading the package. Offline: no AWS account or network.
"""

import json
import os
import sys
from typing import Any

from samtranslator.translator.managed_policy_translator import ManagedPolicyLoader
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

UPLOADED_CODE = "s3://deployment-bucket/skill-function.zip"


class NoManagedPolicies(ManagedPolicyLoader):
    """The template names no managed policies, so none need looking up in IAM."""

    def __init__(self) -> None:
        pass

    def load(self) -> dict[str, str]:
        return {}


def translate(template_text: str, parameters: dict[str, Any]) -> dict[str, Any]:
    template = yaml_parse(template_text)
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = UPLOADED_CODE
    return transform(template, parameters, NoManagedPolicies())


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # the translator builds ARNs for a region
    with open(argv[1], encoding="utf-8") as template:
        print(json.dumps(translate(template.read(), json.loads(argv[2]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
