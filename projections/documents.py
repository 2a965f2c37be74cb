"""Ready-to-send public answers: each product's and each certificate's JSON exactly as the API
sends it, with its ETag, written by the projector in the batch that changed the product.

An answer depends on the day it is read: a certificate past valid-until reads expired, and
a place's province follows the mergers. Both turn on days known when the product changes
(the day after a certificate ends; the days provinces began or ended), so a document is
kept for each run of days on which its bytes stay the same, from its first day until the
next one's. A lookup reads the latest document from on or before today: one query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from lifecycle.events import ProductEvent
from lifecycle.places import JURISDICTION_CHANGES, province_on
from projections import certificates, status
from projections.public_answers import certificate_json, product_json
from projections.public_facts import status_on
from projections.schema import ReadModel
from storage.in_lists import marks, padded
from storage.sql import Database, Row

DDL = (
    """CREATE TABLE IF NOT EXISTS public_documents (
        kind TEXT NOT NULL, key TEXT NOT NULL, from_day DATE NOT NULL,
        product_id TEXT NOT NULL, body TEXT NOT NULL, etag TEXT NOT NULL,
        PRIMARY KEY (kind, key, from_day))""",
    "CREATE INDEX IF NOT EXISTS public_documents_product ON public_documents (product_id)",
)
# Filled per batch (``write``, called by ``models.write_documents``), not per event.
MODEL = ReadModel(
    "public documents", ("public_documents",), DDL, lambda writes, position, event: None
)
PRODUCT, CERTIFICATE = "product", "certificate"
FIRST_DAY = date.min  # a document's first run of days starts at the beginning of time
CHUNK = 500  # products read at a time (well under either database's cap on parameters)
COLUMNS = ("kind", "key", "from_day", "product_id", "body", "etag")  # as ``documents_of`` gives


class Document(NamedTuple):
    """A public answer's bytes and their strong ETag."""

    body: bytes
    etag: str


def etag_of(body: bytes) -> str:
    """The strong ETag of a document: a hash of its bytes."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def product_answer(row: Row, reasons: list[dict[str, Any]], on: date) -> dict[str, Any]:
    """A product's public answer on ``on`` from its status row (``status_on`` read for that
    day) and the dated reasons on its live certificate."""
    return {**status.public(row, on), "reasons": reasons}


def find(db: Database, kind: str, key: str, on: date) -> Document | None:
    """The document a lookup of ``key`` sends on ``on``, if there is one."""
    return find_each(db, kind, [key], on).get(key)


def find_each(db: Database, kind: str, keys: Sequence[str], on: date) -> dict[str, Document]:
    """The documents lookups of ``keys`` send on ``on``, by key, in one query (those found)."""
    among = padded(keys)
    rows = db.rows(
        f"SELECT key, body, etag FROM public_documents WHERE kind = ? AND key IN ({marks(among)})"
        " AND from_day <= ? ORDER BY from_day",  # each key's latest run of days comes last
        (kind, *among, on),
    )
    return {row["key"]: Document(row["body"].encode(), row["etag"]) for row in rows}


def changed_products(events: Iterable[tuple[int, Any]]) -> list[str]:
    """The ids of the products a batch's events change, each once, in log order."""
    ids = (str(event.originator_id) for _, event in events if isinstance(event, ProductEvent))
    return list(dict.fromkeys(ids))


def write(db: Database, product_ids: Sequence[str]) -> None:
    """Writes afresh the documents of these products and of their certificates, from the read
    models the batch has just filled (so after every other read model's writes)."""
    for first in range(0, len(product_ids), CHUNK):
        chunk = list(product_ids[first : first + CHUNK])
        rows = [row for standing in read(db, chunk) for row in documents_of(standing)]
        db.run(f"DELETE FROM public_documents WHERE product_id IN ({marks(chunk)})", chunk)
        db.append_rows("public_documents", COLUMNS, rows)


class Standing(NamedTuple):
    """What a product's documents are made of: its status row, its certificates' rows, the
    dated reasons by certificate number, and which certificate renewed which (both ways)."""

    product: Row
    certificates: list[Row]
    reasons: dict[str, list[dict[str, Any]]]
    renews: dict[str, str]
    renewed_by: dict[str, str]


