"""Hand-offs between levels: one row per forwarding to the province and per potential-5-star
proposal, so that staff read on a product's status who handed it up, when, with what score.

Hand-offs are not published (like the evaluations they rest on): only auditors and the
product's province read them, through ``questions.product_status``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lifecycle.describe import as_number
from lifecycle.events import ProductEvent
from lifecycle.handoff_events import HandedOff
from projections.schema import ReadModel, Writes
from storage.sql import Database, columns

DDL = (
    """CREATE TABLE IF NOT EXISTS hand_offs (
        position BIGINT PRIMARY KEY, product_id TEXT NOT NULL, kind TEXT NOT NULL,
        from_level TEXT NOT NULL, to_level TEXT NOT NULL, effective_on DATE NOT NULL,
        handed_by TEXT NOT NULL, total TEXT NOT NULL, band INTEGER NOT NULL,
        criteria_set TEXT NOT NULL, minutes_ref TEXT NOT NULL, evaluated_on DATE NOT NULL,
        dispatch_ref TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS hand_offs_product ON hand_offs (product_id, position)",
)
# The total is kept as its exact decimal text (69.5 stays 69.5 on both backends).
COLUMNS = ("kind", "from_level", "to_level", "criteria_set", "minutes_ref", "dispatch_ref")


def apply(writes: Writes, position: int, event: ProductEvent) -> None:
    """A forwarding or a proposal adds its row; other events add nothing."""
    if not isinstance(event, HandedOff):
        return
    row = {
        "position": position, "product_id": str(event.originator_id), "kind": event.kind.value,
        "from_level": event.from_level.value, "to_level": event.to_level.value,
        "effective_on": event.effective_on, "handed_by": event.actor.principal_id,
        "total": str(event.total), "band": event.band, "criteria_set": event.criteria_set,
        "minutes_ref": event.minutes_ref, "evaluated_on": event.evaluated_on,
        "dispatch_ref": event.dispatch_ref,
    }  # fmt: skip
    writes.append("hand_offs", row)


MODEL = ReadModel("hand-offs", ("hand_offs",), DDL, apply)


def of_product(db: Database, product_id: str) -> list[dict[str, Any]]:
    """Every hand-off of the product, oldest first, as staff read it."""
    rows = db.rows("SELECT * FROM hand_offs WHERE product_id = ? ORDER BY position", (product_id,))
    return [
        {
            **columns(row, *COLUMNS),
            "by": row["handed_by"],
            "on": row["effective_on"],
            "total": as_number(Decimal(row["total"])),
            "band": row["band"],
            "evaluated_on": row["evaluated_on"],
        }
        for row in rows
    ]
