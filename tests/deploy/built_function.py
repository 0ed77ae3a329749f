"""Drive a built Lambda folder in a separate, isolated Python process (see the emulator)."""

import json
import os
import subprocess
from pathlib import Path
from types import TracebackType
from typing import Any, Self

REPO_ROOT = Path(__file__).resolve().parents[2]
EMULATOR = REPO_ROOT / "deploy" / "lambda_runtime_emulator.py"


class InvocationError(AssertionError):
    """The handler raised instead of answering (Lambda would report a function error)."""


class BuiltFunction:
    """One cold-started function process; `invoke` sends an event and returns the response."""

    def __init__(
        self,
        python: str,
        build_dir: Path,
        environment: dict[str, str],
        handler: str = "lambda_function.lambda_handler",
    ) -> None:
        # -B: Lambda's code folder is read-only, and the build must stay as sam left it.
        self.command = [python, "-I", "-S", "-B", str(EMULATOR), str(build_dir), handler]
        # Only what the Lambda runtime would set, plus the function's own variables.
        self.environment = {
            "PATH": "/usr/bin:/bin",
            "LANG": "en_US.UTF-8",
            "TZ": ":UTC",
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_LAMBDA_FUNCTION_NAME": "muscle-twitch-guide",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
            "LAMBDA_TASK_ROOT": str(build_dir),
            **environment,
        }
        self.process: subprocess.Popen[str] | None = None
        self.ready: dict[str, Any] = {}

    def __enter__(self) -> Self:
        self.process = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.environment,
            cwd="/",
        )
        self.ready = self._receive()
        if not self.ready.get("ready"):
            self.close()
            failure = self._describe(self.ready)
            raise InvocationError(f"the function failed to initialise: {failure}")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        reply = self._request({"event": event})
        if not reply["ok"]:
            raise InvocationError(f"the handler raised: {self._describe(reply)}")
        return reply["response"]

    def foreign_modules(self) -> list[str]:
        return self._request({"command": "foreign_modules"})["foreign_modules"]

    def bytecode_report(self) -> dict[str, list[str]]:
        """Source files compiled since start, and modules loaded without shipped bytecode."""
        reply = self._request({"command": "bytecode"})
        return {key: reply[key] for key in ("compiled_from_source", "not_from_bytecode")}

    def close(self) -> str:
        """Stop the process; returns what it wrote to stderr (its logs)."""
        if self.process is None:
            return ""
        process, self.process = self.process, None
        _, stderr = process.communicate(timeout=30)
        return stderr

    def _request(self, message: dict[str, Any]) -> dict[str, Any]:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        return self._receive()

    def _receive(self) -> dict[str, Any]:
        assert self.process is not None and self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            stderr = self.close()
            raise InvocationError(f"the function process died; its stderr:\n{stderr}")
        return json.loads(line)

    @staticmethod
    def _describe(reply: dict[str, Any]) -> str:
        trace = "".join(reply.get("traceback", []))
        return f"{reply.get('errorType')}: {reply.get('errorMessage')}\n{trace}"


def lambda_python() -> str | None:
    """The interpreter of the Lambda's Python version, as `make deploy-check` names it."""
    return os.environ.get("LAMBDA_PYTHON")


def built_function_dir() -> Path | None:
    value = os.environ.get("BUILT_FUNCTION_DIR")
    return Path(value) if value else None
