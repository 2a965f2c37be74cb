"""Which projector is active: any number may run, one at a time holds the lease on the read
models and applies the log; the others stand by and try again every half second or so.

The lease is a lock held on a session of its own (``storage.session_lock``: an advisory lock
on PostgreSQL, freed when its session ends; a file lock on SQLite, where a second projector is
refused) and a fencing token: the row ``projector_lease`` counts the projectors that became
active, and records the active one's ``host:pid``, its lock session and since when.

Why a projector that lost its lock never commits a batch (``Lease.fence``, called first in
every batch's transaction):

- the batch reads the lease row ``FOR UPDATE`` and goes on only if the token is its own *and*
  the database (``pg_locks``) sees its lock session holding the lock. So no batch gets past
  the check once that session is gone (killed, ended by ``pg_terminate_backend``, cut off by
  keepalives), even before a successor exists.
- a successor takes the lock (only once the old session is gone) and then raises the token
  in the same row, which waits for every batch still holding the row locked: a batch that
  passed the check a moment before its session died commits before the successor's first
  batch, as if the lock had died a moment later; any later batch sees a token not its own.

So the batches of two projectors never interleave, each is applied under one token, and a
projector that lost its lease stops at its next batch, logs it and stands by again.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime

import psycopg

from projections.progress import now
from projections.schema import TRACKED
from storage.connections import Connections
from storage.session_lock import SessionLock, held_by, session_lock
from storage.sql import Database

DDL = (
    "CREATE TABLE IF NOT EXISTS projector_lease (name TEXT PRIMARY KEY, token BIGINT NOT NULL, "
    "holder TEXT, session INTEGER, since TIMESTAMPTZ)"
)


class LeaseLost(Exception):
    """The projector no longer holds the lease: its batch is not committed."""


@dataclass(frozen=True)
class Holder:
    """The projector recorded as active: ``host:pid``, since when, under which token."""

    holder: str
    since: datetime
    token: int


class Lease:
    """One projector's claim on the read models: taken, checked in each batch, released."""

    def __init__(self, connections: Connections, lock: SessionLock, holder: str = "") -> None:
        self.connections, self.lock = connections, lock
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}"
        self.token: int | None = None  # this projector's, while it holds the lease
        self.standby = lock.standby  # False: a second projector is refused (SQLite)

    @property
    def held(self) -> bool:
        """Whether this projector believes it holds the lease (``fence`` makes sure)."""
        return self.token is not None

    def take(self) -> bool:
        """Takes the lease if it is free (keeps it if held); True if this projector holds it."""
        if self.token is not None:
            return True
        if not self.lock.take():
            return False
        try:
            with self.connections.transaction() as db:
                db.run(DDL)
                rows = db.rows(
                    "INSERT INTO projector_lease (name, token, holder, session, since) "
                    "VALUES (?, 1, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                    "token = projector_lease.token + 1, holder = excluded.holder, "
                    "session = excluded.session, since = excluded.since RETURNING token",
                    (TRACKED, self.holder, self.lock.pid, now()),
                )
        except BaseException:
            self.lock.release()
            raise
        self.token = int(rows[0]["token"])
        return True

    def fence(self, db: Database) -> None:
        """First in a batch's transaction: raises ``LeaseLost`` unless this projector still
        holds the lease (its token is the row's, and its lock session holds the lock)."""
        rows = db.rows(
            f"SELECT token FROM projector_lease WHERE name = ?{db.lock_clause}", (TRACKED,)
        )
        if self.token is None or not rows or int(rows[0]["token"]) != self.token:
            raise LeaseLost(f"another projector took the lease after token {self.token}")
        if not self.lock.held_in(db):
            raise LeaseLost(f"the lock session of token {self.token} is gone")

    def confirm(self) -> bool:
        """Whether the lease's lock session still answers (False: the lease is lost)."""
        return self.token is not None and self.lock.confirm()

    def release(self) -> None:
        """Gives the lease up: the row no longer names this projector, the lock is freed."""
        if self.token is not None:
            with suppress(Exception), self.connections.transaction() as db:
                db.run(
                    "UPDATE projector_lease SET holder = NULL, session = NULL, since = NULL "
                    "WHERE name = ? AND token = ?",
                    (TRACKED, self.token),
                )
        self.token = None
        self.lock.release()


def lease_of(connections: Connections) -> Lease:
    """This process's lease on the read models of the database ``connections`` reach."""
    return Lease(connections, session_lock(connections))


def active_projector(db: Database) -> Holder | None:
    """The projector recorded as active, if any: on PostgreSQL only while its lock session
    still holds the lock (a projector killed a moment ago is not named); on SQLite the last
    one to take the lease, unless it stopped."""
    try:
        rows = db.rows(
            "SELECT holder, since, token, session FROM projector_lease WHERE name = ?",
            (TRACKED,),
        )
    except (sqlite3.OperationalError, psycopg.errors.UndefinedTable):
        return None  # no projector has been active yet
    if not rows or rows[0]["holder"] is None:
        return None
    row = rows[0]
    if db.kind == "postgresql" and not held_by(db, int(row["session"])):
        return None
    return Holder(holder=row["holder"], since=row["since"], token=int(row["token"]))
