"""Provinces and their successions as dated data, and a place's jurisdiction on a date.

Each provincial unit says when it was in force and which unit succeeded it
(``lifecycle/places_table.py`` holds the texts' figures). A product keeps the province it was
registered with; the province whose principals act on it on a day is derived by following
the successions up to that day: a Hà Giang product is under Tuyên Quang from 1 July 2025.
Names are matched exactly as the table writes them; a name the table does not know (an older
record's spelling) stands for itself, with no succession.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from lifecycle import errors
from lifecycle.places_table import (
    HUE_ON,
    HUE_SOURCE,
    MERGED_ON,
    MERGER_SOURCE,
    MERGERS,
    OLD_UNITS,
    UNCHANGED,
)
from lifecycle.values import Location

# From the day the provinces merged there is no district level (two-tier local government:
# province and commune), under Resolution 203/2025/QH15 amending the Constitution and the Law
# on the Organisation of Local Government 72/2025/QH15, both in force 1/7/2025 (ASSUMPTION:
# the texts' numbers as recalled, the texts not at hand; the date is the merger's).
DISTRICTS_ABOLISHED_ON = MERGED_ON


@dataclass(frozen=True)
class Province:
    """One provincial unit (province or centrally-run city) and the dates it stood."""

    name: str
    code: str
    in_force_from: date | None
    in_force_until: date | None  # the first day it no longer stands
    successor: str | None
    source: str

    def in_force_on(self, day: date) -> bool:
        """Whether the unit stood on ``day``."""
        starts, ends = self.in_force_from, self.in_force_until
        return (starts is None or starts <= day) and (ends is None or day < ends)


def slug(name: str) -> str:
    """The name without diacritics, lower-case and hyphenated (đ as d)."""
    bare = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(c for c in bare if not unicodedata.combining(c))
    return "-".join(ascii_name.lower().replace("-", " ").split())


def _old_unit(name: str, code: str) -> Province:
    if name == "Thừa Thiên Huế":
        return Province(name, code, None, HUE_ON, "Huế", HUE_SOURCE)
    if name in UNCHANGED:
        return Province(name, code, None, None, None, f"{MERGER_SOURCE}: unchanged")
    new, clause, _ = next(merger for merger in MERGERS if name in merger[2])
    return Province(name, code, None, MERGED_ON, new, f"{MERGER_SOURCE}, {clause}")


def _table() -> tuple[Province, ...]:
    old = [_old_unit(name, code) for name, code in OLD_UNITS.items()]
    hue = Province("Huế", OLD_UNITS["Thừa Thiên Huế"], HUE_ON, None, None, HUE_SOURCE)
    new = [
        Province(name, f"{slug(name)}-2025", MERGED_ON, None, None, f"{MERGER_SOURCE}, {clause}")
        for name, clause, _ in MERGERS
    ]
    return (*old, hue, *new)


PROVINCES: tuple[Province, ...] = _table()


@cache
def units_named(name: str) -> tuple[Province, ...]:
    """Every unit that bore ``name``, earliest first (Tuyên Quang before and after 2025)."""
    found = [p for p in PROVINCES if p.name == name]
    return tuple(sorted(found, key=lambda p: p.in_force_from or date.min))


def is_known(name: str) -> bool:
    """Whether the table knows a unit of that name."""
    return bool(units_named(name))


def provinces_on(day: date) -> tuple[Province, ...]:
    """The units standing on ``day``."""
    return tuple(p for p in PROVINCES if p.in_force_on(day))


def unit_on(name: str, day: date) -> Province | None:
    """The unit of that name standing on ``day``, if one did."""
    return next((p for p in units_named(name) if p.in_force_on(day)), None)


def province_on(name: str, day: date) -> str:
    """The province whose principals act, on ``day``, for a place registered under ``name``.

    A name standing that day is itself; one that ceased names its successor (followed as far
    as ``day``); a name before its unit began, or unknown to the table, stands for itself.
    """
    units = units_named(name)
    unit = unit_on(name, day)
    if unit is not None or not units or day < (units[0].in_force_from or date.min):
        return name
    last = units[-1]
    while last.successor is not None and not last.in_force_on(day):
        following = unit_on(last.successor, last.in_force_until or day)
        if following is None:
            break
        last = following
    return last.name


# Every day on which a unit began or ended: the only days a place's province can change.
JURISDICTION_CHANGES: tuple[date, ...] = tuple(
    sorted({day for p in PROVINCES for day in (p.in_force_from, p.in_force_until) if day})
)


@lru_cache(maxsize=4096)  # asked once per query with a province; the table never changes
def names_within(name: str, day: date) -> frozenset[str]:
    """The registered names whose places lie, on ``day``, in the territory called ``name``.

    A unit standing that day takes in every name that leads to it (Tuyên Quang in 2026: Hà
    Giang and Tuyên Quang); an old name no longer standing keeps its own territory (Hà Giang
    in 2026: Hà Giang alone); an unknown name is itself.
    """
    if unit_on(name, day) is None:
        return frozenset({name})
    return frozenset({name} | {p.name for p in PROVINCES if province_on(p.name, day) == name})


def successor_named(name: str, day: date) -> str | None:
    """The unit that took over a known name no longer standing on ``day``, else None."""
    if not is_known(name) or unit_on(name, day) is not None:
        return None
    successor = province_on(name, day)
    return successor if successor != name else None


def check_place_follows_succession(old: Location, new: Location, day: date) -> None:
    """A change of place records an administrative change, not a move: the new province is
    the one the old became by ``day`` (the same, where it did not merge)."""
    became = province_on(old.province, day)
    if new.province != became:
        raise errors.PlaceNotSuccessor(
            f"On {day} a place of {old.province} lies in {became}, not {new.province}; "
            "a move of the business is not an administrative change."
        )


def check_province_known(name: str) -> None:
    """A principal or a place names a provincial unit as the table writes it."""
    if not is_known(name):
        raise errors.UnknownProvince(
            f"{name!r} is no province or centrally-run city of the table of provinces; "
            f"{len(provinces_on(MERGED_ON))} stand from {MERGED_ON}, e.g. 'Tuyên Quang'."
        )


def check_place_stands(place: Location, day: date) -> None:
    """A product registered on ``day`` names a province standing that day (a record of an
    earlier day keeps the province of its day); a name the table does not know is kept."""
    successor = successor_named(place.province, day)
    if successor is not None:
        raise errors.PlaceInMergedProvince(
            f"{place.province} merged into {successor} before {day}: a product registered "
            f"that day is in {successor}."
        )
