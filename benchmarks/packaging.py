"""Build a Lambda deployment package the same way for any skill, and zip it.

Package = the function's source directory + `pip install -r requirements.txt -t`, minus the
distributions the Lambda Python runtime already provides (boto3 and its dependencies). Those
are moved to a separate "runtime" directory: never zipped, but importable during the cold-start
probe, as they are on Lambda.

With `bytecode=True` every module ships compiled (pip's default for dependencies, compileall for
the function's own source), the package a tuned deployment ships; with False it ships source
only and each cold start compiles what it imports, because /var/task is read-only on Lambda.
"""

import hashlib
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

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
    if bytecode:  # compiled by the interpreter that will import it: bytecode is per version
        subprocess.run([python, "-m", "compileall", "-q", str(directory)], check=True, capture_output=True)
    else:
        for cache_dir in list(directory.rglob("__pycache__")):
            shutil.rmtree(cache_dir)
    zip_path = work / name / f"{name}.zip"
    _zip_directory(directory, zip_path)
    return Package(name, directory, runtime, zip_path, python)


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


def _zip_directory(directory: Path, zip_path: Path) -> None:
    """Deflate every file, as `sam build` / `zip -r` would; sorted so sizes are reproducible."""
    zip_path.unlink(missing_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(directory).as_posix())
