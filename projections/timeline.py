"""The public timeline: each product's dated milestones (joined, certificate issued,
suspended, reinstated, revoked, removed) with their public reasons and references, and the
register's latest such changes.

A query only: it joins the milestones, certificates and status read models, and reads no
officials' notes (the reasons are those ``lifecycle.publication`` lets the public read).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from projections.schema import tracked_position
from storage.in_lists import marks, padded
from storage.sql import Database, Row

TIMELINE = (
    "SELECT m.position, m.kind, m.effective_on, s.code, s.name, s.province, "
    "r.reason, r.reference, r.corrective_deadline, c.number, c.stars, c.decision_ref, "
    "c.valid_until, s.removal_reason, s.removal_decision_ref "
    "FROM programme_milestones m JOIN product_status s ON s.product_id = m.product_id "
    "LEFT JOIN certificate_reasons r ON r.position = m.position "
    "LEFT JOIN certificates c ON c.product_id = m.product_id AND c.issued_position = m.position"
)


@dataclass(frozen=True, slots=True)
class Milestone:
    """One dated change as the public reads it (an object, so that a template reads each
    field as an attribute, at once)."""

    position: int
    kind: str
    on: date
    code: str
    name: str
    province: str
    reason: str | None
    reference: str | None
    corrective_deadline: date | None
    certificate_number: str | None
    stars: int | None
    valid_until: date | None


def milestone(row: Row) -> Milestone:
    """One dated change, from a row of ``TIMELINE``."""
    removal = row["kind"] == "removals"
    return Milestone(
        position=row["position"],
        kind=row["kind"],
        on=row["effective_on"],
        code=row["code"],
        name=row["name"],
        province=row["province"],
        reason=row["removal_reason"] if removal else row["reason"],
        reference=row["removal_decision_ref"] if removal else (
            row["decision_ref"] or row["reference"]
        ),
        corrective_deadline=row["corrective_deadline"],
        certificate_number=row["number"],
        stars=row["stars"],
        valid_until=row["valid_until"],
    )  # fmt: skip


def of_product(db: Database, code: str) -> list[Milestone]:
    """Every public milestone of one product, in log order."""
    rows = db.rows(f"{TIMELINE} WHERE s.code = ? ORDER BY m.position", (code,))
    return [milestone(row) for row in rows]


def of_each(db: Database, codes: Sequence[str]) -> dict[str, list[Milestone]]:
    """The public milestones of each product of ``codes`` found, in log order, by code, in
    one query (what ``of_product`` answers for each)."""
    among = padded(codes)
    rows = db.rows(f"{TIMELINE} WHERE s.code IN ({marks(among)}) ORDER BY m.position", among)
    changes: dict[str, list[Milestone]] = {}
    for row in rows:
        changes.setdefault(row["code"], []).append(milestone(row))
    return changes


def latest(db: Database, limit: int) -> list[Milestone]:
    """The register's ``limit`` latest public milestones, newest first."""
    rows = db.rows(f"{TIMELINE} ORDER BY m.position DESC LIMIT ?", (limit,))
    return [milestone(row) for row in rows]


def reflected(db: Database) -> tuple[int, datetime | None]:
    """The log position the read models reflect, and when the event there was recorded
    (from the audit trail; None before the first event)."""
    position = tracked_position(db)
    rows = db.rows("SELECT recorded_at FROM audit_trail WHERE position = ?", (position,))
    return position, rows[0]["recorded_at"] if rows else None
