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
    "product_id, code, name, owner_name, owner_kind, province, province_key, district, "
    "commune, product_group, subgroup"
)
CERTIFICATE = ("stars", "certificate_number", "valid_from", "valid_until")
# A later change keeps the product's facts and, unless it issues one, its certificate.
FOLLOWS = (
    f"INSERT INTO public_changes (position, kind, status, effective_on, recorded_at, "
    f"public_reason, reason_code, reference_kind, reference, {', '.join(CERTIFICATE)}, {FACTS}) "
    "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    f"{', '.join(f'COALESCE(?, {column})' for column in CERTIFICATE)}, {FACTS} "
    "FROM public_changes WHERE position = "
    "(SELECT MAX(position) FROM public_changes WHERE product_id = ?)"
)


# A change of place keeps the product's status and certificate and reads its new place.
RENAMED = (
    f"INSERT INTO public_changes (position, kind, status, effective_on, recorded_at, "
    f"reference_kind, reference, {', '.join(CERTIFICATE)}, {FACTS}) "
    f"SELECT ?, 'place-renamed', status, ?, ?, 'decision_ref', ?, {', '.join(CERTIFICATE)}, "
    "product_id, code, name, owner_name, owner_kind, ?, ?, ?, ?, product_group, subgroup "
    "FROM public_changes WHERE position = "
    "(SELECT MAX(position) FROM public_changes WHERE product_id = ?)"
)


def apply(writes: Writes, position: int, event: events.ProductEvent) -> None:
    """Registration enters the product's facts; each later public change copies them."""
    if isinstance(event, events.Registered):
        where = event.location
        row = {
            "position": position, "product_id": str(event.originator_id), "code": event.code,
            "kind": "registered", "status": "participating", "effective_on": event.effective_on,
            "recorded_at": event.timestamp, "reference_kind": "code", "reference": event.code,
            "name": event.name, "owner_name": event.owner.name,
            "owner_kind": event.owner.kind.value, "province": where.province,
            "province_key": search_key(where.province), "district": where.district,
            "commune": where.commune, "product_group": event.group, "subgroup": event.subgroup,
        }  # fmt: skip
        writes.run(
            f"INSERT INTO public_changes ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        return
    if isinstance(event, (corrections.RegistrationCorrected, corrections.OwnershipTransferred)):
        return correction(writes, position, event)
    if isinstance(event, PlaceRenamed):
        where = event.location
        writes.run(
            RENAMED,
            (position, event.effective_on, event.timestamp, event.decision_ref, where.province,
             search_key(where.province), where.district, where.commune, str(event.originator_id)),
        )  # fmt: skip
        return
    if type(event) not in KINDS:
        return  # an evaluation (or a deadline's extension) is not published here
    kind, status, reference = KINDS[type(event)]
    issued = (
        (event.stars, event.certificate_number, event.valid_from, event.valid_until)
        if isinstance(event, events.Starred)
        else (None, None, None, None)
    )
    writes.run(
        FOLLOWS,
        (position, kind, status, event.effective_on, event.timestamp, public_reason(event),
         reason_code(event), reference, getattr(event, reference), *issued,
         str(event.originator_id)),
    )  # fmt: skip


# A correction or transfer keeps the status (read on its day) and the certificate, then
# sets the details it changed.
CORRECTION = (
    f"INSERT INTO public_changes (position, kind, status, effective_on, recorded_at, "
    f"reference_kind, reference, {', '.join(CERTIFICATE)}, {FACTS}) "
    "SELECT ?, ?, CASE WHEN status IN ('certified', 'suspended') AND valid_until < ? "
    f"THEN 'expired' ELSE status END, ?, ?, 'decision_ref', ?, {', '.join(CERTIFICATE)}, "
    f"{FACTS} FROM public_changes WHERE position = "
    "(SELECT MAX(position) FROM public_changes WHERE product_id = ?)"
)
CORRECTED = (
    "UPDATE public_changes SET name = COALESCE(?, name), owner_name = COALESCE(?, owner_name), "
    "owner_kind = COALESCE(?, owner_kind), district = COALESCE(?, district), "
    "commune = COALESCE(?, commune) WHERE position = ?"
)


def correction(
    writes: Writes,
    position: int,
    event: corrections.RegistrationCorrected | corrections.OwnershipTransferred,
) -> None:
    """A correction of the registered details, or a transfer to a new owner: the product's
    public facts from then on."""
    day, details = event.effective_on, tuple[str | None, ...]()
    if isinstance(event, corrections.RegistrationCorrected):
        kind, now = "corrected", event.corrected()
        details = tuple(now.get(n) for n in ("name", "owner_name", "owner_kind"))
        details += (now.get("district"), now.get("commune"))
    else:
        kind, owner = "transferred", event.owner
        details = (None, owner.name, owner.kind.value, None, None)
    writes.run(
        CORRECTION,
        (position, kind, day, day, event.timestamp, event.decision_ref, str(event.originator_id)),
    )
    writes.run(CORRECTED, (*details, position))


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
