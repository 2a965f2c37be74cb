"""The stars a form offers an authority are those the certificate's own rules allow: the
evaluation's band and mandatory criteria per star (Decision 148/QĐ-TTg, Appendix I; 781/QĐ-TTg's
minimum requirements) and the level's competence under the set on the decision date (148:
the district 3★, the province 4★, the ministry 5★; 1489: the province 3★ and 4★). And a form
is drawn for a role and a province; whether a principal still stands is judged on the act's
date (districts end on 1 July 2025)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from lifecycle import errors
from lifecycle.authority import Change, check_may_make, check_may_open
from lifecycle.council import score
from lifecycle.criteria import criteria_set
from lifecycle.rules import stars_certifiable_from
from lifecycle.values import Evaluation, Level
from seed.builders import authority, evaluation, inspector

UNDER_1489, UNDER_148 = date(2026, 11, 20), date(2024, 5, 2)


def scored(on: date, total: int, level: Level, met_for: tuple[int, ...]) -> Evaluation:
    criteria = criteria_set("1489-2025" if on >= date(2025, 7, 6) else "148-2023")
    return score(criteria, evaluation(on, total, mandatory_met_for=met_for), level)


@pytest.mark.parametrize(
    ("total", "met_for", "offered"),
    [(95, (3, 4, 5), [3, 4]), (80, (3, 4, 5), [3, 4]), (80, (3,), [3]), (60, (3, 4), [3])],
)
def test_a_province_under_1489_is_offered_3_and_4_stars_as_far_as_the_evaluation_allows(
    total: int, met_for: tuple[int, ...], offered: list[int]
) -> None:
    found = scored(UNDER_1489, total, Level.PROVINCE, met_for)
    criteria = criteria_set("1489-2025")
    assert stars_certifiable_from(found, criteria, Level.PROVINCE, UNDER_1489) == offered


def test_under_148_the_district_is_offered_3_stars_and_the_province_4() -> None:
    criteria = criteria_set("148-2023")
    district = scored(UNDER_148, 85, Level.DISTRICT, (3, 4))
    assert stars_certifiable_from(district, criteria, Level.DISTRICT, UNDER_148) == [3]
    province = scored(UNDER_148, 85, Level.PROVINCE, (3, 4))
    assert stars_certifiable_from(province, criteria, Level.PROVINCE, UNDER_148) == [4]


def test_nothing_is_offered_from_another_levels_evaluation() -> None:
    commune = scored(UNDER_1489, 85, Level.COMMUNE, (3, 4))
    criteria = criteria_set("1489-2025")
    assert stars_certifiable_from(commune, criteria, Level.PROVINCE, UNDER_1489) == []
    assert commune.total == Decimal(85)


def test_a_district_principal_may_open_a_form_but_not_act_after_1_july_2025() -> None:
    district = authority(Level.DISTRICT)
    check_may_open(district, Change.CERTIFY, "Quảng Ninh", UNDER_1489)
    with pytest.raises(errors.DistrictLevelEnded):
        check_may_make(district, Change.CERTIFY, "Quảng Ninh", UNDER_1489)


def test_a_form_is_not_opened_for_another_role_or_province() -> None:
    with pytest.raises(errors.RoleNotPermitted):
        check_may_open(inspector(), Change.CERTIFY, "Quảng Ninh", UNDER_1489)
    with pytest.raises(errors.OutsideJurisdiction):
        check_may_open(authority(), Change.CERTIFY, "Tuyên Quang", UNDER_1489)
