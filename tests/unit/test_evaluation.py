"""A council scores a product: per criteria part, bonus where the set counts it, mandatory criteria.

The register computes the total and the star band itself, under the criteria set in force
on the evaluation's date, and refuses scores the set does not allow.
"""

from __future__ import annotations

import pytest

from lifecycle import errors
from lifecycle.values import Actor, Level, Role, Status
from seed import builders as make
from seed.renewal_builders import regrouped
from tests.unit.eras import ALL_ERAS, ERAS, TODAY
from tests.unit.stages import assert_refused, brought_to, certified, forwarded, later, registered

MAXIMA = {
    "quang-ninh-978-2018": {"A": 35, "B": 25, "C": 40},
    "1048-2019": {"A": 35, "B": 25, "C": 40},
    "148-2023": {"A": 40, "B": 25, "C": 35},
    "1489-2025": {"A": 40, "B": 25, "C": 35},
}
COUNCILS = {
    "quang-ninh-978-2018": {Level.DISTRICT, Level.PROVINCE},
    "1048-2019": {Level.DISTRICT, Level.PROVINCE, Level.CENTRAL},
    "148-2023": {Level.DISTRICT, Level.PROVINCE, Level.CENTRAL},
    "1489-2025": {Level.COMMUNE, Level.PROVINCE, Level.CENTRAL},
}


@ALL_ERAS
def test_the_register_computes_total_and_band_under_the_set_in_force(era: str) -> None:
    product = forwarded(era)
    day = later(product)
    product.evaluate(
        make.evaluation(day, points={"A": 30, "B": 20, "C": 25}), make.council(), TODAY
    )
    evaluation = product.evaluation
    assert evaluation is not None
    assert (evaluation.total, evaluation.band) == (75, 4)
    assert evaluation.criteria_set == era
    assert evaluation.council_level is Level.PROVINCE
    assert evaluation.evaluated_on == day
    assert product.status_on(day) is Status.PARTICIPATING


@ALL_ERAS
@pytest.mark.parametrize("part", ["A", "B", "C"])
def test_points_above_a_parts_maximum_are_refused(era: str, part: str) -> None:
    product = forwarded(era)
    points = {name: 0 for name in MAXIMA[era]}
    points[part] = MAXIMA[era][part] + 1
    assert_refused(
        product,
        errors.PointsAboveMaximum,
        "points-above-maximum",
        lambda: product.evaluate(
            make.evaluation(later(product), points=points), make.council(), TODAY
        ),
    )


@ALL_ERAS
def test_full_marks_in_every_part_are_accepted(era: str) -> None:
    product = forwarded(era)
    product.evaluate(
        make.evaluation(later(product), points=dict(MAXIMA[era])), make.council(), TODAY
    )
    assert product.evaluation is not None
    assert (product.evaluation.total, product.evaluation.band) == (100, 5)


def test_part_a_may_score_38_under_148_but_not_under_1048() -> None:
    under_148 = forwarded("148-2023")
    under_148.evaluate(
        make.evaluation(later(under_148), points={"A": 38, "B": 0, "C": 0}), make.council(), TODAY
    )
    under_1048 = forwarded("1048-2019")
    assert_refused(
        under_1048,
        errors.PointsAboveMaximum,
        "points-above-maximum",
        lambda: under_1048.evaluate(
            make.evaluation(later(under_1048), points={"A": 38, "B": 0, "C": 0}),
            make.council(),
            TODAY,
        ),
    )


@ALL_ERAS
def test_negative_points_are_refused(era: str) -> None:
    product = forwarded(era)
    points = {"A": -1, "B": 20, "C": 20}
    assert_refused(
        product,
        errors.NegativePoints,
        "negative-points",
        lambda: product.evaluate(
            make.evaluation(later(product), points=points), make.council(), TODAY
        ),
    )


@ALL_ERAS
@pytest.mark.parametrize(
    "points",
    [{"A": 30, "B": 20}, {"A": 30, "B": 20, "C": 20, "D": 5}, {"A": 30, "B": 20, "X": 20}, {}],
    ids=["missing-part", "extra-part", "renamed-part", "no-parts"],
)
def test_scores_must_name_exactly_the_sets_parts(era: str, points: dict[str, int]) -> None:
    product = forwarded(era)
    assert_refused(
        product,
        errors.CriteriaPartsMismatch,
        "criteria-parts-mismatch",
        lambda: product.evaluate(
            make.evaluation(later(product), points=points), make.council(), TODAY
        ),
    )


