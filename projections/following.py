"""Following the projection from any process: an API process learns of every position the
read models reach, wherever the projector runs.

The projector announces each advance as its batch commits (``schema.announce_advance``, a
NOTIFY on PostgreSQL). ``Following`` LISTENs for those announcements on a connection and a
thread of its own and, on each, reads the tracked position once and tells it (to
``ReadSide.projected_to``: remembered answers are forgotten, waiting reads look again). A
notice is only a hint to look (the channel is the database's, shared by every schema in
it); the tracked position read is the truth. It reads the position once on start and after
every reconnection too, so nothing said while it was away is missed. When the database
fails it reconnects with growing pauses. On SQLite there is nothing to follow.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any

import structlog

from projections.schema import PROJECTED, tracked_position
from storage import channels
from storage.connections import Connections, PostgresConnections
from storage.sql import PostgresDatabase

FIRST_PAUSE, LONGEST_PAUSE = 0.1, 5.0
LOOK_EVERY = 0.25  # seconds between looks at ``stop`` while nothing is announced


class Following:
    """A thread telling ``told`` every tracked position announced on the register's database."""

    def __init__(
        self, connections: Connections, told: Callable[[int], object], logger: Any = None
    ) -> None:
        self.connections = connections
        self.told = told
        self.log = logger if logger is not None else structlog.get_logger("following")
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._listener: PostgresDatabase | None = None
        self.listening = threading.Event()  # set while it listens, once it told the position
        self.reconnections = 0  # how often it lost the database and listened again

    @property
    def running(self) -> bool:
        """Whether the thread runs."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Starts following on PostgreSQL (nothing to follow on SQLite)."""
        if self.running or not isinstance(self.connections, PostgresConnections):
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="ocop-following", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stops the thread (within about ``LOOK_EVERY``) and closes its connection."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        pause = FIRST_PAUSE
        while not self._stopping.is_set():
            try:
                self._follow()
            except Exception as error:
                if self.listening.is_set():
                    pause = FIRST_PAUSE  # it had listened again since the last failure
                self.reconnections += 1
                with suppress(Exception):
                    self.log.warning("following.lost", error=str(error), retry_in=pause)
                self._hang_up()
                self._stopping.wait(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
        self._hang_up()

    def _follow(self) -> None:
        """Listens, tells the position once, then again after each announcement, until stopped."""
        listener = channels.listen(self.connections, PROJECTED, "following")
        assert listener is not None  # PostgreSQL only: ``start`` says so
        self._listener = listener
        self.told(self._position())  # what was announced before it listened
        self.listening.set()
        while not self._stopping.is_set():
            if channels.heard(listener, LOOK_EVERY):
                self.told(self._position())

    def _position(self) -> int:
        # Read on a borrowed connection: the listener's does nothing but listen, so that no
        # notice arriving during a read is passed over (older psycopg drops those).
        return self.connections.ask(tracked_position)

    def _hang_up(self) -> None:
        self.listening.clear()
        listener, self._listener = self._listener, None
        if listener is not None:
            with suppress(Exception):
                listener.close()
