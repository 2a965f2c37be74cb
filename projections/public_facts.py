"""What the public reads of a product's standing: stars only while a certificate stands,
and the dated decision and public reason of a removal."""

from __future__ import annotations

from datetime import date
from typing import Any

from storage.sql import Row

CERTIFICATE_STANDS = frozenset({"certified", "suspended"})


def status_on(status: str, valid_until: date | None, on: date) -> str:
    """The product's status on ``on``: a standing certificate past valid-until reads expired
    (the twin, for rows already read, of ``projections.status.STATUS_ON``)."""
    if status in CERTIFICATE_STANDS and valid_until is not None and valid_until < on:
        return "expired"
    return status


def public_stars(status_on: str, stars: int | None) -> dict[str, int | None]:
    """Stars are shown as held only while the certificate stands (certified or suspended);
    the stars of the last certificate are kept apart, under a name that says so."""
    return {"stars": stars if status_on in CERTIFICATE_STANDS else None, "last_stars": stars}


def removal(row: Row) -> dict[str, Any] | None:
    """When and by which decision a product left the programme, and the public reason."""
    if row["removed_on"] is None:
        return None
    return {
        "on": row["removed_on"],
        "decision_ref": row["removal_decision_ref"],
        "reason": row["removal_reason"],
        "reason_code": row["removal_reason_code"],
    }
