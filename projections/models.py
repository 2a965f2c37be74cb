"""Every read model, and their tables as a whole.

An event is applied to each in turn; none reads another's tables while being filled (the
audit trail and the milestones look up what they need in their own rows), only queries join.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lifecycle.events import ProductEvent
from projections import audit, certificates, milestones, public_register, status
from projections.dialect import Database, Row
from projections.schema import TRACKING, ReadModel, Writes, start_tracking

READ_MODELS: tuple[ReadModel, ...] = (
    status.MODEL,
    certificates.MODEL,
    audit.MODEL,
    public_register.MODEL,
    milestones.MODEL,
)
TABLES = tuple(table for model in (*READ_MODELS, TRACKING) for table in model.tables)


def create_tables(db: Database) -> None:
    """Creates every table that is missing, and starts tracking at zero (idempotent)."""
    db.lock_schema()
    for model in (*READ_MODELS, TRACKING):
        for statement in model.ddl:
            db.run(statement)
    start_tracking(db)


def drop_tables(db: Database) -> None:
    """Drops every read model and the tracking position."""
    db.lock_schema()
    for table in TABLES:
        db.run(f"DROP TABLE IF EXISTS {table}")


def apply_batch(db: Database, events: Sequence[tuple[int, Any]]) -> None:
    """Applies a batch of the log's events, with their positions, to every read model.

    Each read model takes the whole batch in log order before the next one starts (none
    reads another's tables while being filled); events of other kinds are passed over.
    """
    writes = Writes()
    for model in READ_MODELS:
        for position, event in events:
            if isinstance(event, ProductEvent):
                model.apply(writes, position, event)
    writes.send(db)


def snapshot(db: Database) -> dict[str, list[Row]]:
    """Every row of every read model, in a stable order: for audits and for tests."""
    return {
        table: db.rows(f"SELECT * FROM {table} ORDER BY 1")
        for table in TABLES
        if table != "projection_tracking"
    }
