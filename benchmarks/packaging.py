"""Build the Lambda deployment packages the benchmark compares, and zip them as SAM does.

Ours is built by lambda/Makefile, the recipe `sam build` runs (template.yaml: BuildMethod
makefile), so the benchmark measures the package that is deployed: dependencies and our code,
each module with its bytecode.

The hello-world is built the way `sam build` builds a Python function by default: the
function's source directory + `pip install -r requirements.txt -t`, minus the distributions
the Lambda Python runtime already provides (boto3 and its dependencies). Those are moved to a
separate "runtime" directory: never zipped, but importable during the cold-start probe, as
they are on Lambda. With `bytecode=False` it ships source only, as SAM ships it, and each cold
start compiles what it imports, because /var/task is read-only on Lambda; with True every
module ships compiled as ours does (unchecked-hash, by the interpreter that runs it).
"""

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from deploy.package_size import write_zip

# Shipped in every AWS Lambda Python runtime; bundling them only adds size and import time.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath")
_SKIPPED_SOURCE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")


@dataclass(frozen=True)
class Package:
    name: str
    directory: Path
    runtime_directory: Path
    zip_path: Path
    python: str  # the interpreter it was built for, and that runs it

    @property
    def zip_bytes(self) -> int:
        return self.zip_path.stat().st_size


def build_package(name: str, source: Path, work: Path, *, bytecode: bool, python: str = sys.executable) -> Package:
    requirements = source / "requirements.txt"
    deps, runtime = _installed_dependencies(requirements, work / "deps", python)
    directory = work / name / "package"
    if directory.exists():
        shutil.rmtree(directory)
    shutil.copytree(deps, directory)
    shutil.copytree(source, directory, dirs_exist_ok=True, ignore=_SKIPPED_SOURCE)
    for cache_dir in list(directory.rglob("__pycache__")):
        shutil.rmtree(cache_dir)
    if bytecode:
        _compile(directory, python)
    return _zipped(Package(name, directory, runtime, work / name / f"{name}.zip", python))


def build_with_makefile(name: str, source: Path, work: Path, python: str) -> Package:
    """The package `sam build` makes from `source` (lambda/): its Makefile's build target."""
    directory = work / name / "package"
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    built = subprocess.run(
        ["make", "--no-print-directory", "-f", "Makefile", "build-SkillFunction"],
        cwd=source,
        env={**_environment_without_make_variables(), "ARTIFACTS_DIR": str(directory), "LAMBDA_PYTHON": python},
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode != 0:
        raise RuntimeError(f"{source / 'Makefile'} failed:\n{built.stdout}\n{built.stderr}")
    runtime = work / name / "runtime"  # nothing of ours is runtime-provided
    runtime.mkdir(exist_ok=True)
    return _zipped(Package(name, directory, runtime, work / name / f"{name}.zip", python))


def _compile(path: Path, python: str) -> None:
    """Bytecode as lambda/Makefile compiles it, by the interpreter that will import it."""
    compileall = [python, "-W", "ignore::SyntaxWarning", "-m", "compileall", "-q", "-f"]
    subprocess.run([*compileall, "--invalidation-mode", "unchecked-hash", str(path)], check=True, capture_output=True)


def _zipped(package: Package) -> Package:
    with package.zip_path.open("wb") as archive:
        write_zip(package.directory, archive)
    return package


def _environment_without_make_variables() -> dict[str, str]:
    """This process's environment minus what `make bench` exports to its recipes (MAKEFLAGS...),
    so the inner make runs as `sam build` runs it."""
    return {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


def _installed_dependencies(requirements: Path, cache: Path, python: str) -> tuple[Path, Path]:
    """pip-installs once per distinct requirements file; returns (bundled, runtime-provided)."""
    pins = sorted(
        line.split("#")[0].strip() for line in requirements.read_text().splitlines() if line.split("#")[0].strip()
    )
    version = subprocess.run(
        [python, "-c", "import sys; print(sys.version)"], capture_output=True, text=True, check=True
    )
    key = hashlib.sha256("\n".join([*pins, version.stdout]).encode()).hexdigest()[:16]
    bundled, runtime = cache / key / "bundled", cache / key / "runtime"
    if bundled.is_dir() and runtime.is_dir():
        return bundled, runtime
    shutil.rmtree(cache / key, ignore_errors=True)
    installed = subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-warn-script-location",
            "-r",
            str(requirements),
            "-t",
            str(bundled),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if installed.returncode != 0:
        raise RuntimeError(f"pip install -r {requirements} failed:\n{installed.stderr}")
    runtime.mkdir(parents=True)
    _move_runtime_provided(bundled, runtime)
    return bundled, runtime


def _move_runtime_provided(bundled: Path, runtime: Path) -> None:
    for dist_info in bundled.glob("*.dist-info"):
        project = dist_info.name.split("-")[0].lower().replace("_", "-")
        if project not in RUNTIME_PROVIDED:
            continue
        for line in (dist_info / "RECORD").read_text().splitlines():
            relative = line.split(",")[0]
            moved = bundled / relative
            if relative and moved.is_file() and not relative.startswith(".."):
                (runtime / relative).parent.mkdir(parents=True, exist_ok=True)
                moved.replace(runtime / relative)
    for empty in sorted(bundled.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if empty.is_dir() and not any(empty.iterdir()):
            empty.rmdir()
