"""gunicorn's threaded worker, with every read from a client bounded in time.

The gthread worker gives a connection back to its poller when no first byte arrives within
5 s, but once bytes arrive it reads the headers and the body with blocking calls that never
time out: a client that sends half a request and stalls holds a thread for good, and enough of
them starve the server. This worker gives each read a timeout (``WEB_READ_TIMEOUT_SECONDS``): a
client silent that long mid-request is dropped (while reading headers, quietly; while the app
reads the body, with a 408 from the endpoint) and its connection closed at once, without the
graceful close's linger. A client that keeps trickling a byte at a time is not caught by a
per-read timeout: that is for the reverse proxy (docs/web.md).

It also stops whenever it is told to. Until its own signal handlers are set, a freshly forked
worker still has the master's, which only queue the signal in the master's queue (this process's
copy of it): gunicorn's worker loses a stop that lands while it boots. And gthread's quit handler
shuts its thread pool down from inside the signal handler, which takes the pool's lock: a Ctrl-C
that lands while the main thread holds that lock (handing an accepted connection to the pool)
waits on itself for good. Either way the port stayed open until the master's SIGKILL at the end
of its 30 s graceful timeout.
"""

import queue
import signal
from typing import Any

from gunicorn.http.errors import NoMoreData
from gunicorn.workers.base import Worker
from gunicorn.workers.gthread import TConn, ThreadWorker

from webservice.settings import ServerSettings


class ClientTooSlow(NoMoreData, TimeoutError):
    """A read timed out. NoMoreData: gunicorn then closes the connection without a traceback;
    TimeoutError: its own body drain and the endpoint recognise a timeout."""


class BoundedReadWorker(ThreadWorker):
    def init_process(self) -> None:
        self.read_timeout_seconds = ServerSettings.from_environ().read_timeout_seconds
        super().init_process()

    def init_signals(self) -> None:
        inherited = signal.getsignal(signal.SIGTERM)
        super().init_signals()
        # From here on a stop reaches this worker's handlers; before, it went to the queue.
        if stop_was_queued(inherited):
            self.alive = False

    def handle_quit(self, sig: int, frame: Any) -> None:
        # The base worker's quit, without gthread's pool shutdown (see the module's docstring):
        # leaving the interpreter ends the pool's threads all the same.
        Worker.handle_quit(self, sig, frame)

    def handle(self, conn: TConn) -> Any:
        if not getattr(conn, "reads_bounded", False):
            _bound_reads(conn, self.read_timeout_seconds)
        return super().handle(conn)

    def handle_request(self, req: Any, conn: TConn) -> bool:
        keepalive = super().handle_request(req, conn)
        # After a timeout the rest of the body is still on its way: never reuse the connection.
        return keepalive and not getattr(conn, "timed_out", False)


def _bound_reads(conn: TConn, seconds: float) -> None:
    """Every time gunicorn (re)initialises the connection for a request, which it does right
    after making the socket blocking again, give the socket its read timeout."""
    initialise = conn.init

    def init_with_read_timeout() -> None:
        initialise()
        conn.sock.settimeout(seconds)
        unreader = getattr(conn.parser, "unreader", None)
        if unreader is not None and not getattr(unreader, "timeouts_reported", False):
            unreader.chunk = _reporting_timeouts(conn, unreader.chunk)
            unreader.timeouts_reported = True

    close = conn.close

    def close_without_lingering_after_a_timeout(graceful: bool = False) -> None:
        # A graceful close waits up to 2 s for the client to finish, on the worker's main
        # thread (the one that accepts connections); a client that went silent will not.
        close(graceful=graceful and not getattr(conn, "timed_out", False))

    conn.init = init_with_read_timeout
    conn.close = close_without_lingering_after_a_timeout
    conn.reads_bounded = True


def _reporting_timeouts(conn: TConn, read_chunk: Any) -> Any:
    def chunk(*args: Any, **kwargs: Any) -> bytes:
        try:
            return read_chunk(*args, **kwargs)
        except TimeoutError:
            conn.timed_out = True
            raise ClientTooSlow() from None

    return chunk


STOPS = frozenset({signal.SIGTERM, signal.SIGINT, signal.SIGQUIT})


def stop_was_queued(inherited_handler: object) -> bool:
    """Whether the master's handler, inherited through fork, queued a stop in this process.
    The queue is this process's own copy, so emptying it takes nothing from the master."""
    pending = getattr(getattr(inherited_handler, "__self__", None), "SIG_QUEUE", None)
    if not isinstance(pending, queue.SimpleQueue):
        return False
    queued = []
    while True:
        try:
            queued.append(pending.get_nowait())
        except queue.Empty:
            return any(sig in STOPS for sig in queued)
