"""Every read model, and their tables as a whole.

An event is applied to each in turn; none reads another's tables while being filled (the
audit trail and the milestones look up what they need in their own rows), only queries join.
The public documents are the one exception: ready-to-send answers, they are written after
the others in the batch's transaction, from what the others hold (``write_documents``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.persistence import Notification

from lifecycle.events import ProductEvent
from projections import (
    audit,
    certificates,
    documents,
    gtins,
    hand_offs,
    milestones,
    public_changes,
    public_register,
    renewals,
    status,
)
from projections.progress import PROGRESS, now, record_advance, start_progress
from projections.schema import (
    TRACKING,
    ReadModel,
    Writes,
    advance_tracking,
    announce_advance,
    start_tracking,
    tracked_position,
)
from projections.shape import SHAPE, fingerprint, is_current, record_shape
from storage.event_log import events_after
from storage.sql import Database, Row
from transparency import leaves

READ_MODELS: tuple[ReadModel, ...] = (
    status.MODEL,
    certificates.MODEL,
    audit.MODEL,
    public_register.MODEL,
    milestones.MODEL,
    public_changes.MODEL,
    gtins.MODEL,
    renewals.MODEL,
    hand_offs.MODEL,
    documents.MODEL,
    # The public log's leaves are filled per batch (``project_next_batch``), not per event.
    ReadModel("public log", leaves.TABLES, leaves.DDL, lambda writes, position, event: None),
)
BOOKKEEPING = (TRACKING, PROGRESS, SHAPE)
TABLES = tuple(table for model in (*READ_MODELS, *BOOKKEEPING) for table in model.tables)
READ_MODELS_SHAPE = fingerprint(READ_MODELS)


def create_tables(db: Database, *, every_index: bool = True) -> None:
    """Creates every table that is missing, and starts tracking at zero (idempotent); without
    ``every_index``, only the indexes the projector reads by (``create_indexes`` the rest)."""
    db.lock_schema()
    for model in (*READ_MODELS, *BOOKKEEPING):
        for statement in model.ddl:
            if every_index or not for_queries_only(statement):
                db.run(statement)
    if start_tracking(db):  # a new store: its tables were just made in this version's shape
        record_shape(db, READ_MODELS_SHAPE)
    start_progress(db)


def for_queries_only(statement: str) -> bool:
    """Whether a statement makes an index only queries read by: every index but those named
    ``<table>_product``, by which a batch recalls its products' rows (``Writes.recall``)."""
    words = statement.split()
    if "INDEX" not in words[1:3]:
        return False
    return not words[words.index("EXISTS") + 1].endswith("_product")


def create_indexes(db: Database) -> None:
    """Creates the indexes only queries read by (after a rebuild's load: one sort each
    instead of an index kept up row by row)."""
    for model in (*READ_MODELS, *BOOKKEEPING):
        for statement in filter(for_queries_only, model.ddl):
            db.run(statement)


def prepare_tables(db: Database) -> bool:
    """Creates every table that is missing, in a transaction; True if the read models have
    this version's shape (else they need a rebuild)."""
    with db.transaction():
        create_tables(db)
        return is_current(db, READ_MODELS_SHAPE)


def drop_tables(db: Database) -> None:
    """Drops every read model and the tracking position."""
    db.lock_schema()
    for table in TABLES:
        db.run(f"DROP TABLE IF EXISTS {table}")


def apply_batch(db: Database, events: Sequence[tuple[int, Any]]) -> Writes:
    """Folds a batch of the log's events, with their positions, into every read model, and
    answers the rows to write (each row once: ``Writes.send`` writes them).

    Each read model takes the whole batch in log order before the next one starts (none
    reads another's tables while being filled); events of other kinds are passed over. The
    public documents, which read these, are written after (``write_documents``).
    """
    product_events = [(position, event) for position, event in events
                      if isinstance(event, ProductEvent)]  # fmt: skip
    writes = Writes(db, [str(event.originator_id) for _, event in product_events])
    for model in READ_MODELS:
        apply = model.apply
        for position, event in product_events:
            apply(writes, position, event)
    return writes


def write_documents(db: Database, events: Sequence[tuple[int, Any]]) -> None:
    """Writes afresh the public documents of the products a batch changed, from the read
    models it filled (outside a pipeline: it reads them)."""
    documents.write(db, documents.changed_products(events))


def snapshot(db: Database) -> dict[str, list[Row]]:
    """Every row of every read model, in a stable order (by the first column, ties by the
    whole row): for audits and for tests."""
    return {
        table: sorted(
            db.rows(f"SELECT * FROM {table}"), key=lambda row: (next(iter(row.values())), repr(row))
        )
        for table in TABLES
        if table not in TRACKING.tables + PROGRESS.tables + SHAPE.tables
    }


def project_next_batch(
    db: Database,
    decode: Callable[[Notification], object],
    limit: int,
    attempting: Callable[[int, int], object] = lambda first, last: None,
    fence: Callable[[Database], object] = lambda db: None,
    *,
    announce: bool = True,
) -> tuple[int, int]:
    """Applies the next ``limit`` events after the tracked position in one transaction, with
    the new position and the time of advance; returns how many and the position reached.

    ``fence`` is called first in the transaction and raises to keep the batch from being
    committed (a projector that lost its lease, ``projections.lease``); ``attempting`` is
    told the first and last position of the batch before it is applied. With ``announce``
    the new position is announced as the batch commits (a rebuild's shadow does not
    announce: its read models serve nobody yet).
    """
    with db.transaction():
        fence(db)
        position = tracked_position(db, lock=True)
        notifications = events_after(db, position, limit)
        if not notifications:
            return 0, position
        attempting(notifications[0].id, notifications[-1].id)
        events = [(notification.id, decode(notification)) for notification in notifications]
        growth = leaves.made(db, events)  # it reads the tree so far
        apply_batch(db, events).send()  # reads what it needs before it writes
        leaves.add(db, growth)
        advance_tracking(db, notifications[-1].id)
        record_advance(db, now())
        if announce:
            announce_advance(db, notifications[-1].id)
        write_documents(db, events)  # it reads the other read models, written above
    return len(notifications), notifications[-1].id
