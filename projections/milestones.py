"""Milestones of the programme, dated by when they took effect, for counts over a period:
products joining, certificates issued, suspensions, reinstatements, revocations, removals.

Each milestone keeps the product's province and owner, so that counts by province and the
owners new to the programme need no other table.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from lifecycle import events
from projections import status
from projections.regions import as_provinces_on, in_region
from projections.schema import ReadModel, Writes
from projections.vietnamese import search_key
from storage.sql import Database

DDL = (
    """CREATE TABLE IF NOT EXISTS programme_milestones (
        position BIGINT PRIMARY KEY, product_id TEXT NOT NULL, kind TEXT NOT NULL,
        effective_on DATE NOT NULL, province_key TEXT NOT NULL, owner_id TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS programme_milestones_kind "
    "ON programme_milestones (kind, effective_on)",
    "CREATE INDEX IF NOT EXISTS programme_milestones_product "
    "ON programme_milestones (product_id, kind)",
)
KINDS: dict[type[events.ProductEvent], str] = {
    events.Registered: "joined",
    events.Starred: "certificates_issued",
    events.Suspended: "suspensions",
    events.Reinstated: "reinstatements",
    events.Revoked: "revocations",
    events.Removed: "removals",
}


# Each product's joining, whose province and owner its later milestones keep.
JOINED = (
    "SELECT product_id, province_key, owner_id FROM programme_milestones "
    "WHERE kind = 'joined' AND product_id IN ({products})"
)


def apply(writes: Writes, position: int, event: events.ProductEvent) -> None:
    """Records the milestone an event marks, if it marks one (evaluations do not)."""
    kind = KINDS.get(type(event))
    product_id = str(event.originator_id)
    joined = writes.recall(JOINED)
    if isinstance(event, events.Registered):
        joined[product_id] = {
            "product_id": product_id,
            "province_key": search_key(event.location.province),
            "owner_id": event.owner.organisation_id,
        }
    if kind is not None and product_id in joined:
        writes.append(
            "programme_milestones",
            {"position": position, "kind": kind, "effective_on": event.effective_on,
             **joined[product_id]},
        )  # fmt: skip


MODEL = ReadModel("programme milestones", ("programme_milestones",), DDL, apply)


def statistics(
    db: Database, *, start: date, end: date, province: str | None, on: date
) -> dict[str, Any]:
    """Counts over the period [start, end] and by province, group, stars and status on ``on``.

    The period's counts take the province as it stood at the period's end (Tuyên Quang up to
    2024 is the old province; up to 2026, Hà Giang's places too); the counts now, on ``on``."""
    region, region_params = in_region("province_key", province, end)
    counts: dict[str, Any] = {"start": start, "end": end, "province": province}
    for kind in KINDS.values():
        counts[kind if kind != "joined" else "joined_in_period"] = count(
            db,
            f"kind = ? AND effective_on BETWEEN ? AND ? {region}",
            [kind, start, end, *region_params],
        )
    counts["joined_total"] = count(
        db, f"kind = 'joined' AND effective_on <= ? {region}", [end, *region_params]
    )
    removed = count(db, f"kind = 'removals' AND effective_on <= ? {region}", [end, *region_params])
    counts["in_programme_at_end"] = counts["joined_total"] - removed
    counts["in_programme_at_end_by_province"] = at_end_by_province(db, end, region, region_params)
    owners = (
        "SELECT owner_id, MIN(effective_on) AS first_joined FROM programme_milestones "
        f"WHERE kind = 'joined' {region} GROUP BY owner_id"
    )
    counts["owners_total"] = int(
        db.rows(
            f"SELECT COUNT(*) AS n FROM ({owners}) o WHERE first_joined <= ?", [*region_params, end]
        )[0]["n"]
    )
    counts["new_owners_in_period"] = int(
        db.rows(
            f"SELECT COUNT(*) AS n FROM ({owners}) o WHERE first_joined BETWEEN ? AND ?",
            [*region_params, start, end],
        )[0]["n"]
    )
    counts["now"] = status.counts_now(db, on=on, province=province)
    return counts


def count(db: Database, where: str, params: list[Any]) -> int:
    """How many milestones match."""
    rows = db.rows(f"SELECT COUNT(*) AS n FROM programme_milestones WHERE {where}", params)
    return int(rows[0]["n"])


# Products joined and not removed by a day, by the province each registered in (its name as
# the registration recorded it, from the public changes).
AT_END = (
    "SELECT c.province AS k, COUNT(*) AS n FROM programme_milestones m "
    "JOIN public_changes c ON c.product_id = m.product_id AND c.kind = 'registered' "
    "WHERE m.kind = 'joined' AND m.effective_on <= ? {region} AND NOT EXISTS ("
    "SELECT 1 FROM programme_milestones r WHERE r.product_id = m.product_id "
    "AND r.kind = 'removals' AND r.effective_on <= ?) GROUP BY c.province"
)


def at_end_by_province(
    db: Database, end: date, region: str, region_params: list[Any]
) -> dict[str, int]:
    """Products in the programme on ``end``, by the provinces standing that day."""
    sql = AT_END.format(region=region.replace("province_key", "m.province_key"))
    rows = db.rows(sql, [end, *region_params, end])
    return as_provinces_on({str(row["k"]): int(row["n"]) for row in rows}, end)
