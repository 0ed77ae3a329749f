"""Amazon's APL linter, apl-suggester (npm), run by tests/screens/validate.js.

`make screens-deps` (a prerequisite of `make test`) installs it into tests/screens/node_modules
from the committed package-lock.json.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
SCRIPT = HERE / "validate.js"
PACKAGE = HERE / "node_modules" / "apl-suggester" / "package.json"


def require_suggester(package: Path = PACKAGE, *, ci: bool | None = None) -> None:
    """Skip the calling test when apl-suggester cannot run; in CI (CI=true), fail it instead."""
    if shutil.which("node") is None:
        missing = "node is not on PATH: apl-suggester cannot run"
    elif not package.exists():
        missing = "apl-suggester is not installed: run `make screens-deps` (npm ci in tests/screens)"
    else:
        return
    if ci if ci is not None else os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{missing} (CI must validate the screens, not skip them)")
    pytest.skip(missing)


def installed_version() -> str:
    return json.loads(PACKAGE.read_text("utf-8"))["version"]


def validate(items: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """Findings per name, for {name: {"document": ..., "datasources": ...}}, in one node process."""
    payload = [{"name": name, **item} for name, item in items.items()]
    done = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=HERE,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"validate.js failed:\n{done.stderr}"
    return {result["name"]: result["findings"] for result in json.loads(done.stdout)}
