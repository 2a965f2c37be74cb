"""Jurisdiction on a date: a product registered in a province that merged on 1 July 2025 is
under its own province's principals before that day and its successor's from it; a merged
province's principals no longer act from it, nor do district ones."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from lifecycle import errors
from lifecycle.authority import ROLE_FOR, Change, check_may_make, check_may_read
from lifecycle.places import province_on, successor_named
from lifecycle.places_table import OLD_UNITS
from lifecycle.values import Actor, Level, Role

BEFORE, MERGED = date(2025, 6, 30), date(2025, 7, 1)
# (registered in, under from 1 July 2025): three merged, one that kept its boundaries.
PLACES = [
    ("Hà Giang", "Tuyên Quang"),
    ("Tiền Giang", "Đồng Tháp"),
    ("Bình Dương", "Hồ Chí Minh"),
    ("Quảng Nam", "Đà Nẵng"),
    ("Quảng Ninh", "Quảng Ninh"),
]
LEVELLED = {Role.EVALUATION_COUNCIL, Role.CERTIFYING_AUTHORITY}


def principal(change: Change, province: str | None, level: Level = Level.PROVINCE) -> Actor:
    role = ROLE_FOR[change]
    return Actor(f"{role.value}:{province}", role, province, level if role in LEVELLED else None)


def refused(actor: Actor, change: Change, province: str, day: date) -> errors.RegisterError:
    with pytest.raises(errors.NotPermitted) as refusal:
        check_may_make(actor, change, province, day)
    return refusal.value


@pytest.mark.parametrize("change", list(Change))
@pytest.mark.parametrize(("old", "new"), PLACES)
def test_the_old_provinces_principals_act_until_the_merger_and_the_successors_from_it(
    change: Change, old: str, new: str
) -> None:
    check_may_make(principal(change, old), change, old, BEFORE)
    check_may_make(principal(change, new), change, old, MERGED)
    if old == new:
        return
    refusal = refused(principal(change, new), change, old, BEFORE)
    assert refusal.code == "outside-jurisdiction" and old in refusal.message
    refusal = refused(principal(change, old), change, old, MERGED)
    assert refusal.code == "province-no-longer-stands"
    assert new in refusal.message and str(MERGED) in refusal.message


@pytest.mark.parametrize("change", list(Change))
def test_a_neighbour_that_did_not_merge_with_it_never_acts_on_it(change: Change) -> None:
    for day in (BEFORE, MERGED):
        refusal = refused(principal(change, "Lào Cai"), change, "Hà Giang", day)
        assert refusal.code == "outside-jurisdiction"


@pytest.mark.parametrize("change", [Change.EVALUATE, Change.CERTIFY, Change.REVOKE])
@pytest.mark.parametrize(("old", "new"), PLACES)
def test_a_district_principal_acts_until_the_districts_end_and_never_from_then(
    change: Change, old: str, new: str
) -> None:
    check_may_make(principal(change, old, Level.DISTRICT), change, old, BEFORE)
    refusal = refused(principal(change, new, Level.DISTRICT), change, old, MERGED)
    assert refusal.code == "district-level-ended" and str(MERGED) in refusal.message


@pytest.mark.parametrize("change", [Change.EVALUATE, Change.CERTIFY, Change.REVOKE])
def test_central_principals_act_on_every_place_on_either_side(change: Change) -> None:
    for old, _ in PLACES:
        for day in (BEFORE, MERGED):
            check_may_make(principal(change, None, Level.CENTRAL), change, old, day)


def test_the_successors_principals_read_the_merged_provinces_products_from_the_merger() -> None:
    office = Actor("office", Role.PROGRAMME_OFFICE, "Tuyên Quang")
    check_may_read(office, "Hà Giang", MERGED)
    with pytest.raises(errors.OutsideJurisdiction):
        check_may_read(office, "Hà Giang", BEFORE)


@given(
    registered_in=st.sampled_from(sorted(OLD_UNITS)),
    other=st.sampled_from([*sorted(OLD_UNITS), "Huế"]),
    change=st.sampled_from(list(Change)),
    day=st.dates(min_value=date(2019, 1, 1), max_value=date(2029, 12, 31)),
)
def test_on_any_day_exactly_the_province_then_standing_over_the_place_acts_on_it(
    registered_in: str, other: str, change: Change, day: date
) -> None:
    under = province_on(registered_in, day)
    check_may_make(principal(change, under), change, registered_in, day)
    if successor_named(other, day) is not None:
        with pytest.raises(errors.ProvinceNoLongerStands):
            check_may_make(principal(change, other), change, registered_in, day)
    elif other != under:  # another province, or one not yet standing (Huế before 2025)
        with pytest.raises(errors.OutsideJurisdiction):
            check_may_make(principal(change, other), change, registered_in, day)
