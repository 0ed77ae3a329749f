"""``make serve``: gunicorn in the foreground, stopped by Ctrl-C or by stopping its parent.

``make serve`` runs this with ``exec``, so the make process is this process's parent. On Linux
the process asks the kernel for SIGTERM when that parent dies (PR_SET_PDEATHSIG): killing the
PID of ``make`` stops the server (gunicorn's workers follow their master) instead of leaving it
listening. Settings are checked by the gunicorn configuration before anything listens.
"""

import ctypes
import signal
import sys

from gunicorn.app.wsgiapp import run

CONFIG = "python:webservice.gunicorn_config"
APP = "webservice.wsgi:app"
_PR_SET_PDEATHSIG = 1


def stop_with_parent() -> None:
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def main() -> None:
    stop_with_parent()
    sys.argv = ["gunicorn", "--config", CONFIG, APP]
    run(prog="make serve")


if __name__ == "__main__":
    main()
