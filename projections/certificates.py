"""Certificates: one row per certificate ever issued, with the dated reasons of its changes.

A new certificate supersedes the product's earlier one (unless that one was revoked).
Suspension, reinstatement and revocation act on the product's live certificate and leave a
dated public reason: only what ``lifecycle.publication`` says the public may read.
"expired" is read from valid-until against the day asked about.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from lifecycle.correction_events import CorrectiveDeadlineExtended
from lifecycle.events import ProductEvent, Reinstated, Revoked, Starred, Suspended
from lifecycle.publication import public_reason, reason_code
from projections import renewals, status
from projections.public_facts import public_stars
from projections.schema import ReadModel, Writes
from storage.sql import Database, Row

DDL = (
    """CREATE TABLE IF NOT EXISTS certificates (
        number TEXT PRIMARY KEY, product_id TEXT NOT NULL, stars INTEGER NOT NULL,
        decision_ref TEXT NOT NULL, issuing_level TEXT NOT NULL, criteria_set TEXT NOT NULL,
        valid_from DATE NOT NULL, valid_until DATE NOT NULL, state TEXT NOT NULL,
        suspended_on DATE, corrective_deadline DATE, revoked_on DATE, superseded_on DATE,
        issued_position BIGINT NOT NULL, position BIGINT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS certificates_product ON certificates (product_id, state)",
    """CREATE TABLE IF NOT EXISTS certificate_reasons (
        position BIGINT PRIMARY KEY, number TEXT NOT NULL, kind TEXT NOT NULL,
        effective_on DATE NOT NULL, reason TEXT NOT NULL, reason_code TEXT,
        reference_kind TEXT NOT NULL, reference TEXT NOT NULL, corrective_deadline DATE)""",
    "CREATE INDEX IF NOT EXISTS certificate_reasons_number ON certificate_reasons (number)",
)
LIVE_STATES = ("current", "suspended")
LIVE = "(" + ", ".join(f"'{state}'" for state in LIVE_STATES) + ")"

# The certificate's status on the day given as the parameter (expiry as ``status`` reads it).
STATE_ON = (
    f"CASE WHEN c.state IN {LIVE} AND {status.expired('c')} THEN 'expired' "
    "WHEN c.state = 'current' THEN 'certified' ELSE c.state END"
)


def state_on(state: str, valid_until: date, on: date) -> str:
    """The certificate's status on ``on`` (the twin, for rows already read, of ``STATE_ON``)."""
    if state in LIVE_STATES and valid_until < on:
        return "expired"
    return "certified" if state == "current" else state


WHY = ("kind", "reference_kind", "reference", "corrective_deadline")
# Each product's live certificate (at most one), before the batch.
LIVE_ONES = (
    f"SELECT product_id, number, state FROM certificates WHERE state IN {LIVE} "
    "AND product_id IN ({products})"
)


def apply(writes: Writes, position: int, event: ProductEvent) -> None:
    """Issue, supersede, suspend, reinstate or revoke; each change but issue leaves a reason."""
    product_id, day = str(event.originator_id), event.effective_on
    live = writes.recall(LIVE_ONES)
    standing = live.get(product_id)
    if isinstance(event, CorrectiveDeadlineExtended):
        if standing is not None and standing["state"] == "suspended":
            changed(writes, standing, position, corrective_deadline=event.corrective_deadline)
        return
    if isinstance(event, Starred):
        if standing is not None:
            changed(writes, standing, position, state="superseded", superseded_on=day)
        writes.append(
            "certificates",
            {"number": event.certificate_number, "product_id": product_id,
             "stars": event.stars, "decision_ref": event.decision_ref,
             "issuing_level": event.issuing_level.value, "criteria_set": event.criteria_set,
             "valid_from": event.valid_from, "valid_until": event.valid_until,
             "state": "current", "suspended_on": None, "corrective_deadline": None,
             "revoked_on": None, "superseded_on": None, "issued_position": position,
             "position": position},
            key="number",
        )  # fmt: skip
        live[product_id] = {"number": event.certificate_number, "state": "current"}
        return
    # Why (kind, reference kind, reference, corrective deadline) and what changes.
    why: tuple[str, str, str, date | None]
    if isinstance(event, Suspended):
        why = ("suspended", "inspection_ref", event.inspection_ref, event.corrective_deadline)
        columns = {"state": "suspended", "suspended_on": day,
                   "corrective_deadline": event.corrective_deadline}  # fmt: skip
    elif isinstance(event, Reinstated):
        why = ("reinstated", "reinspection_ref", event.reinspection_ref, None)
        columns = {"state": "current", "suspended_on": None, "corrective_deadline": None}
    elif isinstance(event, Revoked):
        why = ("revoked", "decision_ref", event.decision_ref, None)
        columns = {"state": "revoked", "revoked_on": day}
    else:
        return
    writes.append(
        "certificate_reasons",
        {"position": position, "number": standing["number"] if standing else None,
         "effective_on": day, "reason": public_reason(event), "reason_code": reason_code(event),
         **dict(zip(WHY, why, strict=True))},
    )  # fmt: skip
    if standing is not None:
        changed(writes, standing, position, **columns)
        if columns["state"] == "revoked":
            del live[product_id]


