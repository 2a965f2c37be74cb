"""Where SQLite's and PostgreSQL's SQL differ, and only here (``connections`` says where
the connections come from).

Read models write one SQL text for both: ``?`` placeholders and the column types TEXT,
INTEGER, BIGINT, DATE, TIMESTAMPTZ and JSON. This module translates placeholders, adapts
values both ways, opens write transactions, reads the event log and waits for news of it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date, datetime
from time import monotonic
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import Notification
from psycopg.types.json import Json

Row = dict[str, Any]
CHANNEL = "ocop_events"  # the library NOTIFYs the events table's name on every append

sqlite3.register_converter("DATE", lambda raw: date.fromisoformat(raw.decode()))
sqlite3.register_converter("TIMESTAMPTZ", lambda raw: datetime.fromisoformat(raw.decode()))
sqlite3.register_converter("JSON", json.loads)


class _Database:
    """What a connection of either backend offers: SQL in and rows out, the event log."""

    events_table: str  # the library's table of the register's events, and its positions
    event_id: str
    lock_clause = ""  # what locks a row read in a write transaction
    conn: Any

    def _execute(self, sql: str, params: Sequence[Any]) -> Any:
        raise NotImplementedError

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._execute(sql, params)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return [dict(row) for row in self._execute(sql, params).fetchall()]

    def run_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        """Runs one statement once for each set of parameters, in order."""
        raise NotImplementedError

    def events_after(self, position: int, limit: int) -> list[Notification]:
        """The next ``limit`` events of the log after ``position``, as the library stored them."""
        rows = self.rows(
            f"SELECT {self.event_id} AS id, originator_id, originator_version, topic, state "
            f"FROM {self.events_table} WHERE {self.event_id} > ? ORDER BY {self.event_id} LIMIT ?",
            (position, limit),
        )
        return [
            Notification(
                id=row["id"], originator_id=UUID(str(row["originator_id"])),
                originator_version=row["originator_version"], topic=row["topic"],
                state=bytes(row["state"]),
            )
            for row in rows
        ]  # fmt: skip

    def head(self) -> int:
        """The last position in the log (0 while the register has not created its table)."""
        try:
            rows = self.rows(f"SELECT MAX({self.event_id}) AS head FROM {self.events_table}")
        except (sqlite3.OperationalError, psycopg.errors.UndefinedTable) as error:
            if "no such table" in str(error) or "does not exist" in str(error):
                return 0
            raise
        return int(rows[0]["head"] or 0)

    def close(self) -> None:
        self.conn.close()


class SQLiteDatabase(_Database):
    """One SQLite connection to the register's file (WAL mode, its own connection)."""

    events_table, event_id = "stored_events", "rowid"  # the library's SQLite recorder
    conn: sqlite3.Connection
    begin = "BEGIN IMMEDIATE"  # takes the write lock of every attached file at once

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(
            path, timeout=30, isolation_level=None, check_same_thread=False,
            detect_types=sqlite3.PARSE_DECLTYPES,
        )  # fmt: skip
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")

    def _execute(self, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
        return self.conn.execute(sql, [_sqlite_value(value) for value in params])

    def run_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, ([_sqlite_value(v) for v in one] for one in params))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction; BEGIN IMMEDIATE takes the file's write lock at once."""
        self.conn.execute(self.begin)
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def pipeline(self) -> AbstractContextManager[Any]:
        return nullcontext()

    def lock_schema(self) -> None:
        """Nothing to do: BEGIN IMMEDIATE already serialises writers."""


class PostgresDatabase(_Database):
    """One psycopg connection whose search path is the store's schema."""

    events_table, event_id = "ocop_events", "notification_id"  # the application "ocop"
    lock_clause = " FOR UPDATE"
    conn: psycopg.Connection[Row]

    def __init__(self, conn: psycopg.Connection[Row]) -> None:
        self.conn = conn

    def _execute(self, sql: str, params: Sequence[Any]) -> psycopg.Cursor[Row]:
        return self.conn.execute(sql.replace("?", "%s"), _pg_values(params))

    def run_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), [_pg_values(one) for one in params])

    def transaction(self) -> AbstractContextManager[Any]:
        return self.conn.transaction()

    def pipeline(self) -> AbstractContextManager[Any]:
        """Sends a batch's statements without waiting for each answer."""
        return self.conn.pipeline()

    def lock_schema(self) -> None:
        """Serialises creating and dropping tables between processes (in a transaction)."""
        self.run("SELECT pg_advisory_xact_lock(hashtext('ocop-read-models'))")

    def wait_for_news(self, timeout: float, woken: threading.Event) -> None:
        """Returns when an append is notified (LISTEN), ``timeout`` passes or ``woken`` is set."""
        deadline = monotonic() + timeout
        while not woken.is_set() and (left := deadline - monotonic()) > 0:
            for _ in self.conn.notifies(timeout=min(left, 0.1), stop_after=1):
                return


Database = SQLiteDatabase | PostgresDatabase


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _pg_values(params: Sequence[Any]) -> list[Any]:
    return [Json(value) if isinstance(value, (dict, list)) else value for value in params]
