"""Audit trail: one row per event, in log order, with the event's full account as JSON.

The payload is ``lifecycle.describe.describe_event``, the same account the command line and
the auditor's history give, so they can be compared field by field.
"""

from __future__ import annotations

from typing import Any

from lifecycle.describe import describe_event
from lifecycle.events import ProductEvent, Registered
from projections.schema import ReadModel, Writes
from storage.sql import Database, Row, columns

DDL = (
    """CREATE TABLE IF NOT EXISTS audit_trail (
        position BIGINT PRIMARY KEY, product_id TEXT NOT NULL, code TEXT NOT NULL,
        version INTEGER NOT NULL, event_type TEXT NOT NULL, effective_on DATE NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL, actor_id TEXT NOT NULL, actor_role TEXT NOT NULL,
        actor_province TEXT, actor_level TEXT, refs JSON NOT NULL, payload JSON NOT NULL)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS audit_trail_product ON audit_trail (product_id, version)",
    "CREATE INDEX IF NOT EXISTS audit_trail_code ON audit_trail (code, version)",
)
REFERENCES = (
    "certificate_number",
    "minutes_ref",
    "decision_ref",
    "inspection_ref",
    "reinspection_ref",
    "notice_ref",
    "dispatch_ref",
)


# Each product's code, as its registration recorded it.
CODES = "SELECT product_id, code FROM audit_trail WHERE version = 1 AND product_id IN ({products})"


def apply(writes: Writes, position: int, event: ProductEvent) -> None:
    """Appends the event's row; a position applied twice fails loudly (primary key)."""
    product_id = str(event.originator_id)
    codes = writes.recall(CODES)
    if isinstance(event, Registered):
        codes[product_id] = {"product_id": product_id, "code": event.code}
    refs = {name: getattr(event, name) for name in REFERENCES if hasattr(event, name)}
    actor = event.actor
    writes.append(
        "audit_trail",
        {
            "position": position,
            "product_id": product_id,
            "code": codes[product_id]["code"],
            "version": event.originator_version,
            "event_type": type(event).__name__,
            "effective_on": event.effective_on,
            "recorded_at": event.timestamp,
            "actor_id": actor.principal_id,
            "actor_role": actor.role.value,
            "actor_province": actor.province,
            "actor_level": actor.level.value if actor.level else None,
            "refs": refs,
            "payload": describe_event(event),
        },
    )


MODEL = ReadModel("audit trail", ("audit_trail",), DDL, apply)


def entry(row: Row) -> dict[str, Any]:
    """One audit row as auditors read it."""
    return {
        **columns(row, "position", "product_id", "code", "version"),
        "type": row["event_type"],
        **columns(row, "effective_on", "recorded_at"),
        "actor": {
            "principal_id": row["actor_id"],
            "role": row["actor_role"],
            "province": row["actor_province"],
            "level": row["actor_level"],
        },
        **columns(row, "refs", "payload"),
    }


def trail(db: Database, after: int, limit: int) -> list[dict[str, Any]]:
    """Rows with a log position after ``after``, in log order, at most ``limit``."""
    rows = db.rows(
        "SELECT * FROM audit_trail WHERE position > ? ORDER BY position LIMIT ?", (after, limit)
    )
    return [entry(row) for row in rows]


def of_product(db: Database, code: str) -> list[dict[str, Any]]:
    """Every event of one product, in version order."""
    rows = db.rows("SELECT * FROM audit_trail WHERE code = ? ORDER BY version", (code,))
    return [entry(row) for row in rows]
