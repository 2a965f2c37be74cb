"""A thread listening on one of the database's channels (``storage.channels``): on a
connection of its own, it tells ``on_listening`` each time it (re)starts listening and
``on_heard`` after each notice, and when the database fails it listens again after growing
pauses. On SQLite there is nothing to listen to: it does not start.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any

import structlog

from storage import channels
from storage.connections import Connections, PostgresConnections
from storage.sql import PostgresDatabase

FIRST_PAUSE, LONGEST_PAUSE = 0.1, 5.0
LOOK_EVERY = 0.25  # seconds between looks at ``stop`` while nothing is heard


class Listening:
    """Listens on ``channel`` (PostgreSQL) on a thread of its own, named for ``purpose``."""

    def __init__(
        self, connections: Connections, channel: str, purpose: str, *,
        on_heard: Callable[[], object], on_listening: Callable[[], object] = lambda: None,
        logger: Any = None,
    ) -> None:  # fmt: skip
        self.connections, self.channel, self.purpose = connections, channel, purpose
        self.on_heard, self.on_listening = on_heard, on_listening
        self.log = logger if logger is not None else structlog.get_logger(purpose)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._listener: PostgresDatabase | None = None
        self.listening = threading.Event()  # set while it listens, once told ``on_listening``
        self.reconnections = 0  # how often it lost the database and listened again

    @property
    def running(self) -> bool:
        """Whether the thread runs."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Starts listening on PostgreSQL (nothing to listen to on SQLite)."""
        if self.running or not isinstance(self.connections, PostgresConnections):
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name=f"ocop-{self.purpose}", daemon=True)
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
                self._listen()
            except Exception as error:
                if self.listening.is_set():
                    pause = FIRST_PAUSE  # it had listened again since the last failure
                self.reconnections += 1
                with suppress(Exception):
                    self.log.warning(f"{self.purpose}.lost", error=str(error), retry_in=pause)
                self._hang_up()
                self._stopping.wait(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
        self._hang_up()

    def _listen(self) -> None:
        """Listens, tells ``on_listening``, then ``on_heard`` after each notice, until stopped."""
        listener = channels.listen(self.connections, self.channel, self.purpose)
        assert listener is not None  # PostgreSQL only: ``start`` says so
        self._listener = listener
        self.on_listening()  # whatever was said before it listened
        self.listening.set()
        while not self._stopping.is_set():
            if channels.heard(listener, LOOK_EVERY):
                self.on_heard()

    def _hang_up(self) -> None:
        self.listening.clear()
        listener, self._listener = self._listener, None
        if listener is not None:
            with suppress(Exception):
                listener.close()
