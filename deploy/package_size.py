"""Report the size of the Lambda deployment package that `sam deploy` would upload.

Usage: python deploy/package_size.py .aws-sam/build/SkillFunction

Zips the built folder in memory the way SAM does (deflate, every file under the folder) and
prints one line with the zipped and unzipped sizes and the largest top-level entries.
Standard library only.
"""

import io
import os
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

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


def measure(build_dir: Path) -> PackageSize:
    buffer = io.BytesIO()
    unzipped = 0
    files = 0
    by_entry: dict[str, int] = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for root, _, names in os.walk(build_dir, followlinks=True):
            for name in sorted(names):
                path = Path(root) / name
                relative = path.relative_to(build_dir)
                data = path.read_bytes()
                archive.writestr(str(relative), data)
                unzipped += len(data)
                files += 1
                top = relative.parts[0]
                by_entry[top] = by_entry.get(top, 0) + len(data)
    return PackageSize(len(buffer.getvalue()), unzipped, files, by_entry)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    print(measure(Path(argv[1])).describe())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
