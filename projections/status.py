"""Current status: one row per product, with its live certificate. The stored status is what
the events made it (participating, certified, suspended, revoked, removed); "expired" is read
from valid-until against the day asked about, never stored."""

from __future__ import annotations

from datetime import date
from typing import Any

from lifecycle import correction_events as corrections, events
from lifecycle.place_events import PlaceRenamed
from lifecycle.places import province_on
from lifecycle.publication import public_reason, reason_code
from projections.public_facts import CERTIFICATE_STANDS, public_stars, removal
from projections.regions import as_provinces_on, in_region
from projections.schema import ReadModel, Writes
from storage.sql import Database, Row, columns

DDL = (
    """CREATE TABLE IF NOT EXISTS product_status (
        product_id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        owner_id TEXT NOT NULL, owner_name TEXT NOT NULL, owner_kind TEXT NOT NULL,
        province TEXT NOT NULL, district TEXT NOT NULL, commune TEXT NOT NULL,
        product_group TEXT NOT NULL, subgroup TEXT NOT NULL, registered_on DATE NOT NULL,
        status TEXT NOT NULL, stars INTEGER, certificate_number TEXT,
        valid_from DATE, valid_until DATE, suspended_on DATE, corrective_deadline DATE,
        suspension_reason TEXT, revoked_on DATE, removed_on DATE,
        removal_decision_ref TEXT, removal_reason TEXT, removal_reason_code TEXT,
        last_event TEXT NOT NULL, last_effective_on DATE NOT NULL,
        version INTEGER NOT NULL, position BIGINT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS product_status_valid_until ON product_status (valid_until)",
)


def expired(row: str) -> str:
    """SQL: the certificate on the row aliased ``row`` is past its valid-until on the day given
    as the parameter. Expiry's one SQL home, the twin of ``Certificate.is_expired_on``."""
    return f"{row}.valid_until < ?"


# The stored statuses under which a certificate stands (see ``public_facts``).
STANDING = "(" + ", ".join(f"'{name}'" for name in sorted(CERTIFICATE_STANDS)) + ")"
# The status on the day given as the parameter: a standing certificate past valid-until
# reads expired.
STATUS_ON = f"CASE WHEN s.status IN {STANDING} AND {expired('s')} THEN 'expired' ELSE s.status END"
# Every status row with its status on the day given as the first parameter.
STATUS_ROWS = f"SELECT s.*, {STATUS_ON} AS status_on FROM product_status s"
# The same rows beside their register entry (alias ``r``), so they can be told by province.
PLACED_ROWS = f"{STATUS_ROWS} JOIN public_register r ON r.product_id = s.product_id"


def in_province(province: str | None, on: date) -> tuple[str, list[Any]]:
    """The condition (to follow a WHERE clause) keeping the rows of one province as it stood
    on ``on`` (old and new names alike), and its parameters; nothing for every province."""
    return in_region("r.province_key", province, on)


# The columns a registration leaves empty.
BLANK = dict.fromkeys(
    ("stars", "certificate_number", "valid_from", "valid_until", "suspended_on",
     "corrective_deadline", "suspension_reason", "revoked_on", "removed_on",
     "removal_decision_ref", "removal_reason", "removal_reason_code"),
)  # fmt: skip
NO_SUSPENSION = {"suspended_on": None, "corrective_deadline": None, "suspension_reason": None}


def changes(event: events.ProductEvent) -> dict[str, Any]:
    """The columns an event (other than registration) changes on the product's row."""
    if isinstance(event, events.Starred):
        return {
            "status": "certified",
            "stars": event.stars,
            "certificate_number": event.certificate_number,
            "valid_from": event.valid_from,
            "valid_until": event.valid_until,
            "revoked_on": None,
            **NO_SUSPENSION,
        }
    if isinstance(event, events.Suspended):
        return {
            "status": "suspended",
            "suspended_on": event.effective_on,
            "corrective_deadline": event.corrective_deadline,
            "suspension_reason": event.reason,
        }
    if isinstance(event, events.Reinstated):
        return {"status": "certified", **NO_SUSPENSION}
    if isinstance(event, events.Revoked):
        return {"status": "revoked", "revoked_on": event.effective_on}
    if isinstance(event, events.Removed):
        return {
            "status": "removed",
            "removed_on": event.effective_on,
            "removal_decision_ref": event.decision_ref,
            "removal_reason": public_reason(event),
            "removal_reason_code": reason_code(event),
        }
    return corrected(event)


def corrected(event: events.ProductEvent) -> dict[str, Any]:
    """The columns a correction, a renamed place or an evaluation under a later set changes."""
    if isinstance(event, corrections.RegistrationCorrected):
        return dict(event.corrected())  # the details are named as their columns
    if isinstance(event, corrections.OwnershipTransferred):
        owner = event.owner
        return {"owner_id": owner.organisation_id, "owner_name": owner.name,
                "owner_kind": owner.kind.value}  # fmt: skip
    if isinstance(event, PlaceRenamed):
        where = event.location
        return {"province": where.province, "district": where.district, "commune": where.commune}
    if isinstance(event, corrections.CorrectiveDeadlineExtended):
        return {"corrective_deadline": event.corrective_deadline}
    if isinstance(event, events.Evaluated) and event.group:  # named under a later set
        return {"product_group": event.group, "subgroup": event.subgroup}
    return {}  # an evaluation in the product's own group, a hand-off, a renewal notice


def apply(writes: Writes, position: int, event: events.ProductEvent) -> None:
    """Registration enters the product's row; every later event changes some of its columns."""
    last = {
        "last_event": type(event).__name__,
        "last_effective_on": event.effective_on,
        "version": event.originator_version,
        "position": position,
    }
    if isinstance(event, events.Registered):
        row = {
            "product_id": str(event.originator_id),
            "code": event.code,
            "name": event.name,
            "owner_id": event.owner.organisation_id,
            "owner_name": event.owner.name,
            "owner_kind": event.owner.kind.value,
            "province": event.location.province,
            "district": event.location.district,
            "commune": event.location.commune,
            "product_group": event.group,
            "subgroup": event.subgroup,
            "registered_on": event.effective_on,
            "status": "participating",
            **last,
        }
        writes.append("product_status", {**BLANK, **row}, key="product_id")
        return
    writes.change("product_status", "product_id", str(event.originator_id),
                  {**changes(event), **last})  # fmt: skip


MODEL = ReadModel("product status", ("product_status",), DDL, apply)


def find(db: Database, code: str, on: date) -> Row | None:
    """The product's row with its status on ``on``."""
    rows = db.rows(f"{STATUS_ROWS} WHERE s.code = ?", (on, code))
    return rows[0] if rows else None


def described(row: Row) -> dict[str, Any]:
    """The whole status row as auditors read it (status as of the day asked about)."""
    answer = {k: v for k, v in row.items() if k not in ("status", "status_on", "product_group")}
    return {**answer, "group": row["product_group"], "status": row["status_on"]}


def public(row: Row, on: date) -> dict[str, Any]:
    """What anyone may read of a product on ``on``: no ids, no contacts; its place as
    recorded, and the province that place lies in on ``on`` (after the 2025 mergers)."""
    return {
        **columns(row, "code", "name"),
        "group": row["product_group"],
        **columns(row, "subgroup", "owner_name", "owner_kind", "province", "district", "commune"),
        "jurisdiction": province_on(row["province"], on),
        "status": row["status_on"],
        **public_stars(row["status_on"], row["stars"]),
        **columns(row, "certificate_number", "valid_from", "valid_until"),
        "removal": removal(row),
    }


def counts_now(db: Database, *, on: date, province: str | None) -> dict[str, dict[str, int]]:
    """Products by status on ``on``; by province and group while in the programme; by stars
    while certified."""
    region, params = in_province(province, on)
    products = f"{PLACED_ROWS} WHERE TRUE {region}"
    counts = {}
    for name, column, among in (
        ("by_status", "status_on", "TRUE"),
        ("by_province", "province", "status_on <> 'removed'"),
        ("by_group", "product_group", "status_on <> 'removed'"),
        ("by_stars", "stars", "status_on = 'certified'"),
    ):
        rows = db.rows(
            f"SELECT {column} AS k, COUNT(*) AS n FROM ({products}) p WHERE {among} "
            f"GROUP BY {column} ORDER BY {column}",
            [on, *params],
        )
        counts[name] = {str(row["k"]): int(row["n"]) for row in rows}
    counts["by_province"] = as_provinces_on(counts["by_province"], on)
    return counts
