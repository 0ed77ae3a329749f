"""Child process for the cold-start benchmark: what a Lambda cold start does, and nothing more.

Run as `python -S -I cold_start.py <package_dir> <runtime_dir> <event.json>`: no site-packages,
so only the deployment package (and the runtime-provided boto3 directory) can be imported.
Prints one JSON line: in-process milliseconds for the import and for the first response, and
the response itself so the parent can check the skill really answered.
"""

import sys
import time

started = time.perf_counter()
package_dir, runtime_dir, event_path = sys.argv[1:4]
sys.path[:0] = [package_dir, runtime_dir]

import json  # noqa: E402  (timed from interpreter start, like the Lambda bootstrap)

with open(event_path, encoding="utf-8") as event_file:
    event = json.load(event_file)

before_import = time.perf_counter()
import lambda_function  # noqa: E402

imported = time.perf_counter()
response = lambda_function.lambda_handler(event, None)
answered = time.perf_counter()

print(
    json.dumps(
        {
            "import_ms": (imported - before_import) * 1000,
            "first_response_ms": (answered - imported) * 1000,
            "probe_ms": (answered - started) * 1000,
            "response": response,
        }
    )
)
