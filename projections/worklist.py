"""The staff's worklists of one province: the inspector's suspended products with their
corrective deadlines (the most overdue first) and the products inspected lately (suspended
or reinstated), over the same status and public-change rows as the transparency views; and
a council's products handed to its level (forwarded or proposed), newest first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from projections import public_changes
from projections.status import PLACED_ROWS, STATUS_ON, expired, in_province, public
from storage.sql import Database

INSPECTIONS = ("suspended", "reinstated")


def suspended(db: Database, *, on: date, province: str) -> list[dict[str, Any]]:
    """Suspended, unexpired certificates of ``province``, by corrective deadline (overdue
    first), with the days left (negative once overdue)."""
    region, params = in_province(province, on)
    rows = db.rows(
        f"{PLACED_ROWS} WHERE s.status = 'suspended' AND NOT {expired('s')} {region} "
        "ORDER BY s.corrective_deadline, s.code",
        [on, on, *params],
    )
    return [
        {
            **public(row, on),
            "suspended_on": row["suspended_on"],
            "corrective_deadline": row["corrective_deadline"],
            "suspension_reason": row["suspension_reason"],
            "days_left": (row["corrective_deadline"] - on).days,
        }
        for row in rows
    ]


def inspected(db: Database, *, province: str, limit: int) -> list[dict[str, Any]]:
    """The province's latest suspensions and reinstatements, newest first."""
    region, params = public_changes.in_province(province)
    rows = db.rows(
        f"SELECT * FROM public_changes WHERE kind IN {INSPECTIONS} {region} "
        "ORDER BY position DESC LIMIT ?",
        [*params, limit],
    )
    return [public_changes.public(row) for row in rows]


def suspensions(*, on: date, province: str) -> Callable[[Database], list[dict[str, Any]]]:
    """The question: the province's suspended products on ``on``."""
    return partial(suspended, on=on, province=province)


def inspections(*, province: str, limit: int = 20) -> Callable[[Database], list[dict[str, Any]]]:
    """The question: the province's latest inspections' outcomes."""
    return partial(inspected, province=province, limit=limit)


def handed(db: Database, *, to_level: str, province: str | None, on: date) -> list[dict[str, Any]]:
    """The products handed to ``to_level`` (of ``province``, or of every province for the
    central level), the latest hand-off first, with who handed them on what score."""
    region, params = in_province(province, on)
    rows = db.rows(
        f"SELECT s.*, {STATUS_ON} AS status_on, h.from_level, h.total AS handed_total, "
        "h.effective_on AS handed_on, h.dispatch_ref FROM product_status s "
        "JOIN public_register r ON r.product_id = s.product_id "
        f"JOIN hand_offs h ON h.product_id = s.product_id WHERE h.to_level = ? {region} "
        "ORDER BY h.position DESC LIMIT 200",
        [on, to_level, *params],
    )
    return [
        {
            **public(row, on),
            "from_level": row["from_level"],
            "handed_total": row["handed_total"],
            "handed_on": row["handed_on"],
            "dispatch_ref": row["dispatch_ref"],
        }
        for row in rows
    ]


def handed_to(
    *, level: str, province: str | None, on: date
) -> Callable[[Database], list[dict[str, Any]]]:
    """The question: the products handed to a council's level in its province."""
    return partial(handed, to_level=level, province=province, on=on)
