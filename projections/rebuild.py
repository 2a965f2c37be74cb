"""Rebuilding every read model from the first event, beside the serving ones.

The new read models are filled where readers never look (a schema of their own on
PostgreSQL, a file of their own on SQLite), then swapped in with the tracking position in one
transaction. Until the swap the public register reads exactly as before, and a rebuild that
fails or is killed leaves it so; the next rebuild starts its shadow afresh.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from eventsourcing.persistence import Notification
from psycopg.sql import SQL, Identifier
from tqdm import tqdm

from projections.models import (
    BOOKKEEPING,
    READ_MODELS,
    TABLES,
    create_indexes,
    create_tables,
    for_queries_only,
    project_next_batch,
)
from projections.planner_statistics import analyse_side_by_side, prefer_indexes
from projections.rebuild_parts import Parts, apply_in_parts
from projections.schema import announce_advance, tracked_position
from storage import event_log
from storage.connections import Connections, PostgresConnections, SQLiteConnections
from storage.sql import Database, PostgresDatabase, SQLiteDatabase

SHADOW_SUFFIX = "_rebuild"
# The fewest events a rebuild's batch holds: no reader waits on the shadow's transactions,
# and each batch costs its round trips (reads, bulk loads) whatever its size.
SHADOW_BATCH = 5_000


@dataclass(frozen=True)
class RebuildReport:
    """How many events a rebuild applied, and how fast."""

    events: int
    seconds: float
    events_per_second: float


def rebuild_beside(
    connections: Connections,
    decode: Callable[[Notification], object],
    batch_size: int,
    progress: bool = False,
    told: Callable[[int, int], object] = lambda done, total: None,
    parts: Parts | None = None,
) -> RebuildReport:
    """Fills fresh read models from the first event in a shadow, in batches of at least
    ``SHADOW_BATCH`` events, then swaps them in; the progress bar (``progress``) and ``told``
    learn of the events done out of the total. Given ``parts``, on PostgreSQL, the log as it
    stands is applied in that many processes side by side (``rebuild_parts``), what came
    after in this one."""
    shadow = open_shadow(connections)
    try:
        started, events, total = perf_counter(), 0, event_log.head(shadow)
        told(0, total)
        with tqdm(total=total, unit="event", disable=not progress) as bar:
            processes = parts.share(total) if parts else 1
            if processes > 1 and isinstance(connections, PostgresConnections):
                assert parts is not None and isinstance(shadow, PostgresDatabase)

                def done(applied: int) -> None:
                    bar.update(applied - bar.n)
                    told(applied, total)

                events = apply_in_parts(connections, shadow, parts.settings, processes,
                                        max(batch_size, SHADOW_BATCH), done)  # fmt: skip
            while True:
                before = tracked_position(shadow)
                applied, after = project_next_batch(
                    shadow, decode, max(batch_size, SHADOW_BATCH), announce=False
                )
                if not applied:
                    break
                events += applied
                bar.update(after - before)
                told(after, total)
        if isinstance(connections, PostgresConnections):  # SQLite's are made in the swap
            with shadow.transaction():
                create_indexes(shadow)
            sessions = parts.processes if parts else 1  # what readers will plan by, once in
            analyse_side_by_side(shadow, connections.kwargs, TABLES, sessions)
        swap_in(connections, shadow)
        seconds = perf_counter() - started
    finally:
        shadow.close()
    return RebuildReport(events, round(seconds, 3), events / seconds if seconds > 0 else 0.0)


def open_shadow(connections: Connections) -> Database:
    """A connection whose read models are fresh and empty, and whose log is the register's."""
    if isinstance(connections, PostgresConnections):
        db = connections.connect("rebuild")
        shadow = Identifier(connections.schema + SHADOW_SUFFIX)
        db.conn.execute(SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(shadow))
        db.conn.execute(SQL("CREATE SCHEMA {}").format(shadow))
        db.conn.execute(
            SQL("SET search_path TO {}, {}").format(shadow, Identifier(connections.schema))
        )
        prefer_indexes(db)  # its tables' statistics lag their load
        shadow_db: Database = db
    else:
        path = connections.path + SHADOW_SUFFIX
        for leftover in (path, path + "-wal", path + "-shm", path + "-journal"):
            if os.path.exists(leftover):
                os.remove(leftover)
        shadow_db = SQLiteDatabase(path)
        shadow_db.begin = "BEGIN"  # it writes its own file only: the register's writers go on
        shadow_db.run("ATTACH DATABASE ? AS register", (connections.path,))
    with shadow_db.transaction():
        # A new store to itself: it records this version's shape. The indexes only queries
        # read by are made after the load.
        create_tables(shadow_db, every_index=False)
    return shadow_db


def swap_in(connections: Connections, shadow: Database) -> None:
    """Replaces the serving read models by the shadow's, with its tracking, in one transaction."""
    if isinstance(connections, PostgresConnections):
        assert isinstance(shadow, PostgresDatabase)
        serving, rebuilt = (
            Identifier(connections.schema),
            Identifier(connections.schema + SHADOW_SUFFIX),
        )
        with shadow.transaction():
            shadow.lock_schema()
            for table in TABLES:
                shadow.conn.execute(
                    SQL("DROP TABLE IF EXISTS {}.{}").format(serving, Identifier(table))
                )
                shadow.conn.execute(
                    SQL("ALTER TABLE {}.{} SET SCHEMA {}").format(
                        rebuilt, Identifier(table), serving
                    )
                )
            announce_advance(shadow, tracked_position(shadow))  # the tables moved: serving's
        shadow.conn.execute(SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(rebuilt))
        return
    assert isinstance(connections, SQLiteConnections)
    _copy_sqlite_shadow(connections.path, connections.path + SHADOW_SUFFIX)


def _copy_sqlite_shadow(path: str, shadow_path: str) -> None:
    """SQLite cannot move a table between files: the serving file's tables are dropped,
    created afresh and filled from the shadow's, in one write transaction of that file (the
    indexes only queries read by after the rows)."""
    db = SQLiteDatabase(path)
    try:
        db.run("ATTACH DATABASE ? AS shadow", (shadow_path,))
        with db.transaction():
            for table in TABLES:
                db.run(f"DROP TABLE IF EXISTS main.{table}")
            statements = [statement for model in (*READ_MODELS, *BOOKKEEPING)
                          for statement in model.ddl]  # fmt: skip
            for statement in statements:
                if not for_queries_only(statement):
                    db.run(statement)
            for table in TABLES:
                db.run(f"INSERT INTO main.{table} SELECT * FROM shadow.{table}")
            for statement in filter(for_queries_only, statements):
                db.run(statement)
        db.run("DETACH DATABASE shadow")
    finally:
        db.close()
    for leftover in (shadow_path, shadow_path + "-wal", shadow_path + "-shm"):
        if os.path.exists(leftover):
            os.remove(leftover)
