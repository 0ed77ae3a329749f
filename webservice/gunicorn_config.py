"""gunicorn settings for ``make serve`` (and ``make bench-web``, so both measure the same server).

Loopback only: Alexa reaches the service through a TLS tunnel or reverse proxy (README).
"""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
# The skill is CPU-bound with no waiting on I/O: one sync worker per core is enough.
workers = int(os.environ.get("WEB_WORKERS", "2"))
# Build the app once in the master: bad settings stop the server at once, the warning for
# verification turned off is printed once, and workers fork with the skill already built.
preload_app = True
pythonpath = "lambda"
