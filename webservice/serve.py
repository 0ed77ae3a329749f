"""``make serve``: gunicorn in the foreground, stopped by Ctrl-C or by stopping its parent.

``make serve`` runs this with ``exec``, so the make process is this process's parent. On Linux
the process asks the kernel for SIGTERM when that parent dies (PR_SET_PDEATHSIG): killing the
PID of ``make`` stops the server (gunicorn's workers follow their master) instead of leaving it
listening. Settings are checked by the gunicorn configuration before anything listens.
`busy_port` lets mk/web.mk refuse a port in use with one line, before gunicorn retries it.
"""

import ctypes
import errno
import signal
import socket
import sys

from gunicorn.app.wsgiapp import run

from webservice.settings import ServerSettings, SettingsError

CONFIG = "python:webservice.gunicorn_config"
APP = "webservice.wsgi:app"
_PR_SET_PDEATHSIG = 1


def stop_with_parent() -> None:
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def busy_port() -> int | None:
    """The port the server would listen on, when something already holds it (tried as gunicorn
    binds: SO_REUSEADDR, so a closed connection's TIME_WAIT does not count), else None. A PORT
    that cannot be read is not this check's to report: the gunicorn configuration says why."""
    try:
        port = ServerSettings.from_environ().port
    except SettingsError:
        return None
    try:
        socket.create_server(("127.0.0.1", port)).close()
    except OSError as error:
        return port if error.errno == errno.EADDRINUSE else None
    return None


def main() -> None:
    stop_with_parent()
    sys.argv = ["gunicorn", "--config", CONFIG, APP]
    run(prog="make serve")


if __name__ == "__main__":
    main()
