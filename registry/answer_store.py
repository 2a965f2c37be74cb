"""The register's store, keeping each keyed order's answer (and each order's request id) in
its event's own transaction.

Why here and so: a write with an ``Idempotency-Key`` must never be carried out twice, and a
retry after any crash must learn its first answer. If the answer were written after the
events, in a transaction of its own, a crash between the two would leave an event that no
retry can find. So the store's recorders are extended, on SQLite and PostgreSQL alike:
``Registry.save(..., answers=[...])`` hands the library's ``insert_events`` the answers, and
the recorder inserts them, with the log positions just issued, inside the very transaction
that inserts the events. The answers table's primary key (scope, key) also makes a second
carrying-out of one request fail as a whole, events and all: never twice.

The id of the request behind each order (``registry/request_ids.py``) is inserted the same
way, from ``Registry.save(..., request_ids=[...])``.

They also load a group's products in one query (``select_events_of``, ``registry/loading.py``).

The recorders are chosen by ``APPLICATION_RECORDER_TOPIC`` (see ``answering_environment``);
refusals, which store no event, are kept by ``api/idempotency.py`` in their own transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier, Literal

from registry.loading import postgres_events_of, sqlite_events_of
from registry.orders import Answered
from registry.request_ids import (
    INSERT_REQUEST_ID,
    REQUEST_IDS,
    REQUEST_IDS_SCHEMA,
    Traced,
    request_id_rows,
)
from storage.environment import store_environment
from storage.event_store import TablesMadeInTurn
from storage.url import StoreUrl

ANSWERS = "ocop_idempotency_answers"
ANSWERS_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS {table} ("
    "scope TEXT NOT NULL, "
    "idempotency_key TEXT NOT NULL, "
    "request_digest TEXT NOT NULL, "
    "status INTEGER NOT NULL, "
    "body TEXT NOT NULL, "
    "answered_at DOUBLE PRECISION NOT NULL, "
    "PRIMARY KEY (scope, idempotency_key))"
)
ANSWERS_INDEX = "CREATE INDEX IF NOT EXISTS ocop_idempotency_answered_at ON {table} (answered_at)"
INSERT_ANSWER = "INSERT INTO {table} VALUES (?, ?, ?, 201, ?, ?)"
FOLLOW_LAST = (
    "SELECT setval(pg_get_serial_sequence({name}, 'notification_id'), "
    "COALESCE(MAX(notification_id), 0) + 1, false) FROM {events}"
)


def answering_environment(store: StoreUrl) -> dict[str, str]:
    """The store settings for ``store``, with recorders that keep answers (SQLite, PostgreSQL)."""
    env = store_environment(store)
    recorder = RECORDERS.get(store.kind)
    if recorder is not None:
        env["APPLICATION_RECORDER_TOPIC"] = f"{__name__}:{recorder.__name__}"
    return env


def answer_rows(
    answers: Sequence[Answered], stored_events: Sequence[StoredEvent], positions: Sequence[int]
) -> list[tuple[object, ...]]:
    """One row per answer, with the log position its event was just given."""
    position_of = {
        (str(event.originator_id), event.originator_version): position
        for event, position in zip(stored_events, positions, strict=True)
    }
    rows: list[tuple[object, ...]] = []
    for answer in answers:
        key = (str(answer.originator_id), answer.recorded.version)
        body = {**answer.recorded.body(), "position": position_of[key]}
        request = answer.request
        rows.append(
            (request.scope, request.key, request.digest, json.dumps(body), request.received_at)
        )
    return rows


class AnsweringSQLiteRecorder(SQLiteApplicationRecorder):
    """SQLite's recorder, inserting keyed answers with the events."""

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)
        self.insert_answer_statement = INSERT_ANSWER.format(table=ANSWERS)
        self.insert_request_id_statement = INSERT_REQUEST_ID.format(table=REQUEST_IDS)

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            ANSWERS_SCHEMA.format(table=ANSWERS),
            ANSWERS_INDEX.format(table=ANSWERS),
            REQUEST_IDS_SCHEMA.format(table=REQUEST_IDS),
        ]

    def select_events_of(self, originator_ids: Sequence[UUID]) -> list[StoredEvent]:
        """Every event of the given products, in one query."""
        return sqlite_events_of(self, originator_ids)

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        positions = super()._insert_events(c, stored_events, **kwargs)
        answers: Sequence[Answered] = kwargs.get("answers") or ()
        if answers and positions:
            rows = answer_rows(answers, stored_events, [int(p) for p in positions])
            c.executemany(self.insert_answer_statement, rows)
        traces: Sequence[Traced] = kwargs.get("request_ids") or ()
        if traces and positions:
            traced = request_id_rows(traces, stored_events, [int(p) for p in positions])
            c.executemany(self.insert_request_id_statement, traced)
        return positions


