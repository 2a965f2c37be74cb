"""The provinces as dated data: 63 units until 30 June 2025, 34 from 1 July 2025, every old
unit succeeded by exactly one that stands."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import given, strategies as st

from lifecycle import places
from lifecycle.places_table import MERGERS, OLD_UNITS, UNCHANGED

BEFORE, MERGED = date(2025, 6, 30), date(2025, 7, 1)


def test_sixty_three_units_stood_the_day_before_the_merger_and_thirty_four_from_it() -> None:
    assert len(places.provinces_on(BEFORE)) == 63
    assert len(places.provinces_on(MERGED)) == 34
    assert len(places.provinces_on(date(2024, 12, 31))) == 63  # Thừa Thiên Huế, not yet Huế


def test_eleven_units_kept_their_boundaries_and_twenty_three_were_formed() -> None:
    assert len(UNCHANGED) == 11 and len(MERGERS) == 23
    formed_from = [old for _, _, olds in MERGERS for old in olds]
    assert len(formed_from) == 52 and len(set(formed_from)) == 52
    assert all(2 <= len(olds) <= 3 for _, _, olds in MERGERS)
    assert all(new in olds for new, _, olds in MERGERS), "each keeps one old unit's name"
    assert set(formed_from) | set(UNCHANGED) == (set(OLD_UNITS) - {"Thừa Thiên Huế"}) | {"Huế"}


def test_every_old_unit_has_one_successor_that_stands_from_the_merger() -> None:
    standing_after = {p.name for p in places.provinces_on(MERGED)}
    for old in places.provinces_on(BEFORE):
        successor = places.province_on(old.name, MERGED)
        assert successor in standing_after
        if old.in_force_until is not None:
            assert old.successor is not None and places.unit_on(old.successor, MERGED)


def test_names_and_codes_are_unique_on_any_day() -> None:
    for day in (date(2020, 1, 1), BEFORE, MERGED):
        units = places.provinces_on(day)
        assert max(Counter(p.name for p in units).values()) == 1
        assert max(Counter(p.code for p in units).values()) == 1


def test_every_unit_cites_its_source() -> None:
    assert all("Resolution" in p.source for p in places.PROVINCES)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Hà Giang", "Tuyên Quang"),
        ("Bắc Kạn", "Thái Nguyên"),
        ("Tiền Giang", "Đồng Tháp"),
        ("Quảng Nam", "Đà Nẵng"),
        ("Bình Dương", "Hồ Chí Minh"),
        ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Huế"),
        ("Quảng Ninh", "Quảng Ninh"),
    ],
)
def test_a_place_is_under_its_successor_from_the_merger_and_its_own_province_before(
    old: str, new: str
) -> None:
    assert places.province_on(old, BEFORE) == (old if old != "Thừa Thiên Huế" else "Huế")
    assert places.province_on(old, date(2024, 12, 31)) == old
    assert places.province_on(old, MERGED) == new


def test_a_name_the_table_does_not_know_stands_for_itself() -> None:
    assert places.province_on("QN", MERGED) == "QN"
    assert places.names_within("QN", MERGED) == {"QN"}
    assert places.successor_named("QN", MERGED) is None


def test_a_standing_name_takes_in_the_names_merged_into_it_and_an_old_name_keeps_its_own() -> None:
    assert places.names_within("Tuyên Quang", MERGED) == {"Tuyên Quang", "Hà Giang"}
    assert places.names_within("Tuyên Quang", date(2024, 12, 31)) == {"Tuyên Quang"}
    assert places.names_within("Hà Giang", MERGED) == {"Hà Giang"}
    assert places.names_within("Quảng Ninh", MERGED) == {"Quảng Ninh"}


@given(
    name=st.sampled_from(sorted(OLD_UNITS)),
    day=st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
)
def test_the_province_a_place_is_under_stands_that_day_and_contains_it(
    name: str, day: date
) -> None:
    under = places.province_on(name, day)
    assert places.unit_on(under, day) is not None
    assert name in places.names_within(under, day)
    assert (places.successor_named(name, day) is None) == (places.unit_on(name, day) is not None)
