"""Where the read side's connections come from, for either backend: the projector's own
connections (one to write, and on PostgreSQL one that LISTENs for appends), and the
connections queries borrow (a pool on PostgreSQL, one per thread on SQLite).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.sql import SQL, Identifier
from psycopg_pool import ConnectionPool

from projections.dialect import CHANNEL, PostgresDatabase, Row, SQLiteDatabase
from registry.store import UnsupportedStoreURL, store_environment


class ReadSideUnavailable(Exception):
    """The database of the read models cannot be reached right now."""


class SQLiteBackend:
    """The register's SQLite file: a connection per reading thread, one per projector."""

    def __init__(self, path: str) -> None:
        if ":memory:" in path:
            raise UnsupportedStoreURL("The read side needs a SQLite file, not :memory:.")
        self.path = path
        self._local = threading.local()
        self._opened: list[SQLiteDatabase] = []
        self._lock = threading.Lock()

    def connect(self, purpose: str) -> SQLiteDatabase:
        return SQLiteDatabase(self.path)

    def listener(self) -> None:
        return None

    @contextmanager
    def reading(self) -> Iterator[SQLiteDatabase]:
        db: SQLiteDatabase | None = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = SQLiteDatabase(self.path)
            with self._lock:
                self._opened.append(db)
        try:
            yield db
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "unable to open" in str(error):
                raise ReadSideUnavailable(str(error)) from error
            raise

    def close(self) -> None:
        with self._lock:
            for db in self._opened:
                db.close()
            self._opened.clear()


class PostgresBackend:
    """The register's PostgreSQL schema: a pool for readers, own connections for the projector."""

    def __init__(self, env: dict[str, str]) -> None:
        self.schema = env["POSTGRES_SCHEMA"] or "public"
        self.timeout = float(env["POSTGRES_CONNECT_TIMEOUT"])
        self.kwargs: dict[str, Any] = {
            "host": env["POSTGRES_HOST"], "port": env["POSTGRES_PORT"],
            "dbname": env["POSTGRES_DBNAME"], "user": env["POSTGRES_USER"],
            "password": env["POSTGRES_PASSWORD"], "connect_timeout": max(1, int(self.timeout)),
            "autocommit": True, "row_factory": dict_row,
        }  # fmt: skip
        self.pool: ConnectionPool[psycopg.Connection[Row]] = ConnectionPool(
            kwargs={**self.kwargs, "application_name": "ocop-read-side"}, min_size=1,
            max_size=int(env["POSTGRES_POOL_SIZE"]), open=False, configure=self._use_schema,
            timeout=self.timeout, name="ocop-read-side",
        )  # fmt: skip

    def _use_schema(self, conn: psycopg.Connection[Row]) -> None:
        conn.execute(SQL("SET search_path TO {}").format(Identifier(self.schema)))

    def connect(self, purpose: str) -> PostgresDatabase:
        conn = psycopg.connect(**self.kwargs, application_name=f"ocop-{purpose}")
        self._use_schema(conn)
        return PostgresDatabase(conn)

    def listener(self) -> PostgresDatabase:
        db = self.connect("projector-listen")
        db.run(f"LISTEN {CHANNEL}")
        return db

    @contextmanager
    def reading(self) -> Iterator[PostgresDatabase]:
        try:
            self.pool.open(wait=False)
            with self.pool.connection() as conn:
                yield PostgresDatabase(conn)
        except psycopg.OperationalError as error:
            raise ReadSideUnavailable(str(error)) from error

    def close(self) -> None:
        self.pool.close()


Backend = SQLiteBackend | PostgresBackend


def backend_for(url: str) -> Backend:
    """The backend of the store at ``url`` (the same URL the register's events use)."""
    env = store_environment(url)
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        return SQLiteBackend(env["SQLITE_DBNAME"])
    if env["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
        return PostgresBackend(env)
    raise UnsupportedStoreURL(f"The read side needs SQLite or PostgreSQL, not {url!r}.")