class AnsweringPostgresRecorder(TablesMadeInTurn):
    """PostgreSQL's recorder, inserting keyed answers with the events."""

    def __init__(
        self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"
    ) -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        table = Identifier(datastore.schema, ANSWERS)
        self.sql_create_statements.append(SQL(ANSWERS_SCHEMA).format(table=table))
        self.sql_create_statements.append(SQL(ANSWERS_INDEX).format(table=table))
        self.insert_answer_statement = SQL(INSERT_ANSWER.replace("?", "%s")).format(table=table)
        traced = Identifier(datastore.schema, REQUEST_IDS)
        self.sql_create_statements.append(SQL(REQUEST_IDS_SCHEMA).format(table=traced))
        self.insert_request_id_statement = SQL(INSERT_REQUEST_ID.replace("?", "%s")).format(
            table=traced
        )
        # Under the table's lock, the next position follows the last stored event: a write
        # that took positions and was cut off (its process killed, the server restarted)
        # would leave a gap, which the public log reads as a deleted event.
        events = Identifier(datastore.schema, events_table_name)
        self.lock_table_statements.append(
            SQL(FOLLOW_LAST).format(events=events, name=Literal(events.as_string()))
        )

    def select_events_of(self, originator_ids: Sequence[UUID]) -> list[StoredEvent]:
        """Every event of the given products, in one query."""
        events: list[StoredEvent] = postgres_events_of(self, originator_ids)  # tried once
        return events

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """The library's insert, tried once: it would try again (ten times) after a lost
        connection, yet a connection lost at the commit may have committed, and the order
        carried out again is then refused, or its answer's key found taken. The client's
        retry with its key learns the first answer; the store lends no dead connection."""
        inserted: Sequence[int] | None = PostgresApplicationRecorder.insert_events.__wrapped__(
            self, stored_events, **kwargs
        )
        return inserted

    def select_events(self, originator_id: UUID | str, **kwargs: Any) -> Sequence[StoredEvent]:
        """The library's read of a product's events, tried once: its ten tries, each waiting
        for the store's pool, made a write wait seconds on a store that was away."""
        selected: Sequence[StoredEvent] = PostgresApplicationRecorder.select_events.__wrapped__(
            self, originator_id, **kwargs
        )
        return selected

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        answers: Sequence[Answered] = kwargs.get("answers") or ()
        traces: Sequence[Traced] = kwargs.get("request_ids") or ()
        if (answers or traces) and positions:
            rows = answer_rows(answers, stored_events, positions)
            traced = request_id_rows(traces, stored_events, positions)
            with curs.connection.pipeline():  # sync, so a second answer fails right here
                if rows:
                    curs.executemany(self.insert_answer_statement, rows)
                if traced:
                    curs.executemany(self.insert_request_id_statement, traced)
        return positions


RECORDERS: dict[str, type[Any]] = {
    "sqlite": AnsweringSQLiteRecorder,
    "postgresql": AnsweringPostgresRecorder,
}
