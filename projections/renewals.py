"""Renewals: which certificate re-recognised which, the notices given before a certificate
ends, and the certificates due for notice (per province, as of the day asked about)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from lifecycle.events import ProductEvent, Revoked, Starred
from lifecycle.renewal import NOTICES, notice_by
from lifecycle.renewal_events import RenewalNoticeGiven
from projections.schema import ReadModel, Writes
from projections.status import PLACED_ROWS, STANDING, expired, in_province, public
from storage.sql import Database

DDL = (
    """CREATE TABLE IF NOT EXISTS certificate_ends (
        product_id TEXT PRIMARY KEY, number TEXT NOT NULL, valid_until DATE NOT NULL,
        revoked INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS renewals (
        number TEXT PRIMARY KEY, renews TEXT NOT NULL, product_id TEXT NOT NULL,
        effective_on DATE NOT NULL, position BIGINT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS renewals_renews ON renewals (renews)",
    """CREATE TABLE IF NOT EXISTS renewal_notices (
        position BIGINT PRIMARY KEY, number TEXT NOT NULL, product_id TEXT NOT NULL,
        notice_ref TEXT NOT NULL, given_on DATE NOT NULL, notice_by DATE NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS renewal_notices_number ON renewal_notices (number)",
)
# The longest notice any set asks for: how far past the horizon a certificate may end.
DAY = timedelta(days=1)
LONGEST_NOTICE = max(notice.days_before for notice in NOTICES.values())


# Each product's last certificate, before the batch.
ENDS = "SELECT * FROM certificate_ends WHERE product_id IN ({products})"


def apply(writes: Writes, position: int, event: ProductEvent) -> None:
    """A certificate decided while the product's previous one stood unrevoked, or the day
    after it ended, re-recognises it (``lifecycle.renewal.renewed_number``'s rule, over the
    model's own note of each product's last certificate); a notice is noted as given."""
    product_id = str(event.originator_id)
    ends = writes.recall(ENDS)
    last = ends.get(product_id)
    if isinstance(event, Starred):
        if last and not last["revoked"] and last["valid_until"] >= event.valid_from - DAY:
            writes.append(
                "renewals",
                {"number": event.certificate_number, "renews": last["number"],
                 "product_id": product_id, "effective_on": event.effective_on,
                 "position": position},
            )  # fmt: skip
        ends[product_id] = {"product_id": product_id, "number": event.certificate_number,
                            "valid_until": event.valid_until, "revoked": 0}  # fmt: skip
        writes.upsert("certificate_ends", "product_id", ends[product_id])
    elif isinstance(event, Revoked) and last is not None:
        last["revoked"] = 1
        writes.upsert("certificate_ends", "product_id", last)
    elif isinstance(event, RenewalNoticeGiven):
        writes.append(
            "renewal_notices",
            {"position": position, "number": event.certificate_number,
             "product_id": product_id, "notice_ref": event.notice_ref,
             "given_on": event.effective_on, "notice_by": event.notice_by},
        )  # fmt: skip


MODEL = ReadModel("renewals", ("certificate_ends", "renewals", "renewal_notices"), DDL, apply)


def of_certificate(db: Database, number: str) -> dict[str, str | None]:
    """The certificate a certificate renews, and the one that renewed it (None for neither)."""
    renews = db.rows("SELECT renews FROM renewals WHERE number = ?", (number,))
    renewed_by = db.rows("SELECT number FROM renewals WHERE renews = ?", (number,))
    return {
        "renews": renews[0]["renews"] if renews else None,
        "renewed_by": renewed_by[0]["number"] if renewed_by else None,
    }


def notices(db: Database, numbers: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The notices given for each of the certificates, in the order given."""
    given: dict[str, list[dict[str, Any]]] = {number: [] for number in numbers}
    if numbers:
        rows = db.rows(
            "SELECT number, notice_ref, given_on FROM renewal_notices WHERE number IN "
            f"({', '.join('?' * len(numbers))}) ORDER BY position",
            numbers,
        )
        for row in rows:
            given[row["number"]].append({"notice_ref": row["notice_ref"], "on": row["given_on"]})
    return given


def due_for_notice(
    db: Database, *, on: date, within_days: int, province: str | None
) -> list[dict[str, Any]]:
    """Certificates standing on ``on`` whose notice is due by ``within_days`` days on (or was
    due already), soonest first, each with the notices given so far."""
    region, params = in_province(province, on)
    horizon = on + timedelta(days=within_days)
    rows = db.rows(
        f"{PLACED_ROWS} WHERE s.status IN {STANDING} AND NOT {expired('s')} "
        f"AND s.valid_until <= ? {region} ORDER BY s.valid_until, s.code",
        [on, on, horizon + timedelta(days=LONGEST_NOTICE), *params],
    )
    due = [row for row in rows if notice_by(row["valid_until"]) <= horizon]
    given = notices(db, [row["certificate_number"] for row in due])
    return [
        {
            **public(row, on),
            "notice_by": notice_by(row["valid_until"]),
            "days_left": (row["valid_until"] - on).days,
            "notices": given[row["certificate_number"]],
        }
        for row in due
    ]
