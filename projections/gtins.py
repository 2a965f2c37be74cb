"""GTINs: the trade item numbers a product was registered with, for GS1 Digital Link
(``/01/{gtin}`` resolves to the product's page).

Stored as 14 digits (GTIN-8, -12 and -13 are padded with zeros on the left, as GS1 Digital
Link reads them). Registrations recorded before GTINs were known carry none.
"""

from __future__ import annotations

import re

from lifecycle.events import ProductEvent, Registered
from projections.schema import ReadModel, Writes
from storage.sql import Database

DDL = (
    """CREATE TABLE IF NOT EXISTS product_gtins (
        gtin TEXT PRIMARY KEY, product_id TEXT NOT NULL, position BIGINT NOT NULL)""",
)
GTIN = re.compile(r"^([0-9]{8}|[0-9]{12,14})$")


def as_gtin14(gtin: str) -> str | None:
    """The GTIN as 14 digits, or None unless it is 8, 12, 13 or 14 digits with a valid check
    digit (GS1's mod-10 weights 3 and 1 from the right)."""
    if not GTIN.match(gtin):
        return None
    padded = gtin.zfill(14)
    body, check = padded[:-1], int(padded[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return padded if (10 - total % 10) % 10 == check else None


def apply(writes: Writes, position: int, event: ProductEvent) -> None:
    """A registration enters each of the product's GTINs; a repeated one keeps the earliest
    registration's, whatever order the registrations are applied in (a rebuild in parts
    applies each part's products in log order, the parts side by side)."""
    if isinstance(event, Registered):
        for gtin in getattr(event, "gtins", ()) or ():
            padded = as_gtin14(gtin)
            if padded is not None:
                writes.run(
                    "INSERT INTO product_gtins (gtin, product_id, position) VALUES (?, ?, ?) "
                    "ON CONFLICT (gtin) DO UPDATE SET product_id = excluded.product_id, "
                    "position = excluded.position WHERE excluded.position < product_gtins.position",
                    (padded, str(event.originator_id), position),
                )


MODEL = ReadModel("product gtins", ("product_gtins",), DDL, apply)


def code_for(db: Database, gtin: str) -> str | None:
    """The code of the product registered with ``gtin``, if any."""
    padded = as_gtin14(gtin)
    if padded is None:
        return None
    rows = db.rows(
        "SELECT s.code FROM product_gtins g "
        "JOIN product_status s ON s.product_id = g.product_id WHERE g.gtin = ?",
        (padded,),
    )
    return str(rows[0]["code"]) if rows else None
