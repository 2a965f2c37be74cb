"""Where connections to the register's database come from, for either database: connections
of one's own (the projector's), and connections borrowed for one question or one transaction
(one pool per process on PostgreSQL, one connection per thread on SQLite).

Open them once per process with ``open_connections`` and share them: the read side, the API
keys and the idempotency records all borrow from the same ones.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from psycopg.rows import dict_row
from psycopg.sql import SQL, Identifier

from storage.pool import PROBE_SECONDS, PromptPool
from storage.sql import Database, PostgresDatabase, Row, SQLiteDatabase, StoreUnavailable
from storage.url import StoreUrl, UnsupportedStoreURL

T = TypeVar("T")
SQLITE_UNAVAILABLE = ("locked", "unable to open")


def create_private_file(path: Path) -> None:
    """Creates the store's file readable by its owner alone (SQLite gives its journal and
    WAL files the same mode); an existing file is left as it is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


class _Connections:
    """What both databases offer: a connection of one's own, and borrowed ones."""

    def connect(self, purpose: str) -> Database:
        """A connection of the caller's own, to close when done."""
        raise NotImplementedError

    def borrowed(self) -> Any:
        """A connection lent for one block (no transaction: each statement commits)."""
        raise NotImplementedError

    def transaction(self) -> Any:
        """A borrowed connection in a write transaction for one block."""
        raise NotImplementedError

    def asking(self) -> Any:
        """A connection lent for one question that is asked again should it fail (``ask``)."""
        return self.borrowed()

    def ask(self, question: Callable[[Database], T]) -> T:
        """``question``'s answer on a borrowed connection; if the database was away, the
        connections it dropped are replaced, and the question asked once more."""
        try:
            with self.asking() as db:
                return question(db)
        except StoreUnavailable:
            self.replace_dropped()
            with self.borrowed() as db:
                return question(db)

    def replace_dropped(self) -> None:
        """Replaces the connections the database dropped (none are kept idle on SQLite)."""

    def answers(self) -> bool:
        """Whether the database takes a new connection now (``pg_isready``'s question)."""
        return True

    def rest(self, pause: float, stopping: threading.Event) -> None:
        """Waits after a failure: ``pause`` if the database answers (the failure was not an
        outage); if it does not, until it does (asked every ``PROBE_SECONDS``) or ``stopping``."""
        if self.answers():
            stopping.wait(pause)
            return
        while not stopping.wait(PROBE_SECONDS) and not self.answers():
            continue


class SQLiteConnections(_Connections):
    """The register's SQLite file: a connection per borrowing thread, own ones on demand."""

    def __init__(self, path: str) -> None:
        if ":memory:" in path:
            raise UnsupportedStoreURL("The register needs a SQLite file, not :memory:.")
        create_private_file(Path(path))
        self.path = path
        self._local = threading.local()
        self._opened: list[SQLiteDatabase] = []
        self._lock = threading.Lock()

    def connect(self, purpose: str) -> SQLiteDatabase:
        return SQLiteDatabase(self.path)

    @contextmanager
    def borrowed(self) -> Iterator[SQLiteDatabase]:
        db: SQLiteDatabase | None = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = SQLiteDatabase(self.path)
            with self._lock:
                self._opened.append(db)
        try:
            yield db
        except sqlite3.OperationalError as error:
            if any(sign in str(error) for sign in SQLITE_UNAVAILABLE):
                raise StoreUnavailable(str(error)) from error
            raise

    @contextmanager
    def transaction(self) -> Iterator[SQLiteDatabase]:
        with self.borrowed() as db, db.transaction():
            yield db

    def close(self) -> None:
        """Closes every connection lent out (each thread's)."""
        with self._lock:
            for db in self._opened:
                db.close()
            self._opened.clear()


class PostgresConnections(_Connections):
    """The register's PostgreSQL schema: one pool to borrow from, own connections on demand."""

    def __init__(self, store: StoreUrl) -> None:
        self.schema = store.schema_or_public
        self.timeout = float(store.connect_timeout)
        self.kwargs: dict[str, Any] = {
            "host": store.host, "port": store.port, "dbname": store.dbname,
            "user": store.user, "password": store.password,
            "connect_timeout": max(1, store.connect_timeout), "autocommit": True,
            "row_factory": dict_row,
        }  # fmt: skip
        self.pool: PromptPool[psycopg.Connection[Row]] = PromptPool(
            kwargs={**self.kwargs, "application_name": "ocop-read-side"}, min_size=1,
            max_size=store.pool_size, open=False, configure=self._use_schema,
            timeout=self.timeout, name="ocop-read-side",
        )  # fmt: skip

    def _use_schema(self, conn: psycopg.Connection[Row]) -> None:
        conn.execute(SQL("SET search_path TO {}").format(Identifier(self.schema)))

    def connect(self, purpose: str) -> PostgresDatabase:
        conn = psycopg.connect(**self.kwargs, application_name=f"ocop-{purpose}")
        self._use_schema(conn)
        return PostgresDatabase(conn)

    @contextmanager
    def borrowed(self, trusting: bool = False) -> Iterator[PostgresDatabase]:
        try:
            self.pool.open(wait=False)
            with self.pool.trusted() if trusting else self.pool.connection() as conn:
                yield PostgresDatabase(conn)
        except psycopg.OperationalError as error:
            raise StoreUnavailable(str(error)) from error

    def asking(self) -> Any:
        return self.borrowed(trusting=True)

    @contextmanager
    def transaction(self) -> Iterator[PostgresDatabase]:
        self.pool.open(wait=False)
        with self.pool.connection() as conn, conn.transaction():  # lent checked (PromptPool)
            yield PostgresDatabase(conn)

    def replace_dropped(self) -> None:
        self.pool.check()

    def answers(self) -> bool:
        try:
            psycopg.connect(**self.kwargs, application_name="ocop-probe").close()
        except psycopg.Error:
            return False
        return True

    def close(self) -> None:
        """Closes the pool."""
        self.pool.close()


Connections = SQLiteConnections | PostgresConnections


def open_connections(store: StoreUrl) -> Connections:
    """The connections to the register's database at ``store`` (SQLite or PostgreSQL)."""
    if store.kind == "sqlite":
        return SQLiteConnections(store.path)
    if store.kind == "postgresql":
        return PostgresConnections(store)
    raise UnsupportedStoreURL(f"The read side and the API need SQLite or PostgreSQL, not {store}.")
