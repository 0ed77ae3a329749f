"""gunicorn settings for ``make serve`` (and ``make bench-web``, so both measure the same server).

Loopback only: Alexa reaches the service through a TLS tunnel or reverse proxy (docs/web.md).
A setting that cannot be read stops gunicorn here, before it listens, with one line.
"""

from webservice.settings import ServerSettings, SettingsError, WebSettings

try:
    _server = ServerSettings.from_environ()
    WebSettings.from_environ()  # read again by the app; checked here so its error is one line too
except SettingsError as error:
    raise SystemExit(f"error: {error}") from None

bind = f"127.0.0.1:{_server.port}"
workers = _server.workers
# Threads with bounded reads: a few clients that send half a request and stall cannot hold
# every worker (webservice/gunicorn_worker.py). The skill is CPU-bound, so threads add no speed.
worker_class = "webservice.gunicorn_worker.BoundedReadWorker"
threads = _server.threads
# Build the app once in the master: bad settings stop the server at once, the warning for
# verification turned off is printed once, and workers fork with the skill already built.
preload_app = True
pythonpath = "lambda"
# gunicorn 25+ opens a control socket at $XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/: one
# path shared by every server on the machine, so two servers clobber each other's. Nothing
# here uses it (stop the server with Ctrl-C, or the PID `make serve` runs as).
control_socket_disable = True
