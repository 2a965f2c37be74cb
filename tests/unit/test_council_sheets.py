"""A council's evaluation from its members' score sheets (1048/2019 and 148/2023: the councils
score on sheets and the council's average places the product): every sheet kept, each member's
total and the average computed by the register, the quorum of two thirds (an ASSUMPTION the
data marks), and one set of points read as a one-member council's for older records."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lifecycle import errors
from lifecycle.product import Product
from lifecycle.values import ScoreSheet
from seed import builders as make
from tests.unit.eras import ALL_ERAS, TODAY
from tests.unit.stages import assert_refused, forwarded, later


def sheets(
    product: Product, *totals: int | str, bonus: dict[str, int] | None = None
) -> tuple[ScoreSheet, ...]:
    day = later(product)
    return tuple(
        make.sheet(f"member {n}", Decimal(total), day, bonus=bonus)
        for n, total in enumerate(totals, 1)
    )


def by_council(
    product: Product, given: tuple[ScoreSheet, ...], members: int | None, **more: object
) -> None:
    scores = make.evaluation(later(product), sheets=given, council_members=members, **more)  # type: ignore[arg-type]
    product.evaluate(scores, make.council(), TODAY)


@ALL_ERAS
def test_the_council_average_of_its_members_totals_places_the_product(era: str) -> None:
    product = forwarded(era)
    given = sheets(product, 70, 69, 70, 69)
    by_council(product, given, 5)
    evaluation = product.evaluation
    assert evaluation is not None
    assert (evaluation.total, evaluation.band, evaluation.council_members) == (
        Decimal("69.5"),
        3,
        5,
    )
    assert evaluation.sheets == given and not evaluation.one_member_import
    assert sum(evaluation.points.values()) == Decimal("69.5")


@ALL_ERAS
def test_the_average_is_rounded_half_up_to_two_places(era: str) -> None:
    """ASSUMPTION (the councils' working rules not at hand): two places, half up."""
    product = forwarded(era)
    by_council(product, sheets(product, 70, 70, "69.99"), 3)
    assert product.evaluation is not None
    assert (product.evaluation.total, product.evaluation.band) == (Decimal(70), 4)


@ALL_ERAS
@pytest.mark.parametrize(("count", "members"), [(3, 5), (1, 3), (6, 5), (2, None)])
def test_too_few_sheets_more_sheets_than_members_or_no_council_size_are_refused(
    era: str, count: int, members: int | None
) -> None:
    product = forwarded(era)
    given = sheets(product, *[80] * count)
    refusal = assert_refused(
        product, errors.QuorumNotMet, "quorum-not-met", lambda: by_council(product, given, members)
    )
    assert f"{count} score sheets from a council of" in str(refusal)


def test_the_quorum_refusal_names_the_figures() -> None:
    product = forwarded("148-2023")
    given = sheets(product, 80, 80, 80)
    refusal = assert_refused(
        product, errors.QuorumNotMet, "quorum-not-met", lambda: by_council(product, given, 7)
    )
    assert str(refusal) == (
        "3 score sheets from a council of 7; at least two thirds of its members (5) must "
        "score, each once."
    )


@ALL_ERAS
def test_a_member_giving_two_sheets_is_refused(era: str) -> None:
    product = forwarded(era)
    one, two = sheets(product, 80, 80)
    twice = (one, ScoreSheet(one.member, two.points, two.bonus))
    act = lambda: by_council(product, twice, 2)  # noqa: E731
    assert_refused(product, errors.MemberScoredTwice, "member-scored-twice", act)


@ALL_ERAS
def test_sheets_and_one_set_of_points_together_are_refused(era: str) -> None:
    product = forwarded(era)
    given = sheets(product, 80, 80)
    points = {"A": 30, "B": 20, "C": 30}
    act = lambda: by_council(product, given, 2, points=points)  # noqa: E731
    assert_refused(product, errors.ScoresGivenTwice, "scores-given-twice", act)


@ALL_ERAS
def test_each_members_sheet_keeps_the_sets_maxima(era: str) -> None:
    product = forwarded(era)
    good, bad = sheets(product, 80, 80)
    over = ScoreSheet(bad.member, {**bad.points, "B": Decimal(26)}, bad.bonus)
    act = lambda: by_council(product, (good, over), 2)  # noqa: E731
    assert_refused(product, errors.PointsAboveMaximum, "points-above-maximum", act)


@pytest.mark.parametrize("era", ["148-2023", "1489-2025"])
def test_148_each_members_bonus_keeps_the_caps_and_the_average_is_kept_by_kind(era: str) -> None:
    product = forwarded(era)
    first, second = sheets(product, 80, 80)
    with_bonus = ScoreSheet(second.member, second.points, {"local-labour": Decimal(2)})
    by_council(product, (first, with_bonus), 2)
    assert product.evaluation is not None
    assert product.evaluation.bonus == {"local-labour": 1}
    assert product.evaluation.total == 81
    over = ScoreSheet(second.member, second.points, {"local-labour": Decimal(3)})
    act = lambda: by_council(product, (first, over), 2)  # noqa: E731
    assert_refused(product, errors.BonusAboveKindCap, "bonus-above-kind-cap", act)


@ALL_ERAS
def test_one_set_of_points_is_a_one_member_council_and_says_so(era: str) -> None:
    product = forwarded(era)
    product.evaluate(make.evaluation(later(product), 80), make.council(), TODAY)
    evaluation = product.evaluation
    assert evaluation is not None
    assert (evaluation.council_members, evaluation.sheets, evaluation.one_member_import) == (
        1,
        (),
        True,
    )


@ALL_ERAS
def test_one_set_of_points_from_a_council_of_several_is_refused(era: str) -> None:
    product = forwarded(era)
    scores = make.evaluation(later(product), 80, council_members=5)
    act = lambda: product.evaluate(scores, make.council(), TODAY)  # noqa: E731
    assert_refused(product, errors.QuorumNotMet, "quorum-not-met", act)
