"""A council's scores as the decisions say: bonus points by kind within their caps (148/2023,
Appendix I, kept by 1489/2025), decimal points on the council's average (1048/2019 and
148/2023: the average places the product), and mandatory criteria per star level (781/2020's
minimum requirements per star; 148/2023, Appendix I). Each rule is tested under every
criteria set it applies to, accepted and refused; each refusal names its figures.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lifecycle import errors, scoring_figures as figures
from lifecycle.criteria import CRITERIA_SETS, criteria_set
from lifecycle.product import Product
from seed import builders as make
from tests.unit.eras import ALL_ERAS, TODAY
from tests.unit.stages import assert_refused, forwarded, later

WITH_BONUS = pytest.mark.parametrize("era", ["148-2023", "1489-2025"])
B = Decimal


def evaluate(product: Product, total: int | Decimal = 80, **scores: object) -> None:
    product.evaluate(make.evaluation(later(product), total, **scores), make.council(), TODAY)  # type: ignore[arg-type]


def refused(
    product: Product, error: type[errors.RegisterError], code: str, **scores: object
) -> str:
    """The scores are refused with ``error`` and ``code``; the refusal's words."""
    return str(assert_refused(product, error, code, lambda: evaluate(product, **scores)))


# Bonus points by kind (148/2023, Appendix I; 1489/2025).


@WITH_BONUS
def test_148_appendix_i_bonus_points_are_recorded_by_kind_up_to_each_cap(era: str) -> None:
    product = forwarded(era)
    bonus = {"women-participation": 2, "ethnic-minority-participation": B("1.5")}
    evaluate(product, 80, bonus=bonus)
    assert product.evaluation is not None
    assert product.evaluation.bonus == {
        "women-participation": 2,
        "ethnic-minority-participation": B("1.5"),
    }
    assert product.evaluation.total == 80


@WITH_BONUS
def test_148_appendix_i_one_kinds_bonus_above_its_cap_is_refused(era: str) -> None:
    words = refused(
        forwarded(era), errors.BonusAboveKindCap, "bonus-above-kind-cap", bonus={"local-labour": 3}
    )
    assert words == f"local-labour bonus 3 exceeds the {era} cap of 2."


@WITH_BONUS
def test_148_appendix_i_bonus_points_together_above_the_cap_are_refused(era: str) -> None:
    bonus = {"women-participation": 2, "local-materials": 2, "local-labour": B("1.5")}
    words = refused(forwarded(era), errors.BonusAboveCap, "bonus-above-cap", bonus=bonus)
    assert words == f"bonus 5.5 exceeds the {era} cap of 5."


@WITH_BONUS
def test_148_appendix_i_bonus_up_to_the_cap_of_5_is_accepted(era: str) -> None:
    product = forwarded(era)
    evaluate(product, 90, bonus={"women-participation": 2, "local-materials": 2, "local-labour": 1})
    assert product.evaluation is not None and product.evaluation.band == 5


@WITH_BONUS
def test_148_appendix_i_a_bonus_of_a_kind_the_set_does_not_award_is_refused(era: str) -> None:
    product = forwarded(era)
    refused(product, errors.UnknownBonusKind, "unknown-bonus-kind", bonus={"tourism": 1})


@WITH_BONUS
def test_148_zero_points_and_every_bonus_stay_far_from_a_star_band(era: str) -> None:
    """The issue's case: no points in any part and bonus points cannot make a product."""
    product = forwarded(era)
    bonus = {"women-participation": 2, "local-materials": 2, "local-labour": 1}
    evaluate(product, points={"A": 0, "B": 0, "C": 0}, bonus=bonus)
    assert product.evaluation is not None
    assert (product.evaluation.total, product.evaluation.band) == (5, 1)


@WITH_BONUS
def test_148_bonus_never_lifts_a_total_above_100(era: str) -> None:
    product = forwarded(era)
    full = dict(criteria_set(era).part_maxima)
    words = refused(
        product,
        errors.TotalAboveMaximum,
        "total-above-maximum",
        points=full,
        bonus={"local-labour": B("0.5")},
    )
    assert "100.5" in words


@pytest.mark.parametrize("era", ["quang-ninh-978-2018", "1048-2019"])
def test_1048_awards_no_bonus_of_any_kind(era: str) -> None:
    product = forwarded(era)
    refused(product, errors.BonusNotCounted, "bonus-not-counted", bonus={"local-labour": 1})


# Decimal points: the council's average total places the product (1048/2019, 148/2023).


@ALL_ERAS
def test_the_councils_average_69_5_is_recorded_and_is_a_3_star_product(era: str) -> None:
    product = forwarded(era)
    evaluate(product, B("69.5"))
    assert product.evaluation is not None
    assert (product.evaluation.total, product.evaluation.band) == (B("69.5"), 3)


