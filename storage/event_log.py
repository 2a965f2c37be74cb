"""The register's event log, read as the eventsourcing library stores it: the events after a
log position, the log's head, and news of appends.

This is the one place that knows the library's table and column names. The events table is
``stored_events`` on SQLite, where a row's ``rowid`` is its log position, and
``<application>_events`` on PostgreSQL (the register's application is named ``ocop``), where
``notification_id`` is; on every append PostgreSQL's recorder NOTIFYs a channel of the
table's name. Whoever waits for news LISTENs there, or polls on SQLite.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from time import monotonic
from uuid import UUID

import psycopg
from eventsourcing.persistence import Notification

from storage import channels
from storage.connections import Connections
from storage.sql import Database, PostgresDatabase, Row

# The library's events table and the column holding each event's log position, per database.
EVENTS = {"sqlite": ("stored_events", "rowid"), "postgresql": ("ocop_events", "notification_id")}
CHANNEL = EVENTS["postgresql"][0]


def events_after(db: Database, position: int, limit: int) -> list[Notification]:
    """The next ``limit`` events of the log after ``position``, in log order."""
    table, position_column = EVENTS[db.kind]
    rows = db.rows(
        f"SELECT {position_column} AS id, originator_id, originator_version, topic, state "
        f"FROM {table} WHERE {position_column} > ? ORDER BY {position_column} LIMIT ?",
        (position, limit),
    )
    return _notifications(rows)


def part_after(
    db: PostgresDatabase, position: int, up_to: int, part: tuple[int, int], limit: int
) -> list[Notification]:
    """The next ``limit`` events after ``position`` up to ``up_to`` of the products in part
    ``part[0]`` of ``part[1]`` (by the last byte of their id), in log order."""
    rows = db.rows(
        "SELECT notification_id AS id, originator_id, originator_version, topic, state "
        f"FROM {EVENTS['postgresql'][0]} WHERE notification_id > ? AND notification_id <= ? "
        "AND mod(get_byte(uuid_send(originator_id), 15), ?) = ? ORDER BY notification_id LIMIT ?",
        (position, up_to, part[1], part[0], limit),
    )
    return _notifications(rows)


def _notifications(rows: Sequence[Row]) -> list[Notification]:
    return [
        Notification(
            id=row["id"], originator_id=as_uuid(row["originator_id"]),
            originator_version=row["originator_version"], topic=row["topic"],
            state=bytes(row["state"]),
        )
        for row in rows
    ]  # fmt: skip


def as_uuid(value: object) -> UUID:
    """A stored originator id as a UUID: PostgreSQL's driver gives one, SQLite a string."""
    return value if type(value) is UUID else UUID(str(value))


def first_missing(db: Database, up_to: int) -> int | None:
    """The first position from 1 to ``up_to`` with no event (a row deleted), if any: one
    pass over the positions' index, however long the log."""
    table, column = EVENTS[db.kind]
    rows = db.rows(
        f"SELECT previous + 1 AS missing FROM (SELECT {column} AS position, "
        f"COALESCE(LAG({column}) OVER (ORDER BY {column}), 0) AS previous FROM {table} "
        f"WHERE {column} <= ?) AS positions WHERE position > previous + 1 "
        "ORDER BY position LIMIT 1",
        [up_to],
    )
    if rows:
        return int(rows[0]["missing"])
    last = db.rows(f"SELECT MAX({column}) AS last FROM {table} WHERE {column} <= ?", [up_to])
    reached = int(last[0]["last"] or 0)
    return reached + 1 if reached < up_to else None


def append_copies(db: Database, events: Sequence[Notification]) -> None:
    """Appends events copied from another log at their own positions, in one transaction,
    and moves PostgreSQL's position sequence past them (the next append follows on)."""
    table, position_column = EVENTS[db.kind]
    rows = [(e.id, str(e.originator_id), e.originator_version, e.topic, e.state) for e in events]
    with db.transaction():
        db.run_many(
            f"INSERT INTO {table} ({position_column}, originator_id, originator_version, "
            "topic, state) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        if db.kind == "postgresql" and rows:
            db.run(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{position_column}'), ?)",
                [rows[-1][0]],
            )


def head(db: Database) -> int:
    """The last position in the log (0 while the register has not created its table)."""
    table, position_column = EVENTS[db.kind]
    try:
        rows = db.rows(f"SELECT MAX({position_column}) AS head FROM {table}")
    except (sqlite3.OperationalError, psycopg.errors.UndefinedTable) as error:
        if "no such table" in str(error) or "does not exist" in str(error):
            return 0
        raise
    return int(rows[0]["head"] or 0)


class News:
    """Waits for news of appends to the log: LISTEN on PostgreSQL, a plain pause on SQLite
    (whoever waits polls the log after each pause)."""

    def __init__(self, listener: PostgresDatabase | None) -> None:
        self.listener = listener

    def wait(self, timeout: float, woken: threading.Event) -> bool:
        """Returns when an append is notified, ``timeout`` passes or ``woken`` is set; False
        if the time passed without either."""
        if self.listener is None:
            return woken.wait(timeout)
        deadline = monotonic() + timeout
        while not woken.is_set() and (left := deadline - monotonic()) > 0:
            for _ in self.listener.conn.notifies(timeout=min(left, 0.1), stop_after=1):
                return True
        return woken.is_set()

    def close(self) -> None:
        """Stops listening."""
        if self.listener is not None:
            self.listener.close()


def listen_for_news(connections: Connections) -> News:
    """News of appends to the log of the database ``connections`` reach (a connection of its
    own on PostgreSQL)."""
    return News(channels.listen(connections, CHANNEL, "projector-listen"))
