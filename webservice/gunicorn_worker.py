"""gunicorn's threaded worker, with no thread held by a silent client and every read bounded.

gthread hands each new connection to a pool thread, which then waits up to 5 s for its first
byte: sixteen idle sockets held every thread of the default server for 5 s, and 300 held them
for good. Here a new connection waits for its first byte on the worker's poller, like a
kept-alive one, and reaches a thread only once it has sent something; a connection silent for
``WEB_READ_TIMEOUT_SECONDS`` is closed there. The number of open connections is capped below
the process's file limit, so a flood of sockets pauses accepting instead of crashing the worker.

Once bytes arrive, gthread reads the headers and the body with blocking calls that never time
out. This worker gives each read a timeout: a client silent that long mid-request is dropped
(while reading headers, quietly; while the app reads the body, with a 408 from the endpoint) and
its connection closed at once, without the graceful close's linger. A client that keeps
trickling a byte at a time is not caught by a per-read timeout: that is for the reverse proxy
(docs/web.md). Chunked bodies are read by ``chunked.StrictChunkedReader``, which refuses at once
what gunicorn's reader would wait on (LF-only framing, a chunk larger than the body limit).

It also stops whenever it is told to. Until its own signal handlers are set, a freshly forked
worker still has the master's, which only queue the signal in the master's queue (this process's
copy of it): gunicorn's worker loses a stop that lands while it boots. And gthread's quit handler
shuts its thread pool down from inside the signal handler, which takes the pool's lock: a Ctrl-C
that lands while the main thread holds that lock (handing an accepted connection to the pool)
waits on itself for good. Either way the port stayed open until the master's SIGKILL at the end
of its 30 s graceful timeout.
"""

import errno
import queue
import resource
import selectors
import signal
import time
from functools import partial
from typing import Any

from gunicorn.http.errors import NoMoreData
from gunicorn.workers.base import Worker
from gunicorn.workers.gthread import TConn, ThreadWorker

from webservice.chunked import strict_request_class
from webservice.settings import ServerSettings, max_body_bytes_from_environ

# File descriptors kept free for everything but client connections (listeners, logs, the store).
FD_RESERVE = 64


class ClientTooSlow(NoMoreData, TimeoutError):
    """A read timed out. NoMoreData: gunicorn then closes the connection without a traceback;
    TimeoutError: its own body drain and the endpoint recognise a timeout."""


class BoundedReadWorker(ThreadWorker):
    def init_process(self) -> None:
        self.read_timeout_seconds = ServerSettings.from_environ().read_timeout_seconds
        self.request_class = strict_request_class(max_body_bytes_from_environ())
        soft_limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        if soft_limit != resource.RLIM_INFINITY:
            self.worker_connections = max(1, min(self.worker_connections, soft_limit - FD_RESERVE))
        super().init_process()

    def accept(self, listener: Any) -> None:
        """A new connection waits for its first byte on the poller, holding no thread."""
        try:
            client_sock, client_addr = listener.accept()
        except OSError as error:
            # EMFILE/ENFILE: out of descriptors; accepting resumes as connections close.
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK, errno.EMFILE, errno.ENFILE):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, client_sock, client_addr, listener.getsockname())  # non-blocking
        # Every pending connection gets the same wait, so the queue stays in deadline order.
        conn.timeout = time.monotonic() + self.read_timeout_seconds
        self.pending_conns.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn))

    def murder_pending(self) -> None:
        if not self.alive:  # stopping: a connection that sent nothing has nothing to finish
            for conn in self.pending_conns:
                conn.timeout = 0.0
        super().murder_pending()

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
            _bound_reads(conn, self.read_timeout_seconds, self.request_class)
        return super().handle(conn)

    def handle_request(self, req: Any, conn: TConn) -> bool:
        keepalive = super().handle_request(req, conn)
        # After a timeout the rest of the body is still on its way: never reuse the connection.
        return keepalive and not getattr(conn, "timed_out", False)


def _bound_reads(conn: TConn, seconds: float, request_class: type | None = None) -> None:
    """Every time gunicorn (re)initialises the connection for a request, which it does right
    after making the socket blocking again, give the socket its read timeout, and the parser
    the request class whose chunked bodies are read strictly."""
    initialise = conn.init

    def init_with_read_timeout() -> None:
        initialise()
        conn.sock.settimeout(seconds)
        if request_class is not None and getattr(conn.parser, "mesg_class", None) is not None:
            conn.parser.mesg_class = request_class
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
