"""The API's own small tables (keys, idempotency) beside the events, on SQLite or PostgreSQL.

SQL is written once with ``?`` placeholders; this module is the only place that knows how
the two databases differ for them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

import psycopg
from psycopg_pool import ConnectionPool

from registry.store import store_environment

Row = tuple[Any, ...]


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...


class Database(Protocol):
    """A transaction source for the API's tables."""

    def transaction(self) -> Any: ...

    def reading(self) -> Any: ...

    def close(self) -> None: ...


class SQLiteDatabase:
    """One short-lived connection per transaction to the register's SQLite file."""

    def __init__(self, path: str) -> None:
        self.path = path

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """A transaction that will write: it takes SQLite's write lock from the start."""
        with self._connected("BEGIN IMMEDIATE") as cursor:
            yield cursor

    @contextmanager
    def reading(self) -> Iterator[Cursor]:
        """A transaction that only reads: it never takes the write lock."""
        with self._connected("BEGIN DEFERRED") as cursor:
            yield cursor

    @contextmanager
    def _connected(self, begin: str) -> Iterator[Cursor]:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            connection.execute(begin)
            yield _SQLiteCursor(connection)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:  # BEGIN itself may be what failed
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()

    def close(self) -> None:
        """Nothing is held open between transactions."""


class _SQLiteCursor:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self.connection.execute(sql, tuple(params)).fetchall()


class PostgresDatabase:
    """A small pool of connections, confined to the store's schema."""

    def __init__(self, conninfo: str, schema: str) -> None:
        options = f"-c search_path={schema}" if schema else ""
        self.pool = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=8,
            kwargs={"options": options},
            open=True,
            timeout=10,
            check=ConnectionPool.check_connection,  # keys are cached: few borrows pay for it
        )

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        with self.pool.connection() as connection, connection.transaction():
            yield _PostgresCursor(connection)

    def reading(self) -> AbstractContextManager[Cursor]:
        """A transaction that only reads (PostgreSQL's reads never wait for writers)."""
        return self.transaction()

    def close(self) -> None:
        self.pool.close()


class _PostgresCursor:
    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self.connection.execute(sql.replace("?", "%s"), tuple(params))
        return cursor.fetchall() if cursor.description else []


def open_database(url: str) -> SQLiteDatabase | PostgresDatabase:
    """The API's tables in the same database as the events named by ``url``."""
    env = store_environment(url)
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        return SQLiteDatabase(env["SQLITE_DBNAME"])
    if env["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
        parts = urlsplit(url)
        schema = parse_qs(parts.query).get("schema", [""])[0]
        conninfo = parts._replace(query="").geturl().replace("postgres://", "postgresql://", 1)
        return PostgresDatabase(conninfo, schema)
    raise ValueError(f"The API needs SQLite or PostgreSQL, not {url}")
