"""One SQL adapter for both databases: SQL in, rows out as dicts, transactions.

SQL is written once for both: ``?`` placeholders and the column types TEXT, INTEGER, BIGINT,
DOUBLE PRECISION, DATE, TIMESTAMPTZ and JSON. A ``Database`` is one connection; this module
translates placeholders, adapts values both ways and opens and ends transactions
(``connections`` says where the connections come from).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal

import psycopg
from psycopg.types.json import Json, JsonDumper

from storage.in_lists import marks

Row = dict[str, Any]
FEW_ROWS = 32  # fewer new rows than this are inserted, not copied (``append_rows``)
MOST_PARAMETERS = 30_000  # in one statement (PostgreSQL takes at most 65,535)


def columns(row: Row, *names: str) -> Row:
    """The named columns of ``row``, in the order named."""
    return {name: row[name] for name in names}


sqlite3.register_converter("DATE", lambda raw: date.fromisoformat(raw.decode()))
sqlite3.register_converter("TIMESTAMPTZ", lambda raw: datetime.fromisoformat(raw.decode()))
sqlite3.register_converter("JSON", json.loads)


class StoreUnavailable(Exception):
    """The register's database cannot be reached right now (a 503, not a defect)."""


class _Database:
    """What a connection of either database offers: SQL in, dict rows out, transactions."""

    kind: Literal["sqlite", "postgresql"]
    lock_clause = ""  # what locks a row read in a write transaction
    conn: Any

    def _execute(self, sql: str, params: Sequence[Any]) -> Any:
        raise NotImplementedError

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Runs one statement."""
        self._execute(sql, params)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Runs one statement and returns its rows (none for a statement without any)."""
        cursor = self._execute(sql, params)
        return [dict(row) for row in cursor.fetchall()] if cursor.description else []

    def run_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        """Runs one statement once for each set of parameters, in order."""
        raise NotImplementedError

    def rows_of_each(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[Row]]:
        """Runs each statement and returns the rows of each, in order."""
        return [self.rows(sql, params) for sql, params in statements]

    def append_rows(self, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Adds new rows to a table in bulk, each with a value for each of the named columns."""
        self.run_many(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks(names)})", rows)

    def close(self) -> None:
        """Closes the connection."""
        self.conn.close()


class SQLiteDatabase(_Database):
    """One connection to the register's SQLite file (WAL mode)."""

    kind = "sqlite"
    conn: sqlite3.Connection
    begin = "BEGIN IMMEDIATE"  # a writer takes the write lock of every attached file at once

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
        """A write transaction, committed at the end of the block or rolled back on error."""
        self.conn.execute(self.begin)
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def pipeline(self) -> AbstractContextManager[Any]:
        """Nothing to batch: SQLite is in-process."""
        return nullcontext()

    def lock_schema(self) -> None:
        """Nothing to do: BEGIN IMMEDIATE already serialises writers."""


class PostgresDatabase(_Database):
    """One psycopg connection (autocommit, dict rows) whose search path is the store's schema."""

    kind = "postgresql"
    lock_clause = " FOR UPDATE"
    conn: psycopg.Connection[Row]

    def __init__(self, conn: psycopg.Connection[Row]) -> None:
        self.conn = conn

    def _execute(self, sql: str, params: Sequence[Any]) -> psycopg.RawCursor[Row]:
        return psycopg.RawCursor(self.conn).execute(numbered(sql), _pg_values(params))

    def run_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        with psycopg.RawCursor(self.conn) as cursor:
            cursor.executemany(numbered(sql), [_pg_values(one) for one in params])

    def append_rows(self, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Adds new rows to a table with one ``COPY`` (its dicts and lists as JSON, as
        ``_pg_values`` has them, by the cursor's own dumpers rather than row by row); fewer
        than ``FEW_ROWS`` as one ``INSERT`` of them all, one exchange where a ``COPY`` takes
        two."""
        if not rows:
            return
        if len(rows) < FEW_ROWS:
            self._insert_rows(table, names, rows)
            return
        copying = f"COPY {table} ({', '.join(names)}) FROM STDIN"
        with self.conn.cursor() as cursor:
            cursor.adapters.register_dumper(dict, JsonDumper)
            cursor.adapters.register_dumper(list, JsonDumper)
            with cursor.copy(copying) as copy:
                for row in rows:
                    copy.write_row(row)

    def _insert_rows(self, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """The rows as ``INSERT`` statements of many rows each (``executemany`` would send a
        statement per row)."""
        one_row = f"({marks(names)})"
        at_once = max(1, MOST_PARAMETERS // len(names))
        for first in range(0, len(rows), at_once):
            some = rows[first : first + at_once]
            values = ", ".join([one_row] * len(some))
            self.run(f"INSERT INTO {table} ({', '.join(names)}) VALUES {values}",
                     [value for row in some for value in row])  # fmt: skip

    def transaction(self) -> AbstractContextManager[Any]:
        """A transaction, committed at the end of the block or rolled back on error."""
        return self.conn.transaction()

    def pipeline(self) -> AbstractContextManager[Any]:
        """Sends a batch's statements without waiting for each answer."""
        return self.conn.pipeline()

    def lock_schema(self) -> None:
        """Serialises creating and dropping tables between processes (in a transaction)."""
        self.run("SELECT pg_advisory_xact_lock(hashtext('ocop-read-models'))")


Database = SQLiteDatabase | PostgresDatabase


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


@lru_cache(maxsize=2048)
def numbered(sql: str) -> str:
    """``sql`` with PostgreSQL's own placeholders, ``$1``, ``$2``, ... for its ``?``: sent by a
    raw cursor, which parses nothing (psycopg parses a ``%s`` statement of over 50
    parameters each time it is sent, a quarter of a small batch's projecting)."""
    parts = sql.split("?")
    return "".join(f"{part}${n}" for n, part in enumerate(parts[:-1], 1)) + parts[-1]


def _pg_values(params: Sequence[Any]) -> list[Any]:
    return [Json(value) if isinstance(value, (dict, list)) else value for value in params]
