"""Before 1048 each province certified under its own set: the set that governs a product's
evaluation or certificate is chosen by its province and the date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise

import pytest

from lifecycle import errors
from lifecycle.criteria import CRITERIA_SETS
from lifecycle.events import Starred
from lifecycle.history import replay
from lifecycle.legacy_sets import (
    ALL_SETS,
    PROVINCIAL_SETS,
    criteria_for,
    set_by_id,
    switch_over,
)
from lifecycle.product import Product
from lifecycle.values import Level, Location
from seed import builders as make
from tests.unit.eras import TODAY
from tests.unit.stages import brought_to

QN, HA_NOI = "Quảng Ninh", "Hà Nội"


@pytest.mark.parametrize(
    ("province", "day", "expected"),
    [
        (QN, date(2015, 11, 4), None),  # before Quảng Ninh's first set
        (QN, date(2015, 11, 5), "quang-ninh-3479-2015"),
        (QN, date(2018, 3, 29), "quang-ninh-3479-2015"),
        (QN, date(2018, 3, 30), "quang-ninh-978-2018"),
        (QN, date(2019, 8, 21), "quang-ninh-978-2018"),  # 1048 nationally, not yet here
        (QN, date(2019, 12, 31), "quang-ninh-978-2018"),
        (QN, date(2020, 1, 1), "1048-2019"),  # Quảng Ninh's first year under 1048
        (QN, date(2023, 3, 1), "148-2023"),
        (HA_NOI, date(2012, 12, 31), None),
        (HA_NOI, date(2013, 1, 1), "provincial-legacy"),
        (HA_NOI, date(2019, 8, 20), "provincial-legacy"),
        (HA_NOI, date(2019, 8, 21), "1048-2019"),
        (HA_NOI, date(2025, 7, 6), "1489-2025"),
    ],
)
def test_the_set_is_chosen_by_province_and_date(
    province: str, day: date, expected: str | None
) -> None:
    found = criteria_for(province, day)
    assert (found.id if found else None) == expected


def test_each_switch_over_is_data_and_the_default_says_it_is_assumed() -> None:
    assert switch_over(QN).national_from == date(2020, 1, 1)
    assert "ASSUMPTION" not in switch_over(QN).source
    assert switch_over(HA_NOI).national_from == date(2019, 8, 21)
    assert switch_over(HA_NOI).source.startswith("ASSUMPTION")


def test_a_provinces_sets_follow_one_another_and_mark_their_unknown_figures() -> None:
    for sets in PROVINCIAL_SETS.values():
        for earlier, later in pairwise(sets):
            assert earlier.in_force_until is not None
            assert (later.in_force_from - earlier.in_force_until).days == 1
        for criteria in sets:
            assert "ASSUMPTION (" in criteria.source and "/QĐ-UBND" in criteria.source
            assert criteria.certifiers == {Level.PROVINCE: frozenset({3, 4, 5})}


def test_every_set_and_the_generic_id_stay_readable_by_id() -> None:
    assert {c.id for c in CRITERIA_SETS} <= set(ALL_SETS)
    assert set_by_id("provincial-legacy").in_force_until == date(2019, 8, 20)
    assert set_by_id("quang-ninh-978-2018").in_force_from == date(2018, 3, 30)


def test_no_product_joins_quang_ninh_before_its_first_set() -> None:
    with pytest.raises(errors.NoCriteriaSet) as refused:
        Product.register(make.registration(date(2015, 6, 30)), make.office(), TODAY)
    assert refused.value.code == "no-criteria-set"
    assert "Quảng Ninh" in refused.value.message and "2015-06-30" in refused.value.message


def test_a_quang_ninh_certificate_of_late_2019_falls_under_978_and_of_2020_under_1048() -> None:
    product = Product.register(make.registration(date(2019, 9, 2)), make.office(), TODAY)
    brought_to(product, Level.PROVINCE, date(2019, 10, 1), 95)  # 978: the district forwards
    product.evaluate(make.evaluation(date(2019, 10, 1), 95), make.council(), TODAY)
    product.certify(make.certificate(date(2019, 11, 1), 5), make.authority(), TODAY)
    assert product.certificate is not None
    assert product.certificate.criteria_set == "quang-ninh-978-2018"  # the province: 5 stars
    brought_to(product, Level.PROVINCE, date(2020, 2, 3), 95)  # 1048: the district forwards
    product.evaluate(make.evaluation(date(2020, 2, 3), 95), make.council(), TODAY)
    with pytest.raises(errors.LevelNotCompetent):  # under 1048 only the central level: 5★
        product.certify(make.certificate(date(2020, 3, 2), 5), make.authority(), TODAY)


def test_a_province_without_its_own_sets_reads_the_generic_one() -> None:
    where = Location(HA_NOI, "Đông Anh", "Vân Hà")
    product = Product.register(
        make.registration(date(2019, 6, 3), location=where), make.office(HA_NOI), TODAY
    )
    product.evaluate(make.evaluation(date(2019, 7, 1), 80), make.council(), TODAY)
    assert product.evaluation is not None
    assert product.evaluation.criteria_set == "provincial-legacy"


def test_a_certificate_recorded_under_the_generic_id_still_reads_and_can_be_revoked() -> None:
    """Events stored before the provinces' own sets name ``provincial-legacy``: the id stays,
    so a replay reads them as recorded and the certificate is still withdrawn by the province."""
    product = Product.register(make.registration(date(2018, 6, 4)), make.office(), TODAY)
    brought_to(product, Level.PROVINCE, date(2018, 7, 2))
    product.evaluate(make.evaluation(date(2018, 7, 2), 80), make.council(), TODAY)
    product.certify(make.certificate(date(2018, 8, 6), 4), make.authority(), TODAY)
    stored = [
        replace(event, criteria_set="provincial-legacy") if isinstance(event, Starred) else event
        for event in product.collect_events()
    ]
    old = replay(stored)
    assert old is not None and old.certificate is not None
    assert old.certificate.criteria_set == "provincial-legacy"
    assert set_by_id(old.certificate.criteria_set).certifiers[Level.PROVINCE] == {3, 4, 5}
    old.revoke(make.revocation(date(2020, 6, 1)), make.authority(), TODAY)
    assert old.certificate.revoked_on == date(2020, 6, 1)
