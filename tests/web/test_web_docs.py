"""What docs/web.md tells a newcomer to run works: the curl line's sample request, posted to the
app as `make serve-dev` builds it, gets the Lambda's answer; the targets it names exist."""

import copy
import json
import re
import subprocess
from pathlib import Path

from lambda_function import lambda_handler
from muscle_twitch.skill.builder import get_skill
from webservice.app import create_app
from webservice.settings import WebSettings

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
CURL = re.compile(r"^curl .*-X POST http://127\.0\.0\.1:8000/ .*--data @(\S+)$", re.MULTILINE)


def test_the_documented_curl_request_gets_the_lambda_answer_from_serve_dev() -> None:
    [sample] = CURL.findall(DOC)
    event = json.loads((ROOT / sample).read_text(encoding="utf-8"))
    dev_settings = WebSettings.from_environ({"LOCAL_DEV_DISABLE_ALEXA_VERIFICATION": "1"})  # what serve-dev sets

    response = create_app(get_skill(), dev_settings).test_client().post("/", json=event)

    assert response.status_code == 200
    assert response.get_json() == lambda_handler(copy.deepcopy(event), None)
    assert "trouble breathing" in response.get_json()["response"]["outputSpeech"]["ssml"]


def test_the_documented_make_targets_exist() -> None:
    for target in sorted(set(re.findall(r"\bmake (serve(?:-dev)?|bench-web)\b", DOC))):
        result = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=False)
        assert result.returncode == 0, (target, result.stderr)