@pytest.mark.parametrize("era", ["quang-ninh-978-2018", "1048-2019"])
def test_bonus_points_are_refused_where_the_set_counts_none(era: str) -> None:
    product = forwarded(era)
    scores = make.evaluation(later(product), 80, bonus={"local-materials": 2})
    act = lambda: product.evaluate(scores, make.council(), TODAY)  # noqa: E731
    assert_refused(product, errors.BonusNotCounted, "bonus-not-counted", act)


@pytest.mark.parametrize("era", ["148-2023", "1489-2025"])
def test_bonus_points_count_under_148_within_the_100_total(era: str) -> None:
    product = forwarded(era)
    points = {"A": 35, "B": 20, "C": 30}
    bonus = {"local-materials": 2, "local-labour": 2, "women-participation": 1}
    product.evaluate(
        make.evaluation(later(product), bonus=bonus, points=points), make.council(), TODAY
    )
    assert product.evaluation is not None
    assert (product.evaluation.bonus, product.evaluation.total) == (bonus, 90)
    assert product.evaluation.band == 5


@pytest.mark.parametrize("era", ["148-2023", "1489-2025"])
def test_bonus_points_may_not_lift_the_total_above_100(era: str) -> None:
    product = forwarded(era)
    full = dict(MAXIMA[era])
    assert_refused(
        product,
        errors.TotalAboveMaximum,
        "total-above-maximum",
        lambda: product.evaluate(
            make.evaluation(later(product), bonus={"local-labour": 1}, points=full),
            make.council(),
            TODAY,
        ),
    )


@pytest.mark.parametrize("era", ["148-2023", "1489-2025"])
def test_negative_bonus_points_are_refused(era: str) -> None:
    product = forwarded(era)
    scores = make.evaluation(later(product), 60, bonus={"local-labour": -1})
    act = lambda: product.evaluate(scores, make.council(), TODAY)  # noqa: E731
    assert_refused(product, errors.NegativePoints, "negative-points", act)


@ALL_ERAS
@pytest.mark.parametrize("level", list(Level))
def test_only_the_councils_a_set_provides_for_may_evaluate(era: str, level: Level) -> None:
    product = forwarded(era, level) if level in COUNCILS[era] else registered(era)
    act = lambda: product.evaluate(make.evaluation(later(product)), make.council(level), TODAY)  # noqa: E731
    if level in COUNCILS[era]:
        act()
        assert product.evaluation is not None
        assert product.evaluation.council_level is level
    else:
        assert_refused(product, errors.CouncilLevelNotInSet, "council-level-not-in-set", act)


def test_under_1489_a_district_council_no_longer_evaluates() -> None:
    product = registered("1489-2025")
    district = make.council(Level.DISTRICT)
    act = lambda: product.evaluate(make.evaluation(later(product)), district, TODAY)  # noqa: E731
    assert_refused(product, errors.CouncilLevelNotInSet, "council-level-not-in-set", act)


def test_a_council_that_states_no_level_is_refused() -> None:
    product = forwarded("148-2023")
    nowhere = Actor("council-?", Role.EVALUATION_COUNCIL, "QN")
    assert_refused(
        product,
        errors.RoleNotPermitted,
        "role-not-permitted",
        lambda: product.evaluate(make.evaluation(later(product)), nowhere, TODAY),
    )


@ALL_ERAS
def test_a_certified_product_may_be_re_evaluated_for_renewal_and_stays_certified(
    era: str,
) -> None:
    product = certified(era)
    day = later(product, 200)
    brought_to(product, Level.PROVINCE, day)
    product.evaluate(make.evaluation(day, 95), make.council(), TODAY)
    assert product.evaluation is not None
    assert product.evaluation.band == 5
    assert product.status_on(day) is Status.CERTIFIED


def test_an_evaluation_records_the_set_in_force_on_its_own_date() -> None:
    product = registered("1048-2019")
    brought_to(product, Level.PROVINCE, ERAS["148-2023"])
    product.evaluate(regrouped(make.evaluation(ERAS["148-2023"])), make.council(), TODAY)
    assert product.evaluation is not None
    assert product.evaluation.criteria_set == "148-2023"
