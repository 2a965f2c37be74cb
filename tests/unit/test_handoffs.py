"""Hand-offs between levels (issue 11 item 5), rule by rule and set by set, accepted and
refused: under 1048 a district forwards products of 50 points and more to the province;
under 148 from 70; under 1489 the commune assesses and forwards; a province proposes
products of 90 points and more to the central level as potential 5 stars; the central
council evaluates only what a province proposed, and only the ministry certifies 5 stars."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from lifecycle import errors
from lifecycle.handoffs import HAND_OFFS, HandOffKind, hand_offs_under
from lifecycle.legacy_sets import ALL_SETS
from lifecycle.product import Product
from lifecycle.values import Level, Location
from seed import builders as make
from tests.unit.eras import ERAS, TODAY
from tests.unit.stages import assert_refused, brought_to, later, registered

K, D, P, C = Level.COMMUNE, Level.DISTRICT, Level.PROVINCE, Level.CENTRAL
NATIONAL = pytest.mark.parametrize("era", ["1048-2019", "148-2023", "1489-2025"])
# The level that evaluates first, and how many points it forwards from, restated per set.
ENTRY_AND_FORWARD_FROM = {"1048-2019": (D, 50), "148-2023": (D, 70), "1489-2025": (K, 50)}


def scored(product: Product, level: Level, total: int | Decimal) -> None:
    """``level``'s council scores the product ``total`` points, ten days on."""
    product.evaluate(make.evaluation(later(product), total), make.council(level), TODAY)


def forward(product: Product, level: Level) -> None:
    product.forward(make.forwarding(later(product, 0)), make.council(level), TODAY)


def propose(product: Product, level: Level = P) -> None:
    product.propose(make.proposal(later(product, 0)), make.council(level), TODAY)


@NATIONAL
def test_the_entry_level_evaluates_without_a_hand_off_and_the_province_not(era: str) -> None:
    """1048 (appendix, process), 148 (Article on organising the evaluation), 1489: the
    province evaluates only what the level below forwarded, and the refusal names it."""
    entry, threshold = ENTRY_AND_FORWARD_FROM[era]
    product = registered(era)
    act = lambda: scored(product, P, 80)  # noqa: E731
    refusal = assert_refused(product, errors.NotHandedOff, "not-handed-off", act)
    assert f"the {entry.value} forwards products of {threshold} points and more" in str(refusal)
    assert "nothing was handed to the province for product QN-0001" in str(refusal)
    scored(product, entry, 80)
    assert product.evaluation is not None and product.evaluation.council_level is entry


@NATIONAL
def test_the_entry_level_forwards_from_its_sets_threshold_and_the_province_then_evaluates(
    era: str,
) -> None:
    """1048: from 50 points; 148: from 70; 1489 (ASSUMPTION): from 50."""
    entry, threshold = ENTRY_AND_FORWARD_FROM[era]
    product = registered(era)
    scored(product, entry, Decimal(threshold) - Decimal("0.01"))
    refusal = assert_refused(
        product, errors.BelowHandOffThreshold, "below-hand-off-threshold",
        lambda: forward(product, entry),
    )  # fmt: skip
    assert f"scored {Decimal(threshold) - Decimal('0.01')} points" in str(refusal)
    scored(product, entry, threshold)
    forward(product, entry)
    (standing,) = product.handed_to
    assert (standing.kind, standing.from_level, standing.to_level) == (
        HandOffKind.FORWARD,
        entry,
        P,
    )
    assert (standing.total, standing.by) == (threshold, make.council(entry).principal_id)
    scored(product, P, 80)
    assert product.evaluation is not None and product.evaluation.council_level is P


@NATIONAL
def test_the_province_proposes_from_90_points_and_the_central_council_evaluates_only_that(
    era: str,
) -> None:
    """1048 and 148: products of 90 points and more are proposed as potential 5 stars; the
    central council evaluates only what a province proposed."""
    product = registered(era)
    brought_to(product, P, later(product))
    scored(product, P, Decimal("89.99"))
    refused = assert_refused(
        product, errors.NotHandedOff, "not-handed-off", lambda: scored(product, C, 95)
    )
    assert "the province proposes as potential 5-star products of 90 points" in str(refused)
    assert_refused(
        product, errors.BelowHandOffThreshold, "below-hand-off-threshold", lambda: propose(product)
    )
    scored(product, P, 90)
    propose(product)
    assert [h.to_level for h in product.handed_to] == [P, C]
    scored(product, C, 95)
    product.certify(make.certificate(later(product), 5), make.authority(C), TODAY)
    assert product.certificate is not None and product.certificate.stars == 5
    assert product.handed_to == ()  # the ministry's certificate ends the round's hand-offs


