"""Run a built Lambda folder the way the Lambda runtime does, with nothing else importable.

Usage: python3.12 -I -S deploy/lambda_runtime_emulator.py BUILD_DIR [module.function]

Start it with -I -S (isolated, no site-packages): then sys.path is the standard library plus
BUILD_DIR, as on Lambda (whose runtime adds boto3, which the skill must not need to answer).
A dependency missing from the build fails here exactly as it would after deploying.

Protocol (one JSON object per line): the emulator first writes {"ready": true, ...} after
importing the handler (Lambda's init phase) or {"ready": false, "errorType": ...} and exits 1.
Then, for each line read, {"event": {...}} gets {"ok": true, "response": {...}} or
{"ok": false, "errorType", "errorMessage", "traceback"}; {"command": "foreign_modules"} gets
{"ok": true, "foreign_modules": [...]}, the files of loaded modules from outside BUILD_DIR
and the standard library; {"command": "bytecode"} gets {"ok": true, "compiled_from_source":
[...], "not_from_bytecode": [...]}: the source files in BUILD_DIR that Python compiled since the
emulator started (seen by an audit hook: the import system compiles with `compile`), and the
modules loaded from BUILD_DIR without bytecode next to them. Both are empty when the package
ships bytecode that is valid where it runs. The handler's own prints and logs go to stderr.

Standard library only: it must run where nothing is installed.
"""

import importlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import sysconfig
import time
import traceback
import uuid
from typing import Any, TextIO

REMAINING_TIME_BUDGET_MS = 7000  # the template's Timeout


class LambdaContext:
    """The attributes of Lambda's context object that handlers commonly read."""

    def __init__(self, function_name: str) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}"
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "emulated"
        self._deadline = time.monotonic() + REMAINING_TIME_BUDGET_MS / 1000

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def error_fields(exc: BaseException) -> dict[str, Any]:
    return {
        "errorType": type(exc).__name__,
        "errorMessage": str(exc),
        "traceback": traceback.format_exception(exc),
    }


class CompileWatch:
    """Records every source file compiled in this process, from the moment it is installed."""

    def __init__(self) -> None:
        self.files: list[str] = []
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "compile" and len(args) == 2 and isinstance(args[1], str) and args[1].endswith(".py"):
            self.files.append(args[1])

    def inside(self, build_dir: str) -> list[str]:
        return sorted({path for path in self.files if _is_inside(path, os.path.realpath(build_dir))})


def modules_not_from_bytecode(build_dir: str) -> list[str]:
    """Modules loaded from the build folder whose loader had no shipped bytecode to read."""
    root = os.path.realpath(build_dir)
    found = []
    for name, module in list(sys.modules.items()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None)
        if not origin or not _is_inside(origin, root):
            continue
        loader = spec.loader
        if isinstance(loader, importlib.machinery.SourcelessFileLoader | importlib.machinery.ExtensionFileLoader):
            continue
        cached = getattr(spec, "cached", None)
        if isinstance(loader, importlib.machinery.SourceFileLoader) and cached and os.path.isfile(cached):
            continue
        found.append(f"{name} ({type(loader).__name__})")
    return sorted(found)


def _is_inside(path: str, root: str) -> bool:
    real = os.path.realpath(path)
    return real == root or real.startswith(root + os.sep)


def foreign_module_files(build_dir: str) -> list[str]:
    """Files of loaded modules that come from neither the build folder nor the stdlib."""
    allowed_roots = [os.path.realpath(build_dir)] + [
        os.path.realpath(sysconfig.get_path(name)) for name in ("stdlib", "platstdlib")
    ]
    foreign = set()
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if name == "__main__":
            continue  # this emulator
        if not path:
            continue  # built-in or namespace module
        if not any(_is_inside(path, root) for root in allowed_roots):
            foreign.add(os.path.realpath(path))
    return sorted(foreign)


def take_over_stdout() -> TextIO:
    """Keep fd 1 for the protocol and send everything else printed to stderr."""
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(protocol_fd, "w", encoding="utf-8", buffering=1)


def send(out: TextIO, message: dict[str, Any]) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


def serve(build_dir: str, handler_spec: str, out: TextIO) -> int:
    module_name, _, function_name = handler_spec.rpartition(".")
    compiles = CompileWatch()
    sys.path.insert(0, build_dir)
    started = time.perf_counter()
    try:
        handler = getattr(importlib.import_module(module_name), function_name)
    except Exception as exc:  # the init error Lambda would report
        send(out, {"ready": False, **error_fields(exc)})
        return 1
    send(
        out,
        {
            "ready": True,
            "python": ".".join(map(str, sys.version_info[:3])),
            "isolated": bool(sys.flags.isolated and sys.flags.no_site),
            "writes_bytecode": not sys.dont_write_bytecode,
            "bytecode_magic": importlib.util.MAGIC_NUMBER.hex(),
            "cache_tag": sys.implementation.cache_tag,
            "init_ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )
    lambda_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "skill")
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("command") == "foreign_modules":
            send(out, {"ok": True, "foreign_modules": foreign_module_files(build_dir)})
            continue
        if request.get("command") == "bytecode":
            report = {"compiled_from_source": compiles.inside(build_dir)}
            send(out, {"ok": True, **report, "not_from_bytecode": modules_not_from_bytecode(build_dir)})
            continue
        try:
            response = handler(request["event"], LambdaContext(lambda_name))
            # Lambda serialises the return value to JSON; an unserialisable one fails there.
            send(out, {"ok": True, "response": json.loads(json.dumps(response))})
        except Exception as exc:
            send(out, {"ok": False, **error_fields(exc)})
    return 0


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    build_dir = os.path.abspath(argv[1])
    handler_spec = argv[2] if len(argv) == 3 else "lambda_function.lambda_handler"
    return serve(build_dir, handler_spec, take_over_stdout())


if __name__ == "__main__":
    sys.exit(main(sys.argv))
