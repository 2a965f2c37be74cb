"""The public register: a search key per product that matches Vietnamese with or without
diacritics and in any case (see ``projections.vietnamese``).

The key folds the product's code, name, owner's name, district and commune, and the number
of every certificate it was ever issued. Its public facts are read from the status row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from lifecycle.correction_events import OwnershipTransferred, RegistrationCorrected
from lifecycle.events import ProductEvent, Registered, Starred
from lifecycle.place_events import PlaceRenamed
from projections import status
from projections.regions import in_region
from projections.schema import ReadModel, Writes
from projections.vietnamese import like_pattern, search_key
from storage.sql import Database

DDL = (
    """CREATE TABLE IF NOT EXISTS public_register (
        product_id TEXT PRIMARY KEY, search_key TEXT NOT NULL,
        province_key TEXT NOT NULL, district_key TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS public_register_province ON public_register (province_key)",
)


# The products' rows as they stood before the batch.
ROWS = "SELECT * FROM public_register WHERE product_id IN ({products})"


def apply(writes: Writes, position: int, event: ProductEvent) -> None:
    """Registration enters the product; each certificate adds its number to the key, each
    correction or transfer its new words."""
    product_id = str(event.originator_id)
    if isinstance(event, Registered):
        where = event.location
        words = f"{event.code} {event.name} {event.owner.name} {where.district} {where.commune}"
        row = {"product_id": product_id, "search_key": search_key(words),
               "province_key": search_key(where.province),
               "district_key": search_key(where.district)}  # fmt: skip
        writes.recall(ROWS)[product_id] = row
        writes.append("public_register", row, key="product_id")
    elif isinstance(event, PlaceRenamed):
        # The keys stay the registered province's and district's (a province asked for takes
        # in the names merged into it); the new commune's words join the search key.
        more_words(writes, event, f"{event.location.district} {event.location.commune}")
    elif isinstance(event, Starred):
        more_words(writes, event, event.certificate_number)
    elif isinstance(event, RegistrationCorrected):
        # The corrected words are added: a search by the old spelling still finds it.
        more_words(writes, event, " ".join(event.corrected().values()))
        if event.district is not None:
            writes.change("public_register", "product_id", product_id,
                          {"district_key": search_key(event.district)})  # fmt: skip
    elif isinstance(event, OwnershipTransferred):
        more_words(writes, event, event.owner.name)


def more_words(writes: Writes, event: ProductEvent, words: str) -> None:
    """Adds words (a certificate's number, a corrected detail) to the product's search key."""
    product_id = str(event.originator_id)
    row = writes.recall(ROWS).get(product_id)
    if row is not None:
        row["search_key"] = f"{row['search_key']} {search_key(words)}"
        writes.change("public_register", "product_id", product_id,
                      {"search_key": row["search_key"]})  # fmt: skip


MODEL = ReadModel("public register", ("public_register",), DDL, apply)


def search(
    db: Database,
    *,
    q: str | None,
    province: str | None,
    district: str | None,
    group: str | None,
    stars: int | None,
    status_is: str | None,
    page: int,
    page_size: int,
    on: date,
) -> tuple[list[dict[str, Any]], int]:
    """One page of the register (ordered by code) and how many products match in all."""
    if group is not None and "\x00" in group:
        return [], 0  # no group holds a NUL, and PostgreSQL cannot even compare one
    conditions, params = ["TRUE"], list[Any]([on])
    for word in search_key(q or "").split():
        conditions.append("r.search_key LIKE ? ESCAPE '\\'")
        params.append(like_pattern(word))
    region, region_params = in_region("r.province_key", province, on)
    if region:
        conditions.append(region.removeprefix("AND "))
        params.extend(region_params)
    if district:
        conditions.append("r.district_key = ?")
        params.append(search_key(district))
    for column, wanted in (("s.product_group", group), ("s.stars", stars)):
        if wanted is not None:
            conditions.append(f"{column} = ?")
            params.append(wanted)
    if status_is:
        conditions.append(f"{status.STATUS_ON} = ?")
        params.extend((on, status_is))
    where = " AND ".join(conditions)
    found = (
        f"FROM ({status.STATUS_ROWS} "
        f"JOIN public_register r ON r.product_id = s.product_id WHERE {where}) found"
    )
    total = int(db.rows(f"SELECT COUNT(*) AS n {found}", params)[0]["n"])
    rows = db.rows(
        f"SELECT * {found} ORDER BY code LIMIT ? OFFSET ?",
        [*params, page_size, (max(page, 1) - 1) * page_size],
    )
    return [status.public(row, on) for row in rows], total
