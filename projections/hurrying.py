"""A read in one process hurries the projector in another (PostgreSQL).

The background projector begins its batches at most once in a ``gather`` while writes
stream in (``pacing``), unless a read waits for a position (read your writes). In its own
process the read hurries it directly. Where the projector runs elsewhere (``ocop project``,
or the supervisor of ``ocop serve --workers N``), the waiting read sends a notice on
``HURRY`` (``HurryElsewhere``, at most one each ``EVERY`` seconds a process), and the
projector's ``Hurried`` listener, hearing it, hurries its next batch. A notice is a hint:
a lost one only costs the read the rest of the gather, never its answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from time import monotonic
from typing import Any

from projections.listening import Listening
from storage import channels
from storage.connections import Connections, PostgresConnections

HURRY = "ocop_hurry"
EVERY = 0.02  # seconds at least between two notices from one process


class Hurried(Listening):
    """The projector's ear: calls ``hurry`` whenever a read elsewhere asks for its next batch."""

    def __init__(
        self, connections: Connections, hurry: Callable[[], object], logger: Any = None
    ) -> None:
        super().__init__(connections, HURRY, "hurried", on_heard=hurry, logger=logger)


class HurryElsewhere:
    """Asks the projector in another process for its next batch now (a notice on ``HURRY``),
    at most once each ``every`` seconds."""

    def __init__(
        self, connections: Connections, every: float = EVERY,
        clock: Callable[[], float] = monotonic,
    ) -> None:  # fmt: skip
        self.connections, self.every, self.clock = connections, every, clock
        self._last = float("-inf")
        self._lock = threading.Lock()
        self.sent = 0  # notices sent so far

    def __call__(self) -> None:
        """Sends the notice, unless one was sent within ``every`` seconds (none on SQLite)."""
        if not isinstance(self.connections, PostgresConnections):
            return
        with self._lock:
            now = self.clock()
            if now - self._last < self.every:
                return
            self._last = now
        with suppress(Exception):  # a hint only: the read waits on as it would without it
            with self.connections.transaction() as db:
                channels.notify(db, HURRY, "")
            self.sent += 1
