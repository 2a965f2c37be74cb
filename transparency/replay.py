"""The public register recomputed from the log's entries alone, and compared with the one
the register publishes (its open data, ``/v1/public/register.json``).

A minimal replay of the PUBLIC facts, kept here so the verifier needs nothing of the
service (``lifecycle`` is not imported: it needs ``dateutil`` and ``eventsourcing``). It
follows the open data's columns (``projections.open_data``): a product is on the register
on a day once its registration took effect by then; its status is that of its last public
change by then (registered: participating; certified and reinstated: certified; suspended,
revoked, removed: so named; an office's correction, transfer or renamed place changes the
details it names and keeps the status); its certificate that of the last one issued,
whatever followed; a standing certificate (certified or suspended) past its valid-until
reads expired, and its stars are shown only while it stands. Evaluations change nothing
public. The rules themselves were checked when each event was recorded; the replay trusts
the entries' facts and recomputes only what the public reads of them. Standard library only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from transparency.refusals import LogMismatch

STATUS_AFTER = {
    "registered": "participating", "certified": "certified", "suspended": "suspended",
    "reinstated": "certified", "revoked": "revoked", "removed": "removed",
}  # fmt: skip
PLACE = ("name", "owner_name", "owner_kind", "province", "district", "commune", "group")
CERTIFICATE = ("stars", "certificate_number", "valid_from", "valid_until")
STANDS = ("certified", "suspended")
# The offices' changes to the public facts: the status stays what it was.
DETAILS = {
    "corrected": ("name", "owner_name", "district", "commune"),
    "transferred": ("owner_name", "owner_kind"),
    "place-renamed": ("province", "district", "commune"),
}


class PublicReplay:
    """Every product's public row on the day ``on``, from the entries up to ``upto``."""

    def __init__(self, on: str, upto: int) -> None:
        self.on, self.upto = on, upto
        self.products: dict[str, dict[str, Any]] = {}
        self.last_position: dict[str, int] = {}

    def add(self, entry: dict[str, Any]) -> None:
        """Takes one entry, in log order."""
        kind, on = entry["kind"], entry["effective_on"]
        if entry["position"] > self.upto or on > self.on:
            return
        if kind not in STATUS_AFTER and kind not in DETAILS:
            return
        code, fields = entry["product"], entry["fields"]
        if kind == "registered":
            facts = {name: fields[name] for name in PLACE}
            self.products[code] = {
                "code": code, **facts, "subgroup": fields["subgroup"], "registered_on": on,
                **dict.fromkeys(CERTIFICATE),
            }  # fmt: skip
        row = self.products.get(code)
        if row is None:
            raise LogMismatch(f"product {code} changes before it is registered", entry["position"])
        if kind == "certified":
            row.update({name: fields[name] for name in CERTIFICATE})
        given = fields.get("corrected", fields)  # a correction names what it changed
        row.update({name: given[name] for name in DETAILS.get(kind, ()) if name in given})
        status = STATUS_AFTER.get(kind, row.get("status"))
        row.update(status=status, last_change=kind, last_change_on=on)
        self.last_position[code] = entry["position"]

    def rows(self) -> dict[str, dict[str, Any]]:
        """Each product's row in the open data's terms, by code."""
        return {code: public_row(row, self.on) for code, row in self.products.items()}


def public_row(row: dict[str, Any], on: str) -> dict[str, Any]:
    """A replayed product as the open data publishes it on ``on``."""
    until = row["valid_until"]
    status = row["status"]
    if status in STANDS and until is not None and until < on:
        status = "expired"
    return {
        **{name: row[name] for name in ("code", *PLACE, "subgroup", "registered_on")},
        "as_of": on, "status": status,
        "stars": row["stars"] if status in STANDS else None, "last_stars": row["stars"],
        "certificate_number": row["certificate_number"], "valid_from": row["valid_from"],
        "valid_until": until, "last_change": row["last_change"],
        "last_change_on": row["last_change_on"],
    }  # fmt: skip


def compare(replay: PublicReplay, published: Sequence[dict[str, Any]]) -> int:
    """Checks the published register against the replay, product by product in code
    order; ``LogMismatch`` naming the first product that differs and its last position in
    the log. Returns how many products agree."""
    mine = replay.rows()
    theirs = {str(row.get("code")): row for row in published}
    for code in sorted(mine.keys() | theirs.keys()):
        at = replay.last_position.get(code)
        if code not in theirs:
            raise LogMismatch(f"product {code} is in the log but not in the public register", at)
        if code not in mine:
            raise LogMismatch(f"product {code} is in the public register but not in the log")
        for column, value in mine[code].items():
            if theirs[code].get(column) != value:
                raise LogMismatch(
                    f"product {code}: the public register says {column} "
                    f"{theirs[code].get(column)!r}, the log's entries make it {value!r}",
                    at,
                )
    return len(mine)


def register_rows(data: bytes) -> list[dict[str, Any]]:
    """The rows of the open data's JSON (an array of one object per product)."""
    rows = json.loads(data)
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ValueError("the public register is not an array of products")
    return rows


def day_of(rows: Iterable[dict[str, Any]], default: str) -> str:
    """The day the register's rows are read for (their ``as_of``), else ``default``."""
    return next((str(row["as_of"]) for row in rows if "as_of" in row), default)
