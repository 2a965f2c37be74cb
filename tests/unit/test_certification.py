"""A certifying authority issues a star certificate on the strength of a fresh evaluation.

The stars must be 3 to 5, within the evaluation's band, with the mandatory criteria met, and
the issuing level competent for those stars under the set in force on the decision date.
"""

from __future__ import annotations

import pytest

from lifecycle import errors
from lifecycle.values import Level, Status
from seed import builders as make
from tests.unit.eras import ALL_ERAS, TODAY
from tests.unit.stages import assert_refused, certified, evaluated, forwarded, later

D, P, C = Level.DISTRICT, Level.PROVINCE, Level.CENTRAL
# Which level certifies which stars, set by set, as the decisions say.
COMPETENT = {
    "quang-ninh-978-2018": {P: {3, 4, 5}},
    "1048-2019": {P: {3, 4}, C: {5}},
    "148-2023": {D: {3}, P: {4}, C: {5}},
    "1489-2025": {P: {3, 4}, C: {5}},
}
COUNCILS = {
    "quang-ninh-978-2018": {D, P},
    "1048-2019": {D, P, C},
    "148-2023": {D, P, C},
    "1489-2025": {P, C},
}


@ALL_ERAS
@pytest.mark.parametrize("level", [D, P, C])
@pytest.mark.parametrize("stars", [3, 4, 5])
def test_only_the_competent_level_certifies_each_star_count(
    era: str, level: Level, stars: int
) -> None:
    council_level = level if level in COUNCILS[era] else P
    product = evaluated(era, 100, council_level)
    decision, by = make.certificate(later(product), stars), make.authority(level)
    act = lambda: product.certify(decision, by, TODAY)  # noqa: E731
    if stars in COMPETENT[era].get(level, set()):
        act()
        assert product.certificate is not None
        assert (product.certificate.stars, product.certificate.issuing_level) == (stars, level)
        assert product.certificate.criteria_set == era
    else:
        assert_refused(product, errors.LevelNotCompetent, "level-not-competent", act)


@ALL_ERAS
def test_a_province_certifies_five_stars_only_under_the_provincial_legacy_set(era: str) -> None:
    product = evaluated(era, 95, P)
    act = lambda: product.certify(make.certificate(later(product), 5), make.authority(P), TODAY)  # noqa: E731
    if era == "quang-ninh-978-2018":
        act()
        assert product.status_on(later(product)) is Status.CERTIFIED
    else:
        assert_refused(product, errors.LevelNotCompetent, "level-not-competent", act)


def test_a_district_certifies_three_stars_under_148_only() -> None:
    under_148 = certified("148-2023", 3, D)
    assert under_148.certificate is not None
    assert under_148.certificate.issuing_level is D
    under_1048 = evaluated("1048-2019", 60, D)
    assert_refused(
        under_1048,
        errors.LevelNotCompetent,
        "level-not-competent",
        lambda: under_1048.certify(
            make.certificate(later(under_1048), 3), make.authority(D), TODAY
        ),
    )
    under_1489 = evaluated("1489-2025", 60, P)
    assert_refused(
        under_1489,
        errors.LevelNotCompetent,
        "level-not-competent",
        lambda: under_1489.certify(
            make.certificate(later(under_1489), 3), make.authority(D), TODAY
        ),
    )


@pytest.mark.parametrize("stars", [0, 1, 2, 6])
def test_stars_outside_three_to_five_are_never_certified(stars: int) -> None:
    product = evaluated("148-2023", 100)
    assert_refused(
        product,
        errors.StarsNotCertifiable,
        "stars-not-certifiable",
        lambda: product.certify(make.certificate(later(product), stars), make.authority(), TODAY),
    )


@ALL_ERAS
@pytest.mark.parametrize("stars", [3, 4, 5])
def test_failing_the_mandatory_criteria_blocks_any_stars_whatever_the_points(
    era: str, stars: int
) -> None:
    product = evaluated(era, 100, P, mandatory_met=False)
    assert_refused(
        product,
        errors.MandatoryCriteriaFailed,
        "mandatory-criteria-failed",
        lambda: product.certify(make.certificate(later(product), stars), make.authority(P), TODAY),
    )


@ALL_ERAS
@pytest.mark.parametrize(("total", "stars"), [(49, 3), (69, 4), (89, 5)])
def test_stars_above_the_evaluations_band_are_refused(era: str, total: int, stars: int) -> None:
    level = C if stars == 5 and era != "quang-ninh-978-2018" else P
    product = evaluated(era, total, level)
    assert_refused(
        product,
        errors.BandTooLow,
        "band-too-low",
        lambda: product.certify(
            make.certificate(later(product), stars), make.authority(level), TODAY
        ),
    )


def test_stars_below_the_band_may_be_certified() -> None:
    product = evaluated("1048-2019", 85, P)
    product.certify(make.certificate(later(product), 3), make.authority(P), TODAY)
    assert product.certificate is not None
    assert product.certificate.stars == 3


def test_a_certificate_rests_on_the_evaluation_of_the_issuing_levels_council() -> None:
    product = evaluated("148-2023", 80, D)
    assert_refused(
        product,
        errors.EvaluationNotByIssuingLevel,
        "evaluation-not-by-issuing-level",
        lambda: product.certify(make.certificate(later(product), 4), make.authority(P), TODAY),
    )


@ALL_ERAS
def test_781_an_80_point_product_meeting_3_stars_mandatory_criteria_only_is_refused_4_stars(
    era: str,
) -> None:
    """Mandatory criteria per star level (781/2020; 148/2023, Appendix I): the answer says
    which level failed and why the band is 3."""
    level = D if era == "148-2023" else P  # the level certifying 3 stars
    product = forwarded(era, level)
    product.evaluate(
        make.evaluation(later(product), 80, mandatory_met=None, mandatory_met_for=(3,)),
        make.council(level),
        TODAY,
    )
    refusal = assert_refused(
        product,
        errors.MandatoryCriteriaFailed,
        "mandatory-criteria-failed",
        lambda: product.certify(make.certificate(later(product), 4), make.authority(level), TODAY),
    )
    assert "4-star's mandatory criteria unmet (met for 3-star)" in str(refusal)
    assert "80 points reach the 4-star band" in str(refusal)
    product.certify(make.certificate(later(product), 3), make.authority(level), TODAY)
    assert product.certificate is not None and product.certificate.stars == 3
