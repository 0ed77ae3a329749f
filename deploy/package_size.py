"""Report the size of the Lambda deployment package that `sam deploy` would upload.

Usage: python deploy/package_size.py .aws-sam/build/SkillFunction

Zips the built folder in memory the way SAM does (deflate, every file under the folder, each
dated 1980-01-01 as SAM's zip leaves them) and prints one line with the zipped and unzipped
sizes and the largest top-level entries. Standard library only.
"""

import io
import os
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MEBIBYTE = 1024 * 1024


@dataclass(frozen=True)
class PackageSize:
    zipped_bytes: int
    unzipped_bytes: int
    file_count: int
    bytes_by_top_level_entry: dict[str, int]

    def describe(self) -> str:
        largest = sorted(self.bytes_by_top_level_entry.items(), key=lambda item: -item[1])[:4]
        listed = ", ".join(f"{name} {size / MEBIBYTE:.1f}" for name, size in largest)
        return (
            f"deployment package: {self.zipped_bytes / MEBIBYTE:.2f} MiB zipped, "
            f"{self.unzipped_bytes / MEBIBYTE:.1f} MiB unzipped, {self.file_count} files "
            f"(largest, MiB unzipped: {listed})"
        )


def write_zip(build_dir: Path, target: BinaryIO) -> PackageSize:
    """Writes the package `sam deploy` would upload to `target`; returns its sizes."""
    unzipped = 0
    files = 0
    by_entry: dict[str, int] = {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for root, _, names in os.walk(build_dir, followlinks=True):
            for name in sorted(names):
                path = Path(root) / name
                relative = path.relative_to(build_dir)
                data = path.read_bytes()
                # A bare ZipInfo, as SAM makes them: no file times (1980-01-01), deflated.
                archive.writestr(zipfile.ZipInfo(relative.as_posix()), data, zipfile.ZIP_DEFLATED)
                unzipped += len(data)
                files += 1
                top = relative.parts[0]
                by_entry[top] = by_entry.get(top, 0) + len(data)
    return PackageSize(target.tell(), unzipped, files, by_entry)


def measure(build_dir: Path) -> PackageSize:
    return write_zip(build_dir, io.BytesIO())


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    print(measure(Path(argv[1])).describe())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
