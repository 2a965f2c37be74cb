"""Public changes: one row per change the public may know of, in log order, with the
product's public facts as they stood after it.

A registration, a certificate, a suspension, a reinstatement, a revocation, a removal, a
correction of the registered details, a transfer to a new owner and a renamed place each add
a row (evaluations and extended deadlines are not published). Rows are only ever added, so
every answer read up to a log position is the same for ever: the change feed's cursor and the
open data as of a date rest on that. The public reason is ``lifecycle.publication``'s."""

from __future__ import annotations

from datetime import date
from typing import Any

from lifecycle import correction_events as corrections, events
from lifecycle.place_events import PlaceRenamed
from lifecycle.publication import public_reason, reason_code
from projections.public_facts import public_stars
from projections.regions import in_region
from projections.schema import ReadModel, Writes, tracked_position
from projections.vietnamese import search_key
from storage.sql import Database, Row, columns

DDL = (
    """CREATE TABLE IF NOT EXISTS public_changes (
        position BIGINT PRIMARY KEY, product_id TEXT NOT NULL, code TEXT NOT NULL,
        kind TEXT NOT NULL, status TEXT NOT NULL, effective_on DATE NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL, stars INTEGER, certificate_number TEXT,
        valid_from DATE, valid_until DATE, public_reason TEXT, reason_code TEXT,
        reference_kind TEXT NOT NULL, reference TEXT NOT NULL, name TEXT NOT NULL,
        owner_name TEXT NOT NULL, owner_kind TEXT NOT NULL, province TEXT NOT NULL,
        province_key TEXT NOT NULL, district TEXT NOT NULL, commune TEXT NOT NULL,
        product_group TEXT NOT NULL, subgroup TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS public_changes_product ON public_changes (product_id, position)",
    "CREATE INDEX IF NOT EXISTS public_changes_province ON public_changes (province_key, position)",
    "CREATE INDEX IF NOT EXISTS public_changes_registered ON public_changes (code) "
    "WHERE kind = 'registered'",
)
# What each change is called, the status it leaves, and the reference it was made under.
KINDS: dict[type[events.ProductEvent], tuple[str, str, str]] = {
    events.Starred: ("certified", "certified", "decision_ref"),
    events.Suspended: ("suspended", "suspended", "inspection_ref"),
    events.Reinstated: ("reinstated", "certified", "reinspection_ref"),
    events.Revoked: ("revoked", "revoked", "decision_ref"),
    events.Removed: ("removed", "removed", "decision_ref"),
}
FACTS = (
    "product_id", "code", "name", "owner_name", "owner_kind", "province", "province_key",
    "district", "commune", "product_group", "subgroup",
)  # fmt: skip
CERTIFICATE = ("stars", "certificate_number", "valid_from", "valid_until")
# Each product's last change, whose facts the next one copies.
LAST = (
    "SELECT * FROM public_changes WHERE position IN (SELECT MAX(position) FROM public_changes "
    "WHERE product_id IN ({products}) GROUP BY product_id)"
)


def apply(writes: Writes, position: int, event: events.ProductEvent) -> None:
    """Registration enters the product's facts; each later public change copies them."""
    last = writes.recall(LAST)
    product_id = str(event.originator_id)
    if isinstance(event, events.Registered):
        where = event.location
        row = {
            "product_id": product_id, "code": event.code, "kind": "registered",
            "status": "participating", "reference_kind": "code", "reference": event.code,
            "name": event.name, "owner_name": event.owner.name,
            "owner_kind": event.owner.kind.value, "province": where.province,
            "province_key": search_key(where.province), "district": where.district,
            "commune": where.commune, "product_group": event.group, "subgroup": event.subgroup,
            **dict.fromkeys(CERTIFICATE),
        }  # fmt: skip
        return added(writes, last, position, event, row)
    before = last.get(product_id)
    if before is None:
        return  # nothing published of the product: nothing to follow on from
    if isinstance(event, (corrections.RegistrationCorrected, corrections.OwnershipTransferred)):
        return added(writes, last, position, event, correction(before, event))
    follows = {name: before[name] for name in (*FACTS, *CERTIFICATE)}
    if isinstance(event, PlaceRenamed):
        where = event.location
        follows.update(province=where.province, province_key=search_key(where.province),
                       district=where.district, commune=where.commune)  # fmt: skip
        row = {**follows, "kind": "place-renamed", "status": before["status"],
               "reference_kind": "decision_ref", "reference": event.decision_ref}  # fmt: skip
        return added(writes, last, position, event, row)
    if type(event) not in KINDS:
        return  # an evaluation (or a deadline's extension) is not published here
    kind, status, reference = KINDS[type(event)]
    if isinstance(event, events.Starred):
        follows.update(stars=event.stars, certificate_number=event.certificate_number,
                       valid_from=event.valid_from, valid_until=event.valid_until)  # fmt: skip
    row = {**follows, "kind": kind, "status": status, "public_reason": public_reason(event),
           "reason_code": reason_code(event), "reference_kind": reference,
           "reference": getattr(event, reference)}  # fmt: skip
    added(writes, last, position, event, row)


def added(
    writes: Writes, last: dict[str, Row], position: int, event: events.ProductEvent, row: Row
) -> None:
    """Appends the change at ``position``, which the product's next change follows on from."""
    full = {"public_reason": None, "reason_code": None, **row, "position": position,
            "effective_on": event.effective_on, "recorded_at": event.timestamp}  # fmt: skip
    last[full["product_id"]] = full
    writes.append("public_changes", full)


def correction(
    before: Row, event: corrections.RegistrationCorrected | corrections.OwnershipTransferred
) -> Row:
    """A correction of the registered details, or a transfer to a new owner: the status (read
    on its day) and the certificate kept, the details it changed set."""
    day, expired = event.effective_on, before["valid_until"] is not None
    expired = expired and before["status"] in ("certified", "suspended")
    expired = expired and before["valid_until"] < day
    row = {name: before[name] for name in (*FACTS, *CERTIFICATE)}
    row.update(status="expired" if expired else before["status"],
               reference_kind="decision_ref", reference=event.decision_ref)  # fmt: skip
    if isinstance(event, corrections.RegistrationCorrected):
        row["kind"], now = "corrected", event.corrected()
        row.update({name: now[name] for name in DETAILS if now.get(name) is not None})
    else:
        row.update(kind="transferred", owner_name=event.owner.name,
                   owner_kind=event.owner.kind.value)  # fmt: skip
    return row


# The registered details a correction may change that the public reads here.
DETAILS = ("name", "owner_name", "owner_kind", "district", "commune")


MODEL = ReadModel("public changes", ("public_changes",), DDL, apply)


def in_province(province: str | None) -> tuple[str, list[Any]]:
    """The condition keeping one province's changes, and its parameters: the province as it
    stands from now on, so Tuyên Quang's feed holds Hà Giang's changes too (by search key)."""
    return in_region("province_key", province, date.max)


def after(
    db: Database, cursor: int, limit: int, province: str | None = None
) -> tuple[list[Row], int]:
    """At most ``limit`` changes after ``cursor``, in log order, and the cursor to go on from:
    the last change's position, or when none are left the position every change was read up
    to (so a filtered feed moves on too); never before ``cursor``."""
    upto = tracked_position(db)
    region, params = in_province(province)
    rows = db.rows(
        f"SELECT * FROM public_changes WHERE position > ? AND position <= ? {region} "
        "ORDER BY position LIMIT ?",
        [cursor, upto, *params, limit],
    )
    following = rows[-1]["position"] if len(rows) == limit else max(cursor, upto)
    return rows, int(following)


def latest(db: Database, limit: int, province: str | None = None) -> list[Row]:
    """The ``limit`` most recent changes, newest first."""
    region, params = in_province(province)
    return db.rows(
        f"SELECT * FROM public_changes WHERE position <= ? {region} ORDER BY position DESC LIMIT ?",
        [tracked_position(db), *params, limit],
    )


def public(row: Row) -> dict[str, Any]:
    """What anyone may read of a change: the product's public facts after it, and why."""
    return {
        **columns(row, "kind", "code", "name", "province", "district", "status"),
        **public_stars(row["status"], row["stars"]),
        **columns(row, "certificate_number", "valid_from", "valid_until", "effective_on"),
        **columns(row, "public_reason", "reason_code"),
        row["reference_kind"]: row["reference"],
    }
