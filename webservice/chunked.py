"""Chunked request bodies read strictly: refused at once where gunicorn's reader would wait.

gunicorn's ``ChunkedReader`` looks for each chunk-size line's CRLF until the read timeout, so a
body framed with bare LFs held a thread for ``WEB_READ_TIMEOUT_SECONDS`` and then got a 408; and
it waits for every byte a chunk declares, so a client that declared a chunk far over the body
limit and sent a few bytes did the same. This reader refuses both as soon as it sees them: a
bare LF before a size line's CRLF is malformed framing (400 from the endpoint), and chunks that
together declare more than the body limit are ``ChunkTooLarge`` (413). Everything else is
gunicorn's own parsing, whose errors the endpoint answers with 400 (``FRAMING_ERRORS``).
"""

from typing import Any

from gunicorn.http.body import Body, ChunkedReader
from gunicorn.http.errors import InvalidChunkSize, NoMoreData, ParseException
from gunicorn.http.message import Request

# What reading a body can raise because of how the client framed it (NoMoreData: it stopped
# sending before the end; the worker's read timeout is a NoMoreData too, told apart by the endpoint).
FRAMING_ERRORS: tuple[type[Exception], ...] = (ParseException, NoMoreData)


class ChunkTooLarge(ParseException):
    """The chunks declared so far add up to more than the body limit."""

    def __str__(self) -> str:
        return "chunks declare more than the body limit"


class StrictChunkedReader(ChunkedReader):
    def __init__(self, req: Any, unreader: Any, max_body_bytes: int) -> None:
        super().__init__(req, unreader)
        self.max_body_bytes = max_body_bytes
        self.declared = 0

    def parse_chunk_size(self, unreader: Any, data: bytes | None = None) -> tuple[int, Any]:
        size, rest = super().parse_chunk_size(unreader, data)
        self.declared += size
        if self.declared > self.max_body_bytes:
            raise ChunkTooLarge()
        return size, rest

    def read_into(self, unreader: Any, buf: bytearray) -> None:
        # Called only while a size line (or trailer) has no CRLF yet: a LF there is never valid.
        _refuse_bare_lf(buf)
        super().read_into(unreader, buf)
        _refuse_bare_lf(buf)


def _refuse_bare_lf(buf: bytearray) -> None:
    end = buf.find(b"\r\n")
    if b"\n" in (buf if end < 0 else buf[:end]):
        raise InvalidChunkSize(b"bare LF in a chunk-size line")


def strict_request_class(max_body_bytes: int) -> type[Request]:
    """gunicorn's Request, reading chunked bodies with ``StrictChunkedReader``."""

    class StrictRequest(Request):
        def set_body_reader(self) -> None:
            super().set_body_reader()
            if isinstance(self.body.reader, ChunkedReader):  # nothing has been read yet
                self.body = Body(StrictChunkedReader(self, self.unreader, max_body_bytes))

    return StrictRequest