def changed(writes: Writes, standing: Row, position: int, **columns: Any) -> None:
    """Changes the product's live certificate (``standing``), as of ``position``."""
    writes.change("certificates", "number", standing["number"], {**columns, "position": position})
    standing["state"] = columns.get("state", standing["state"])


MODEL = ReadModel("certificates", ("certificates", "certificate_reasons"), DDL, apply)


def reasons(db: Database, number: str | None) -> list[dict[str, Any]]:
    """The dated reasons of every suspension, reinstatement and revocation, in order."""
    rows = db.rows(
        "SELECT * FROM certificate_reasons WHERE number = ? ORDER BY position", (number,)
    )
    return [reason(row) for row in rows]


def reason(row: Row) -> dict[str, Any]:
    """One row of ``certificate_reasons`` as the public reads it."""
    one = {
        "on": row["effective_on"],
        "kind": row["kind"],
        "reason": row["reason"],
        row["reference_kind"]: row["reference"],
    }
    for optional in ("reason_code", "corrective_deadline"):
        if row[optional] is not None:
            one[optional] = row[optional]
    return one


def public_certificate(db: Database, number: str, on: date) -> dict[str, Any] | None:
    """A certificate as anyone may read it: its own state, and its product's public facts."""
    rows = db.rows(
        f"SELECT c.*, {STATE_ON} AS state_on, {status.STATUS_ON} AS product_status_on, "
        "s.code, s.name, s.product_group, s.subgroup, s.owner_name, s.owner_kind, "
        "s.province, s.district, s.commune, s.certificate_number AS live_number, "
        "s.removed_on, s.removal_decision_ref, s.removal_reason, s.removal_reason_code "
        "FROM certificates c JOIN product_status s ON s.product_id = c.product_id "
        "WHERE c.number = ?",
        (on, on, number),
    )
    if not rows:
        return None
    return answer(rows[0], renewals.of_certificate(db, number), reasons(db, number), on)


def answer(
    row: Row, renewal: dict[str, str | None], dated: list[dict[str, Any]], on: date
) -> dict[str, Any]:
    """A certificate's public answer on ``on`` from its row beside its product's (``state_on``
    and ``product_status_on`` read for that day), its renewals and its dated reasons."""
    product = status.public(
        {**row, "status_on": row["product_status_on"], "certificate_number": row["number"]}, on
    )
    return {
        **product,
        "status": row["state_on"],
        **public_stars(row["state_on"], row["stars"]),
        "valid_from": row["valid_from"],
        "valid_until": row["valid_until"],
        "decision_ref": row["decision_ref"],
        "issuing_level": row["issuing_level"],
        "product_status": row["product_status_on"],
        "current_certificate": row["live_number"],
        **renewal,
        "reasons": dated,
        "issued_position": row["issued_position"],
        "proof": f"/log/proof/{row['issued_position']}.tlog-proof",
    }


def issued_position(db: Database, number: str) -> int | None:
    """The log position of the event that issued the certificate, if it was issued."""
    rows = db.rows("SELECT issued_position FROM certificates WHERE number = ?", (number,))
    return int(rows[0]["issued_position"]) if rows else None
