"""The register as open data: one row per product, with its public status on a day, read
up to one log position.

``COLUMNS`` is the one declaration of the columns: their order, names, types (Frictionless
Table Schema types) and meaning. The CSV header, the JSON keys and the data package's schema
are all made from it. Rows come in chunks, by product code, from ``public_changes``: its rows
are only ever added, so chunks read one after the other up to the same position belong to
that position, however long the export takes and whatever is projected meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial

from lifecycle.places import province_on
from lifecycle.values import OwnerKind, Status
from projections import status
from projections.public_facts import public_stars
from storage.sql import Database, Row

CHUNK = 1000


@dataclass(frozen=True)
class Column:
    """One column of the open data: name, Table Schema type, and what it means."""

    name: str
    type: str  # "string", "integer" or "date"
    description: str
    values: tuple[str, ...] = ()  # the only values it may hold, if it is a choice
    optional: bool = False  # empty (CSV) or null (JSON) where the product has none


COLUMNS: tuple[Column, ...] = (
    Column("code", "string", "The product's programme code, as printed on its label."),
    Column("name", "string", "The product's name."),
    Column("owner_name", "string", "The owner's public name (business, cooperative, group)."),
    Column("owner_kind", "string", "The owner's legal form.", tuple(k.value for k in OwnerKind)),
    Column("province", "string", "Province where the product is made, as recorded by as_of."),
    Column(
        "province_as_of",
        "string",
        "The province that place lies in on as_of: after the mergers of 1 July 2025 the "
        "successor of a merged province (Tuyên Quang for Hà Giang), else the same.",
    ),
    Column("district", "string", "District where the product is made."),
    Column("commune", "string", "Commune where the product is made."),
    Column("group", "string", "Product group under the criteria set."),
    Column("subgroup", "string", "Product subgroup, if any."),
    Column("registered_on", "date", "The day the product joined the programme."),
    Column("as_of", "date", "The day the status and stars below are read for."),
    Column(
        "status",
        "string",
        "Public status on as_of; a certificate past valid_until reads expired.",
        tuple(s.value for s in Status),
    ),
    Column(
        "stars",
        "integer",
        "Stars of the certificate standing on as_of (else empty).",
        optional=True,
    ),
    Column(
        "last_stars",
        "integer",
        "Stars of the last certificate issued by as_of, if any.",
        optional=True,
    ),
    Column(
        "certificate_number",
        "string",
        "Number of the last certificate issued by as_of.",
        optional=True,
    ),
    Column("valid_from", "date", "First day that certificate is valid.", optional=True),
    Column("valid_until", "date", "Last day that certificate is valid.", optional=True),
    Column(
        "last_change",
        "string",
        "The last public change by as_of.",
        (
            "registered",
            "certified",
            "suspended",
            "reinstated",
            "revoked",
            "removed",
            "corrected",
            "transferred",
            "place-renamed",
        ),
    ),
    Column("last_change_on", "date", "The day that change took effect."),
)
NAMES = tuple(column.name for column in COLUMNS)

# The next products by code after a code (registered by a day, among the changes up to a log
# position), each with its last public change on or before that day (its details as they
# read then, corrections included); the status as of the
# day comes from STATUS_ON. The products are chosen before their changes are looked up, so a
# chunk costs the same wherever it falls in the register.
ROWS = f"""SELECT s.*, {status.STATUS_ON} AS status_on FROM (
    SELECT r.code, c.name, c.owner_name, c.owner_kind, c.province, c.district, c.commune,
        c.product_group, c.subgroup, r.effective_on AS registered_on, c.status, c.stars,
        c.certificate_number, c.valid_from, c.valid_until, c.kind AS last_change,
        c.effective_on AS last_change_on
    FROM (SELECT * FROM public_changes WHERE kind = 'registered' AND code > ?
          AND effective_on <= ? AND position <= ? ORDER BY code LIMIT ?) r
    JOIN public_changes c ON c.position = (
        SELECT MAX(p.position) FROM public_changes p
        WHERE p.product_id = r.product_id AND p.effective_on <= ? AND p.position <= ?)) s
ORDER BY s.code"""


def chunk(db: Database, *, on: date, upto: int, after_code: str, size: int) -> list[Row]:
    """The next ``size`` products after ``after_code``, by code, on the register on ``on``,
    as the log up to position ``upto`` says; each row holds the columns, by name."""
    rows = db.rows(ROWS, (on, after_code, on, upto, size, on, upto))
    return [entry(row, on) for row in rows]


def entry(row: Row, on: date) -> Row:
    """One product's row of the open data, in the columns' order."""
    facts = {
        **row,
        "group": row["product_group"],
        "as_of": on,
        "province_as_of": province_on(row["province"], on),
        "status": row["status_on"],
        **public_stars(row["status_on"], row["stars"]),
    }
    return {name: facts[name] for name in NAMES}


def rows(
    ask: Callable[[Callable[[Database], list[Row]]], list[Row]],
    *,
    on: date,
    upto: int,
    size: int = CHUNK,
) -> Iterator[list[Row]]:
    """Every product's row, a chunk at a time, each chunk fetched only when asked for
    (through ``ask``, a read side's question); the rows belong to position ``upto``."""
    after_code = ""
    while True:
        found = ask(partial(chunk, on=on, upto=upto, after_code=after_code, size=size))
        if found:
            yield found
        if len(found) < size:
            return
        after_code = str(found[-1]["code"])
