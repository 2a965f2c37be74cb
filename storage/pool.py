"""A pool of PostgreSQL connections that says promptly when the server is away and finds it
again promptly when it is back: the event store's and the read side's both.

Left to psycopg_pool's defaults, writes waited 3-20 s through a server restart (and a write
begun while the server was down waited 52 s before it failed): a connection taken from the
pool was checked and, when the check failed, the next idle one was tried only after a pause
that doubled (1, 2, 4 s); lost connections were made again on the same growing schedule, so
the first one after the server's return came seconds late; and meanwhile every request
waited the pool's whole timeout for a connection the server could not give.

Here a connection is checked as it is lent (but one given back within ``TRUSTED_SECONDS``
to a question that is asked again should it fail: ``trusted``), and a failed check has
every idle one checked at once (a restart cuts them all); a lost connection is tried again
every ``PROBE_SECONDS`` for as long as the pool is open (as ``pg_isready`` would ask);
and while the last attempt to connect failed, a request waits only for the next attempt's
verdict: every attempt that fails refuses those waiting (``PoolTimeout``), one that
succeeds serves them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from time import monotonic
from typing import Any, Generic
from weakref import WeakKeyDictionary

import psycopg
from eventsourcing.postgres import ConnectionPool
from psycopg_pool import PoolTimeout
from psycopg_pool.abc import CT
from psycopg_pool.base import AttemptWithBackoff

PROBE_SECONDS = 0.25  # a lost connection tried again this often while the server is away
AWAY_WAIT = 2 * PROBE_SECONDS  # the most a request waits while the server is away
AWAY = "the database does not answer (its last connection attempt failed)"
TRUSTED_SECONDS = 1.0  # a connection used this recently is lent to a question unchecked


class Probing(AttemptWithBackoff):
    """psycopg_pool's schedule for making a lost connection again, never slower than
    ``PROBE_SECONDS``."""

    def update_delay(self, now: float) -> None:
        super().update_delay(now)
        self.delay = min(self.delay, PROBE_SECONDS)


class PromptPool(ConnectionPool[CT], Generic[CT]):
    """The library's psycopg_pool pool, prompt through an outage: see the module's text. Takes
    its settings but ``check`` (always checked, here) and ``reconnect_timeout`` (never given
    up while open)."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings, check=None, reconnect_timeout=math.inf)
        self.away = False  # whether the last attempt to connect failed
        self.given_back: WeakKeyDictionary[CT, float] = WeakKeyDictionary()

    def getconn(self, timeout: float | None = None) -> CT:
        """A connection that has just answered; while the server is away, one made by the
        next attempt to connect, else ``PoolTimeout`` once it fails."""
        return self.lend(timeout)

    def putconn(self, conn: CT) -> None:
        """Takes a connection back, noting when."""
        self.given_back[conn] = monotonic()
        super().putconn(conn)

    @contextmanager
    def trusted(self) -> Iterator[CT]:
        """A connection for one question that its asker asks again, on a checked connection,
        should it fail (``Connections.ask``): one given back within ``TRUSTED_SECONDS`` is
        lent without the check's round trip to the server."""
        conn = self.lend(trust_for=TRUSTED_SECONDS)
        try:
            with conn:
                yield conn
        finally:
            self.putconn(conn)

    def lend(self, timeout: float | None = None, *, trust_for: float = 0.0) -> CT:
        """``getconn``, checking the connection unless given back within ``trust_for``."""
        deadline = monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            left = deadline - monotonic()
            try:
                conn = super().getconn(min(AWAY_WAIT, left) if self.away else left)
            except PoolTimeout:
                if self.away:  # psycopg_pool words every refusal as a timeout
                    raise PoolTimeout(AWAY) from None
                raise
            if monotonic() - self.given_back.get(conn, -math.inf) < trust_for:
                return conn
            try:
                self.check_connection(conn)
            except psycopg.Error:
                conn.close()
                self.putconn(conn)  # a broken one: the pool makes another in its place
                self.check()  # the server cut the others too, if it restarted
                continue
            return conn

    def _connect(self, timeout: float | None = None) -> CT:
        try:
            conn = super()._connect(timeout)
        except Exception:
            self._found_away()
            raise
        self.away = False
        return conn

    def _found_away(self) -> None:
        """The server refused a connection: those waiting for one are told so at once."""
        with self._lock:
            self.away = True
            while self._waiting:
                self._waiting.popleft().fail(PoolTimeout(AWAY))

    def _add_connection(self, attempt: AttemptWithBackoff | None, growing: bool = False) -> None:
        super()._add_connection(attempt or Probing(timeout=self.reconnect_timeout), growing)
