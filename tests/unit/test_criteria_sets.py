"""The criteria sets as data, checked against the decisions' own words."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from lifecycle.criteria import CRITERIA_SETS, criteria_in_force, criteria_set, star_band
from lifecycle.values import Level


def test_the_sets_follow_one_another_without_gap_or_overlap() -> None:
    ordered = sorted(CRITERIA_SETS, key=lambda criteria: criteria.in_force_from)
    assert [criteria.id for criteria in ordered] == [
        "provincial-legacy",
        "1048-2019",
        "148-2023",
        "1489-2025",
    ]
    for earlier, successor in pairwise(ordered):
        assert earlier.in_force_until is not None
        assert successor.in_force_from == earlier.in_force_until + timedelta(days=1)
        assert earlier.in_force_from <= earlier.in_force_until
    assert ordered[-1].in_force_until is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2012, 12, 31), None),
        (date(2013, 1, 1), "provincial-legacy"),
        (date(2019, 8, 20), "provincial-legacy"),
        (date(2019, 8, 21), "1048-2019"),
        (date(2023, 2, 23), "1048-2019"),
        (date(2023, 2, 24), "148-2023"),
        (date(2025, 7, 5), "148-2023"),
        (date(2025, 7, 6), "1489-2025"),
        (date(2040, 1, 1), "1489-2025"),
    ],
)
def test_exactly_one_set_is_in_force_on_each_day(day: date, expected: str | None) -> None:
    in_force = [criteria.id for criteria in CRITERIA_SETS if criteria.in_force_on(day)]
    assert in_force == ([expected] if expected else [])
    found = criteria_in_force(day)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(
    ("total", "band"),
    [(100, 5), (90, 5), (89, 4), (70, 4), (69, 3), (50, 3), (49, 2), (30, 2), (29, 1), (0, 1)],
)
def test_star_bands_begin_at_90_70_50_and_30(total: int, band: int) -> None:
    assert star_band(total) == band


@pytest.mark.parametrize(
    ("criteria_id", "maxima", "bonus"),
    [
        ("provincial-legacy", {"A": 35, "B": 25, "C": 40}, False),
        ("1048-2019", {"A": 35, "B": 25, "C": 40}, False),
        ("148-2023", {"A": 40, "B": 25, "C": 35}, True),
        ("1489-2025", {"A": 40, "B": 25, "C": 35}, True),
    ],
)
def test_each_sets_parts_add_up_to_100_points(
    criteria_id: str, maxima: dict[str, int], bonus: bool
) -> None:
    criteria = criteria_set(criteria_id)
    assert criteria.part_maxima == maxima
    assert sum(criteria.part_maxima.values()) == 100
    assert criteria.bonus_counts is bonus
    assert criteria.validity_months == 36


def test_who_certifies_which_stars_as_the_decisions_say() -> None:
    d, p, c = Level.DISTRICT, Level.PROVINCE, Level.CENTRAL
    assert criteria_set("provincial-legacy").certifiers == {p: {3, 4, 5}}
    assert criteria_set("1048-2019").certifiers == {p: {3, 4}, c: {5}}
    assert criteria_set("148-2023").certifiers == {d: {3}, p: {4}, c: {5}}
    assert criteria_set("1489-2025").certifiers == {p: {3, 4}, c: {5}}
    assert d not in criteria_set("1489-2025").evaluating_levels


def test_the_product_groups_of_1048_and_148() -> None:
    assert set(criteria_set("1048-2019").groups) == {
        "food",
        "beverages",
        "herbal-products",
        "textiles-garments",
        "souvenirs-furniture-decoration",
        "rural-tourism",
    }
    assert set(criteria_set("148-2023").groups) == {
        "food",
        "beverages",
        "medicinal-herbs",
        "handicrafts",
        "ornamental-plants-animals",
        "community-tourism",
    }
    assert criteria_set("1489-2025").groups == criteria_set("148-2023").groups
