"""Child process for the cold-start benchmark: what a Lambda cold start does, and nothing more.

Run as `python -S -I cold_start.py <package_dir> <runtime_dir> <event.json>`: no site-packages,
so only the deployment package (and the runtime-provided boto3 directory) can be imported.
Prints one JSON line: in-process milliseconds for the import and for the first response, this
process's peak resident memory, and the response itself so the parent can check the skill
really answered.
"""

import sys
import time

started = time.perf_counter()
package_dir, runtime_dir, event_path = sys.argv[1:4]
sys.path[:0] = [package_dir, runtime_dir]

# What Lambda's Python bootstrap (awslambdaric's bootstrap.py) imports before it imports the
# handler, so a skill finds them loaded there too; timed from interpreter start, as on Lambda.
import importlib  # noqa: E402, F401
import json  # noqa: E402
import logging  # noqa: E402, F401
import os  # noqa: E402, F401
import traceback  # noqa: E402, F401

with open(event_path, encoding="utf-8") as event_file:
    event = json.load(event_file)

before_import = time.perf_counter()
import lambda_function  # noqa: E402

imported = time.perf_counter()
response = lambda_function.lambda_handler(event, None)
answered = time.perf_counter()


def peak_rss_kib() -> int:
    """The high-water mark of this program's memory. Not getrusage's ru_maxrss: Linux carries that
    over an exec, so a child reports at least the size of the process that forked it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


print(
    json.dumps(
        {
            "import_ms": (imported - before_import) * 1000,
            "first_response_ms": (answered - imported) * 1000,
            "probe_ms": (answered - started) * 1000,
            "peak_rss_kib": peak_rss_kib(),
            "response": response,
        }
    )
)
