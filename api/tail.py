"""The live tail of the change feed, as Server-Sent Events.

A tail sends every public change after its cursor, then waits on the read side's position
(woken when the projector moves, never sleeping a fixed time) for the next, saying it is
still there every few seconds while nothing changes. It ends after a bounded time, so it
never holds a worker for ever; clients reconnect with ``Last-Event-ID`` and lose nothing.
Only so many tails are held at once; the waits run in worker threads, one per tail.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from functools import partial
from time import monotonic

from anyio.to_thread import run_sync
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from api.feeds import server_sent
from projections import ReadSide, public_changes

PAGE = 100
RETRY_MILLISECONDS = 3000


class TooManyStreams(Exception):
    """As many live tails as allowed are held already."""


class ChangeStreams:
    """Counts the live tails held, and refuses one beyond ``at_once``."""

    def __init__(self, at_once: int) -> None:
        self.at_once, self.held = at_once, 0
        self._lock = threading.Lock()

    def hold(self) -> Callable[[], None]:
        """Holds a place (``TooManyStreams`` if none is free); returns what gives it back."""
        with self._lock:
            if self.held >= self.at_once:
                raise TooManyStreams
            self.held += 1
        given_back = threading.Event()

        def give_back() -> None:
            with self._lock:
                if not given_back.is_set():
                    given_back.set()
                    self.held -= 1

        return give_back


class EventStream(StreamingResponse):
    """A ``text/event-stream`` answer that gives its place back however it ends (sent in
    full, the client gone, or failed)."""

    media_type = "text/event-stream"

    def __init__(self, content: AsyncIterator[bytes], give_back: Callable[[], None]) -> None:
        super().__init__(content, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        self.give_back = give_back

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.give_back()


async def tail(
    read_side: ReadSide,
    cursor: int,
    province: str | None,
    *,
    seconds: float,
    keepalive: float,
) -> AsyncIterator[bytes]:
    """The events after ``cursor`` for ``seconds``, with a comment every ``keepalive``
    seconds of silence."""
    until = monotonic() + seconds
    yield f"retry: {RETRY_MILLISECONDS}\n: public changes after {cursor}\n\n".encode()
    said = monotonic()
    while (left := until - monotonic()) > 0:
        question = partial(public_changes.after, cursor=cursor, limit=PAGE, province=province)
        rows, cursor = await run_sync(read_side.ask, question)
        for row in rows:
            yield server_sent(row)
            said = monotonic()
        if len(rows) == PAGE:
            continue
        quiet = monotonic() - said
        await run_sync(read_side.wait_past, cursor, max(min(keepalive - quiet, left), 0))
        if monotonic() - said >= keepalive:
            yield b": keep-alive\n\n"
            said = monotonic()
    yield b": this stream ends here; reconnect with Last-Event-ID to go on\n\n"
