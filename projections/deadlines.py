"""The transparency views over the current status: certificates expiring soon, and
suspensions whose corrective deadline has passed (both as of the day asked about)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from projections.status import PLACED_ROWS, STANDING, expired, in_province, public
from storage.sql import Database


def expiring(
    db: Database, *, on: date, within_days: int, province: str | None
) -> list[dict[str, Any]]:
    """Certificates still valid on ``on`` whose validity ends within ``within_days``."""
    region, params = in_province(province, on)
    rows = db.rows(
        f"{PLACED_ROWS} WHERE s.status IN {STANDING} AND NOT {expired('s')} "
        f"AND s.valid_until <= ? {region} ORDER BY s.valid_until, s.code",
        [on, on, on + timedelta(days=within_days), *params],
    )
    return [{**public(row, on), "days_left": (row["valid_until"] - on).days} for row in rows]


def overdue(db: Database, *, on: date, province: str | None) -> list[dict[str, Any]]:
    """Suspended, unexpired certificates whose corrective deadline passed before ``on``."""
    region, params = in_province(province, on)
    rows = db.rows(
        f"{PLACED_ROWS} WHERE s.status = 'suspended' AND NOT {expired('s')} "
        f"AND s.corrective_deadline < ? {region} ORDER BY s.corrective_deadline, s.code",
        [on, on, on, *params],
    )
    return [
        {
            **public(row, on),
            "suspended_on": row["suspended_on"],
            "corrective_deadline": row["corrective_deadline"],
            "suspension_reason": row["suspension_reason"],
            "days_overdue": (on - row["corrective_deadline"]).days,
        }
        for row in rows
    ]