@NATIONAL
def test_a_provinces_4_stars_leave_its_potential_5_star_proposal_standing(era: str) -> None:
    """A province certifies 4 stars and proposes the product (in either order); only a
    certificate at the central level ends the proposal."""
    product = registered(era)
    brought_to(product, P, later(product))
    scored(product, P, 92)
    level = make.competent_level(4, later(product))
    product.certify(make.certificate(later(product), 4), make.authority(level), TODAY)
    propose(product)
    assert [h.to_level for h in product.handed_to] == [C]
    scored(product, C, 93)
    assert product.evaluation is not None and product.evaluation.council_level is C


@NATIONAL
def test_a_council_hands_on_only_the_way_its_set_provides(era: str) -> None:
    """A district does not propose, a province does not forward, the centre hands nothing on."""
    entry, _ = ENTRY_AND_FORWARD_FROM[era]
    product = registered(era)
    scored(product, entry, 95)
    for act in (lambda: propose(product, entry), lambda: forward(product, C)):
        assert_refused(product, errors.NoHandOffFromLevel, "no-hand-off-from-level", act)


@NATIONAL
def test_a_council_hands_on_its_own_latest_evaluation_once(era: str) -> None:
    entry, _ = ENTRY_AND_FORWARD_FROM[era]
    product = registered(era)
    refusal = assert_refused(
        product, errors.NoEvaluationToHandOn, "no-evaluation-to-hand-on",
        lambda: forward(product, entry),
    )  # fmt: skip
    assert "latest evaluation does not exist" in str(refusal)
    brought_to(product, P, later(product))
    scored(product, P, 95)
    refusal = assert_refused(
        product, errors.NoEvaluationToHandOn, "no-evaluation-to-hand-on",
        lambda: forward(product, entry),
    )  # fmt: skip
    assert "is by the province council" in str(refusal)
    propose(product)
    assert_refused(product, errors.AlreadyHandedOff, "already-handed-off", lambda: propose(product))


def test_1489_has_no_district_level_and_a_district_forwarding_is_refused() -> None:
    """1489/2025: the commune assesses; a 148 district evaluation hands nothing on under it."""
    product = registered("148-2023")
    product.evaluate(
        make.evaluation(ERAS["1489-2025"] - timedelta(days=10), 80), make.council(D), TODAY
    )
    day = ERAS["1489-2025"]
    act = lambda: product.forward(make.forwarding(day), make.council(D), TODAY)  # noqa: E731
    assert_refused(product, errors.NoHandOffFromLevel, "no-hand-off-from-level", act)


def test_the_provincial_legacy_set_asks_no_hand_off() -> None:
    """ASSUMPTION (provincial texts not at hand): legacy certificates are imported as the
    province recorded them, its council evaluating directly (a province without its own
    sets in hand, before 1048)."""
    where = Location("Hà Nội", "Đông Anh", "Vân Hà")
    product = Product.register(
        make.registration(date(2019, 6, 3), location=where), make.office("Hà Nội"), TODAY
    )
    scored(product, P, 80)
    assert product.evaluation is not None and product.evaluation.council_level is P


def test_every_set_says_who_hands_to_whom_with_the_source_of_each_figure() -> None:
    assert set(HAND_OFFS) == set(ALL_SETS)  # the national sets and the provinces' own
    for criteria in ALL_SETS.values():
        rules = hand_offs_under(criteria.id)
        assert rules.entry_levels <= criteria.evaluating_levels, criteria.id
        assert "QĐ-TTg" in rules.entry_source or rules.entry_source.startswith("ASSUMPTION")
        for step in rules.steps:
            assert {step.from_level, step.to_level} <= criteria.evaluating_levels
            assert "QĐ-TTg" in step.source or "QĐ-UBND" in step.source, step
            assert step.assumption == "" or step.assumption.startswith("ASSUMPTION"), step
    thresholds = {
        (s.from_level, s.to_level, s.threshold) for rules in HAND_OFFS.values() for s in rules.steps
    }
    assert thresholds == {(D, P, 50), (D, P, 70), (K, P, 50), (P, C, 90)}
