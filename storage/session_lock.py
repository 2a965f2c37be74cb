"""A lock held by a session of its own, freed by the database or the OS when its holder dies:
on PostgreSQL an advisory lock on a dedicated connection, on SQLite an exclusive lock on a
file beside the database.

PostgreSQL frees a session's advisory lock when the session ends: at once when its process
dies on a live host (the OS closes the socket), and, when the holder's host vanishes, once the
server finds the connection dead. TCP keepalives on the lock's session bound that: 2 s of
silence, then 2 probes 1 s apart (and 4 s for data left unacknowledged), so about 4 s
(``VANISHED_HOST_SECONDS``). Over a Unix socket the holder is on the server's own host.
The lock's key is derived from the schema and the events table, so two registers on one
server never share it. On SQLite the lock is ``flock`` on ``<database>-projector.lock``: the
OS frees it when the process dies, and a second holder is refused, not kept waiting.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import suppress
from typing import Any

import psycopg

from storage.connections import Connections, PostgresConnections
from storage.event_log import CHANNEL
from storage.sql import Database

NAMESPACE = 0x4F434F50  # "OCOP": the first half of every key, the second names the register
VANISHED_HOST_SECONDS = 4
KEEPALIVES = {  # the client's side: the holder learns it was cut off
    "keepalives": 1, "keepalives_idle": 2, "keepalives_interval": 1, "keepalives_count": 2,
    "tcp_user_timeout": VANISHED_HOST_SECONDS * 1000,
}  # fmt: skip
SERVER_KEEPALIVES = (  # the server's side: it ends the session of a host that vanished
    "SET tcp_keepalives_idle = 2",
    "SET tcp_keepalives_interval = 1",
    "SET tcp_keepalives_count = 2",
    f"SET tcp_user_timeout = {VANISHED_HOST_SECONDS * 1000}",
)


class AdvisoryLock:
    """PostgreSQL's advisory lock on the register's key, held on a session of its own."""

    standby = True  # a second candidate waits for its turn

    def __init__(self, connections: PostgresConnections) -> None:
        self.kwargs: dict[str, Any] = {**connections.kwargs, **KEEPALIVES}
        self.name = f"{connections.schema}.{CHANNEL}"
        self.session: psycopg.Connection[Any] | None = None
        self.pid: int | None = None  # the session's server process, while the lock is held
        self.key: int | None = None

    def take(self) -> bool:
        """Takes the lock if it is free, without waiting; True if this session holds it."""
        try:
            if self.session is None or self.session.closed:
                self.session = psycopg.connect(**self.kwargs, application_name="ocop-lease")
                for setting in SERVER_KEEPALIVES:
                    self.session.execute(setting)
            row = self.session.execute(
                "SELECT pg_try_advisory_lock(%s, hashtext(%s)) AS taken, hashtext(%s) AS key, "
                "pg_backend_pid() AS pid",
                (NAMESPACE, self.name, self.name),
            ).fetchone()
        except psycopg.Error:
            self.release()  # the next try opens a new session
            raise
        assert row is not None
        if row["taken"]:
            self.pid, self.key = row["pid"], row["key"]
        return bool(row["taken"])

    def confirm(self) -> bool:
        """Whether the lock's session still answers (a round trip)."""
        if self.session is None:
            return False
        try:
            self.session.execute("SELECT 1")
        except psycopg.Error:
            return False
        return True

    def held_in(self, db: Database) -> bool:
        """Whether, as ``db`` sees it now, this lock's session holds the lock."""
        return self.pid is not None and held_by(db, self.pid, self.key)

    def release(self) -> None:
        """Ends the lock's session, which frees the lock."""
        if self.session is not None:
            with suppress(Exception):
                self.session.close()
        self.session = self.pid = self.key = None


def held_by(db: Database, pid: int, key: int | None = None) -> bool:
    """Whether the server process ``pid`` holds a register's lock (``key``: this one's)."""
    rows = db.rows(
        "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = ? "
        "AND classid = ?::int4::oid AND objsubid = 2 AND (?::int4 IS NULL OR objid = ?::int4::oid)",
        (pid, NAMESPACE, key, key),
    )
    return bool(rows)


class FileLock:
    """An exclusive ``flock`` on a file beside the SQLite database."""

    standby = False  # a second candidate is refused

    def __init__(self, database_path: str) -> None:
        self.path = f"{database_path}-projector.lock"
        self.fd: int | None = None
        self.pid: int | None = None

    def take(self) -> bool:
        """Takes the lock if it is free, without waiting; True if this process holds it."""
        if self.fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self.fd = fd
        return True

    def confirm(self) -> bool:
        """Whether the lock is held (nothing but the process's death frees it)."""
        return self.fd is not None

    def held_in(self, db: Database) -> bool:
        """Whether this process holds the lock."""
        return self.fd is not None

    def release(self) -> None:
        """Frees the lock."""
        if self.fd is not None:
            os.close(self.fd)  # closing the file frees its flock
        self.fd = None


SessionLock = AdvisoryLock | FileLock


def session_lock(connections: Connections) -> SessionLock:
    """The lock one process at a time may hold over the database ``connections`` reach."""
    if isinstance(connections, PostgresConnections):
        return AdvisoryLock(connections)
    return FileLock(connections.path)