@ALL_ERAS
def test_an_average_of_two_places_is_kept_exactly(era: str) -> None:
    product = forwarded(era)
    evaluate(product, points={"A": B("30.25"), "B": B("20.33"), "C": B("19.42")})
    assert product.evaluation is not None
    assert (product.evaluation.total, product.evaluation.band) == (B("70.00"), 4)


@ALL_ERAS
def test_points_with_more_places_than_the_texts_are_refused_not_rounded(era: str) -> None:
    product = forwarded(era)
    points = {"A": B("30.125"), "B": B(20), "C": B(20)}
    words = refused(product, errors.PointsTooPrecise, "points-too-precise", points=points)
    assert words == "A scored 30.125: points carry at most 2 decimal places."


@WITH_BONUS
def test_bonus_points_with_more_places_than_the_texts_are_refused(era: str) -> None:
    product = forwarded(era)
    refused(
        product, errors.PointsTooPrecise, "points-too-precise", bonus={"local-labour": B("0.005")}
    )


# Mandatory criteria per star level (781/2020's minimum requirements; 148/2023, Appendix I).


@ALL_ERAS
def test_781_an_80_point_product_meeting_only_3_stars_mandatory_criteria_is_3_stars(
    era: str,
) -> None:
    product = forwarded(era)
    evaluate(product, 80, mandatory_met_for=(3,))
    evaluation = product.evaluation
    assert evaluation is not None
    assert (evaluation.points_band, evaluation.band, evaluation.mandatory_met) == (4, 3, True)
    assert evaluation.band_reason() == (
        "80 points reach the 4-star band, but the mandatory criteria were met for 3-star only: "
        "3-star band."
    )


@ALL_ERAS
@pytest.mark.parametrize(("met_for", "band"), [((), 2), ((3,), 3), ((3, 4), 4), ((3, 4, 5), 5)])
def test_781_the_band_is_the_lower_of_points_and_mandatory_levels(
    era: str, met_for: tuple[int, ...], band: int
) -> None:
    product = forwarded(era)
    evaluate(product, 95, mandatory_met_for=met_for)
    assert product.evaluation is not None
    assert (product.evaluation.band, product.evaluation.mandatory_met_for) == (band, met_for)


@ALL_ERAS
@pytest.mark.parametrize(("met", "met_for"), [(True, (3, 4, 5)), (False, ())])
def test_an_older_records_yes_or_no_means_every_levels_or_none(
    era: str, met: bool, met_for: tuple[int, ...]
) -> None:
    product = forwarded(era)
    evaluate(product, 80, mandatory_met=met)
    assert product.evaluation is not None
    assert product.evaluation.mandatory_met_for == met_for


@ALL_ERAS
def test_mandatory_criteria_stated_both_ways_or_neither_are_refused(era: str) -> None:
    product = forwarded(era)
    code = "mandatory-criteria-unstated"
    refused(
        product, errors.MandatoryCriteriaUnstated, code, mandatory_met=True, mandatory_met_for=(3,)
    )
    scores = make.evaluation(later(product), 80)
    neither = type(scores)(**{**vars(scores), "mandatory_met": None})
    act = lambda: product.evaluate(neither, make.council(), TODAY)  # noqa: E731
    assert_refused(product, errors.MandatoryCriteriaUnstated, code, act)


@ALL_ERAS
@pytest.mark.parametrize("met_for", [(4,), (3, 5), (4, 5)])
def test_781_a_higher_levels_criteria_met_without_the_lower_ones_is_refused(
    era: str, met_for: tuple[int, ...]
) -> None:
    product = forwarded(era)
    refused(
        product,
        errors.MandatoryLevelsWithGap,
        "mandatory-levels-with-gap",
        mandatory_met_for=met_for,
    )


@ALL_ERAS
def test_star_levels_without_mandatory_criteria_are_refused(era: str) -> None:
    product = forwarded(era)
    words = refused(
        product, errors.UnknownStarLevel, "unknown-star-level", mandatory_met_for=(2, 3)
    )
    assert words == "Star levels [2] have no mandatory criteria; levels are [3, 4, 5]."


def test_every_scoring_figure_cites_its_text_and_marks_what_no_text_settles() -> None:
    for criteria in CRITERIA_SETS:
        assert criteria.source, criteria.id
        if criteria.bonus is not None:
            assert "148/QĐ-TTg" in criteria.bonus.source
            assert criteria.bonus.assumption.startswith("ASSUMPTION")
    assert "1048/QĐ-TTg" in figures.POINT_PLACES_SOURCE
    assert "781/QĐ-TTg" in figures.MANDATORY_SOURCE
    assert figures.POINT_PLACES_ASSUMPTION.startswith("ASSUMPTION")
    assert figures.MANDATORY_ASSUMPTION.startswith("ASSUMPTION")
