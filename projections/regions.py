"""A province asked for by name, as the register's read models hold provinces: the search
keys of every registered name whose places lie in it on a day (``lifecycle.places``).

The name may be asked with or without diacritics, as every search of the register may; a
name the table of provinces does not know is taken as it is.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from lifecycle.places import PROVINCES, names_within, province_on
from projections.vietnamese import search_key


@cache
def known_by_key() -> dict[str, str]:
    """Each provincial unit's name, by its search key."""
    return {search_key(p.name): p.name for p in PROVINCES}


def province_keys(asked: str, on: date) -> list[str]:
    """The search keys of the registered names lying, on ``on``, in the province asked for:
    Tuyên Quang from 1 July 2025 takes in Hà Giang; Hà Giang then keeps its own places."""
    key = search_key(asked)
    name = known_by_key().get(key)
    if name is None:
        return [key]
    return sorted({search_key(within) for within in names_within(name, on)})


def in_region(column: str, province: str | None, on: date) -> tuple[str, list[Any]]:
    """The condition (to follow a WHERE clause) keeping the rows whose ``column`` (a search
    key) lies in the province asked for on ``on``, and its parameters; nothing for none."""
    if not province:
        return "", []
    keys = province_keys(province, on)
    return f"AND {column} IN ({', '.join('?' * len(keys))})", list(keys)


def as_provinces_on(counts: dict[str, int], on: date) -> dict[str, int]:
    """Counts by registered province, regrouped by the provinces standing on ``on``."""
    regrouped: dict[str, int] = {}
    for name, count in counts.items():
        under = province_on(name, on)
        regrouped[under] = regrouped.get(under, 0) + count
    return dict(sorted(regrouped.items()))


def shown_with_former(province: str, on: date) -> tuple[str, str | None]:
    """The province a place lies in on ``on``, and the registered name where it differs."""
    under = province_on(province, on)
    return under, (province if under != province else None)