def read(db: Database, product_ids: list[str]) -> list[Standing]:
    """The standing of each product, read in four queries for all of them."""
    among = f"IN ({marks(product_ids)})"
    products, issued, reasons, renewed = db.rows_of_each([
        (f"SELECT * FROM product_status WHERE product_id {among}", product_ids),
        (f"SELECT * FROM certificates WHERE product_id {among} ORDER BY number", product_ids),
        ("SELECT r.* FROM certificate_reasons r JOIN certificates c ON c.number = r.number "
         f"WHERE c.product_id {among} ORDER BY r.position", product_ids),
        (f"SELECT number, renews FROM renewals WHERE product_id {among}", product_ids),
    ])  # fmt: skip
    by_product: dict[str, list[Row]] = {}
    for row in issued:
        by_product.setdefault(row["product_id"], []).append(row)
    by_number: dict[str, list[dict[str, Any]]] = {}
    for row in reasons:
        by_number.setdefault(row["number"], []).append(certificates.reason(row))
    renews = {row["number"]: row["renews"] for row in renewed}
    renewed_by = {old: new for new, old in renews.items()}
    return [
        Standing(product, by_product.get(product["product_id"], []), by_number, renews, renewed_by)
        for product in products
    ]


def documents_of(standing: Standing) -> Iterator[tuple[Any, ...]]:
    """The rows of a product's documents and of its certificates', each for every run of days
    on which its bytes stay the same."""
    product, product_id = standing.product, standing.product["product_id"]
    live_reasons = standing.reasons.get(product["certificate_number"] or "", [])

    def product_status_on(day: date) -> str:
        return status_on(product["status"], product["valid_until"], day)

    def product_body(day: date) -> bytes:
        row = {**product, "status_on": product_status_on(day)}
        return product_json(product_answer(row, live_reasons, day))

    def product_read_on(day: date) -> tuple[str, ...]:
        return product_status_on(day), province_on(product["province"], day)

    yield from runs(PRODUCT, product["code"], product_id, product_body, product_read_on,
                    product["valid_until"])  # fmt: skip
    for issued in standing.certificates:
        number = issued["number"]
        renewal = {"renews": standing.renews.get(number),
                   "renewed_by": standing.renewed_by.get(number)}  # fmt: skip

        def certificate_body(
            day: date, issued: Row = issued, renewal: dict[str, str | None] = renewal
        ) -> bytes:
            row = {
                **product,
                **issued,
                "state_on": certificates.state_on(issued["state"], issued["valid_until"], day),
                "product_status_on": status_on(product["status"], product["valid_until"], day),
                "live_number": product["certificate_number"],
            }
            dated = standing.reasons.get(issued["number"], [])
            return certificate_json(certificates.answer(row, renewal, dated, day))

        def certificate_read_on(day: date, issued: Row = issued) -> tuple[str, ...]:
            state = certificates.state_on(issued["state"], issued["valid_until"], day)
            return (state, *product_read_on(day))

        ends = (issued["valid_until"], product["valid_until"])
        yield from runs(
            CERTIFICATE, number, product_id, certificate_body, certificate_read_on, *ends
        )


def runs(
    kind: str, key: str, product_id: str, body_on: Callable[[date], bytes],
    read_on: Callable[[date], tuple[str, ...]], *ends: date | None,
) -> Iterator[tuple[Any, ...]]:  # fmt: skip
    """A row for each day on which ``body_on(day)`` differs from the day before's, among the
    days it may change: the first day, the day after each of ``ends``, the mergers' days.

    ``read_on(day)`` is all that ``body_on`` reads of the day (statuses, the province acting):
    on a day where it reads as the day before, the body is the day before's, not made again.
    """
    days = {end + timedelta(days=1) for end in ends if end is not None}
    before: bytes | None = None
    read_before: tuple[str, ...] | None = None
    for day in (FIRST_DAY, *sorted(days | set(JURISDICTION_CHANGES))):
        read = read_on(day)
        if read == read_before:
            continue
        read_before, body = read, body_on(day)
        if body != before:
            yield (kind, key, day, product_id, body.decode(), etag_of(body))
        before = body
