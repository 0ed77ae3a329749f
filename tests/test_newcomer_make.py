"""A newcomer's first make (issue 28): each rough edge is run, not read. make runs in a temporary
copy of the make files with stand-in interpreters (a shell script that logs its calls, answers
the version probe and makes a "venv" by copying itself), so nothing is installed; every run is
bounded. A wrong Python, a missing Python 3.12 and a busy port each end in one line."""

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What make reads before any recipe runs: the make files, the requirements and the template.
MAKE_FILES = (
    "Makefile",
    "mk",
    "requirements-dev.txt",
    "lambda/requirements.txt",
    "deploy/requirements.txt",
    "template.yaml",
)
MAKE_SECONDS = 60
# What a developer's shell may carry that would change the make under test (`make test` itself
# exports MAKEFLAGS, with any VAR=value it was given, to the tests it runs).
_MAKE_STATE = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "PYTHON", "VENV", "LAMBDA_PYTHON", "PYENV_VERSION")
# Tools the make files and mk/find-python.sh use, for a PATH that holds no Python of its own.
_TOOLS = ("sh", "make", "cat", "cksum", "sed", "awk", "mkdir", "cp", "touch", "rm", "expr")

FAKE_PYTHON = """#!/bin/sh
# A stand-in Python {version}: logs each call, answers the version probe, makes a venv of itself.
echo "$0 $*" >> "{log}"
case "$1 $2" in
"-c import sys"*) echo "{version}" ;;
"-m venv") mkdir -p "$4/bin" && cp "$0" "$4/bin/python" ;;
esac
"""
PYENV_SHIM = """#!/bin/sh
echo "pyenv: $(basename "$0"): command not found" >&2
exit 127
"""


def executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def fake_python(path: Path, version: str, log: Path) -> Path:
    return executable(path, FAKE_PYTHON.format(version=version, log=log))


def make_copy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for name in MAKE_FILES:
        source, target = ROOT / name, repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    return repo


def environment(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _MAKE_STATE}
    return {**env, **settings}


def run_make(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = ["make", "--no-print-directory", *args]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=MAKE_SECONDS)


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    """make failed and said why in exactly one line, on stderr."""
    assert done.returncode != 0, done.stdout
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


@pytest.mark.parametrize("version", ["3.10", "3.9", "3.14"])
def test_a_python_outside_3_11_to_3_13_gets_one_line_and_leaves_no_venv(tmp_path: Path, version: str) -> None:
    repo, log = make_copy(tmp_path), tmp_path / "calls.log"
    python = fake_python(tmp_path / "bin" / f"python{version}", version, log)

    line = one_line(run_make(repo, "run", env=environment(PYTHON=str(python))))

    assert f"needs Python 3.11, 3.12 or 3.13; found {version}" in line
    assert "PYTHON=" in line
    assert not (repo / ".venv").exists()
    assert not any("venv" in call for call in calls(log))


def test_the_issues_own_proof_python3_10_by_name(tmp_path: Path) -> None:
    # `PYTHON=python3.10 make run`, with this machine's python3.10 (a pyenv shim is looked past).
    found = subprocess.run(["sh", str(ROOT / "mk" / "find-python.sh"), "python3.10"], capture_output=True, text=True)
    if found.returncode != 0:
        pytest.skip("no python3.10 here; the stand-in interpreters above cover the check")
    repo = make_copy(tmp_path)
    line = one_line(run_make(repo, "run", env=environment(PYTHON="python3.10")))
    assert "needs Python 3.11, 3.12 or 3.13; found 3.10" in line
    assert not (repo / ".venv").exists()


def test_a_python_that_does_not_run_gets_one_line(tmp_path: Path) -> None:
    repo = make_copy(tmp_path)
    line = one_line(run_make(repo, "test", env=environment(PYTHON="no-such-python3")))
    assert "needs Python 3.11, 3.12 or 3.13; no-such-python3 does not run" in line
    assert not (repo / ".venv").exists()


def test_the_venv_is_made_once_and_again_only_when_the_requirements_content_changes(tmp_path: Path) -> None:
    repo, log = make_copy(tmp_path), tmp_path / "calls.log"
    env = environment(PYTHON=str(fake_python(tmp_path / "bin" / "python3.12", "3.12", log)))

    def builds() -> list[str]:
        before = len(calls(log))
        assert run_make(repo, "run", env=env).returncode == 0
        return [call for call in calls(log)[before:] if " -m venv " in call or " -m pip " in call]

    first = builds()
    assert [call.split(" ", 1)[1] for call in first] == [
        "-m venv --clear .venv",
        "-m pip install -q --disable-pip-version-check -r requirements-dev.txt",
    ]
    assert builds() == []
    later = (repo / "lambda" / "requirements.txt").stat().st_mtime + 100
    os.utime(repo / "lambda" / "requirements.txt", (later, later))  # a checkout: newer, same content
    assert builds() == []
    with (repo / "lambda" / "requirements.txt").open("a") as requirements:
        requirements.write("# a changed requirement\n")
    assert len(builds()) == 2


@pytest.mark.parametrize("breakage", ["fails", "is gone"])
def test_a_venv_whose_python_no_longer_runs_is_rebuilt(tmp_path: Path, breakage: str) -> None:
    repo, log = make_copy(tmp_path), tmp_path / "calls.log"
    env = environment(PYTHON=str(fake_python(tmp_path / "bin" / "python3.11", "3.11", log)))
    assert run_make(repo, "run", env=env).returncode == 0
    venv_python = repo / ".venv" / "bin" / "python"
    if breakage == "fails":
        executable(venv_python, "#!/bin/sh\nexit 1\n")
    else:
        venv_python.unlink()

    assert run_make(repo, "run", env=env).returncode == 0

    assert sum(" -m venv --clear .venv" in call for call in calls(log)) == 2
    assert venv_python.read_text() == (tmp_path / "bin" / "python3.11").read_text()


def test_bare_make_and_make_help_list_every_target_in_one_screen(tmp_path: Path) -> None:
    repo = make_copy(tmp_path)
    bare, helped = run_make(repo, env=environment()), run_make(repo, "help", env=environment())
    assert bare.returncode == helped.returncode == 0, bare.stderr + helped.stderr
    assert bare.stdout == helped.stdout and bare.stderr == helped.stderr == ""
    lines = helped.stdout.splitlines()
    assert len(lines) <= 24 and max(map(len, lines)) <= 100, helped.stdout
    listed = {line.split()[1] for line in lines if line.startswith("  make ")}
    phony = {
        target
        for path in [repo / "Makefile", *sorted((repo / "mk").glob("*.mk"))]
        for line in path.read_text().splitlines()
        if line.startswith(".PHONY:")
        for target in line.split(":", 1)[1].split()
        if not target.startswith("$(")  # a marker made phony when its venv is broken
    }
    internal = {"dynalite", "screens-deps", "deploy-python", "deploy-lint"}  # steps of listed targets
    assert {"run", "test", "lint", "model", "serve", "deploy-check", "bench"} <= listed
    assert listed == phony - internal


def pyenv_without_shell_versions(tmp_path: Path, versions: dict[str, str]) -> dict[str, str]:
    """An environment whose PATH holds only a pyenv shim for python3.12 (which cannot run) and the
    tools make needs, and whose pyenv root has the given {version directory: Python version}."""
    log, root, tools = tmp_path / "calls.log", tmp_path / "pyenv", tmp_path / "tools"
    executable(root / "shims" / "python3.12", PYENV_SHIM)
    for directory, version in versions.items():
        fake_python(root / "versions" / directory / "bin" / "python3.12", version, log)
    tools.mkdir()
    for tool in _TOOLS:
        (tools / tool).symlink_to(shutil.which(tool) or pytest.fail(f"{tool} is not installed"))
    return environment(PATH=f"{root / 'shims'}:{tools}", PYENV_ROOT=str(root))


def test_python3_12_is_found_past_a_pyenv_shim_that_cannot_run(tmp_path: Path) -> None:
    repo = make_copy(tmp_path)
    env = pyenv_without_shell_versions(tmp_path, {"3.12.7": "3.12"})
    found = subprocess.run(["sh", "mk/find-python.sh", "python3.12", "3.12"], cwd=repo, env=env, capture_output=True)
    assert found.stdout.decode().strip() == str(tmp_path / "pyenv" / "versions" / "3.12.7" / "bin" / "python3.12")
    done = run_make(repo, "deploy-python", env=env)
    assert done.returncode == 0 and done.stderr == "", done.stderr


@pytest.mark.parametrize("target", ["deploy-check", "bench"])
def test_without_python3_12_bench_and_deploy_check_say_how_to_point_at_one(tmp_path: Path, target: str) -> None:
    repo = make_copy(tmp_path)
    env = pyenv_without_shell_versions(tmp_path, {"3.11.9": "3.11"})  # a python3.12 name, but 3.11
    stamp = tmp_path / "venv-installed"  # the venv is ready: only the Lambda's Python is missing
    stamp.touch()
    ready = [f"STAMP={stamp}", f"PY={fake_python(tmp_path / 'venv' / 'python', '3.12', tmp_path / 'calls.log')}"]
    line = one_line(run_make(repo, target, *ready, env=env))
    assert "needs Python 3.12 (the Lambda runtime's version)" in line
    assert "LAMBDA_PYTHON=/path/to/python3.12" in line
    assert not (repo / ".venv-deploy").exists()

    wrong = one_line(run_make(repo, target, *ready, f"LAMBDA_PYTHON={sys.executable}", env=env))
    if not sys.version.startswith("3.12."):
        assert f"LAMBDA_PYTHON={sys.executable} is not a Python 3.12 that runs" in wrong


@pytest.mark.parametrize("target", ["serve", "serve-dev"])
def test_a_busy_port_gives_one_line_naming_PORT(tmp_path: Path, target: str) -> None:
    stamp = tmp_path / "venv-installed"
    stamp.touch()
    with socket.create_server(("127.0.0.1", 0)) as holder:
        port = holder.getsockname()[1]
        env = environment(HOME=str(tmp_path), MUSCLE_TWITCH_PERSISTENCE="off", SKILL_ID="amzn1.ask.skill.test")
        done = run_make(ROOT, target, f"PORT={port}", f"PY={sys.executable}", f"STAMP={stamp}", env=env)
    line = one_line(done)
    assert f"port {port} on 127.0.0.1 is in use" in line
    assert f"make {target} PORT={port + 1}" in line


def test_busy_port_reads_the_port_as_the_server_would(monkeypatch: pytest.MonkeyPatch) -> None:
    from webservice.serve import busy_port

    with socket.create_server(("127.0.0.1", 0)) as holder:
        port = holder.getsockname()[1]
        monkeypatch.setenv("PORT", str(port))
        assert busy_port() == port
    assert busy_port() is None  # closed now: free again
    monkeypatch.setenv("PORT", "not-a-port")
    assert busy_port() is None  # the gunicorn configuration reports that one
