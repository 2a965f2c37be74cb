"""When criteria change, an evaluation under the old set supports a certificate only within
the new set's transitional provisions; who certifies follows the set in force on the day."""

from __future__ import annotations

from datetime import date

import pytest

from lifecycle import errors
from lifecycle.criteria import BY_ID, CRITERIA_SETS, criteria_set
from lifecycle.values import Level
from seed import builders as make
from seed.renewal_builders import regrouped
from tests.unit.eras import TODAY
from tests.unit.stages import assert_refused, brought_to, registered

# (evaluated under, on; decided on; decision-date set) at each change of criteria.
WITHIN = [
    (date(2023, 2, 20), date(2023, 3, 15), "1048-2019"),
    (date(2023, 2, 23), date(2023, 12, 31), "1048-2019"),
    (date(2025, 7, 1), date(2025, 7, 10), "148-2023"),
    (date(2025, 7, 5), date(2025, 12, 31), "148-2023"),
]
BEYOND = [
    (date(2023, 2, 23), date(2024, 1, 1)),
    (date(2025, 7, 5), date(2026, 1, 1)),
    (date(2022, 6, 1), date(2025, 7, 10)),  # two sets back: no transition reaches so far
    (date(2019, 12, 20), date(2020, 1, 10)),  # Quảng Ninh's own set into 1048: none provided
]


@pytest.mark.parametrize(("evaluated_on", "decided_on", "evaluation_set"), WITHIN)
def test_an_evaluation_under_the_old_set_is_certified_within_the_transition(
    evaluated_on: date, decided_on: date, evaluation_set: str
) -> None:
    product = registered("quang-ninh-978-2018" if evaluated_on.year == 2019 else "1048-2019")
    brought_to(product, Level.PROVINCE, evaluated_on)
    evaluation = regrouped(make.evaluation(evaluated_on, 80))
    product.evaluate(evaluation, make.council(), TODAY)
    product.certify(make.certificate(decided_on, 4), make.authority(), TODAY)
    assert product.certificate is not None
    assert product.certificate.criteria_set == evaluation_set
    assert product.certificate.issuing_level is Level.PROVINCE


@pytest.mark.parametrize(("evaluated_on", "decided_on"), BEYOND)
def test_an_evaluation_under_a_superseded_set_is_refused_after_the_transition(
    evaluated_on: date, decided_on: date
) -> None:
    product = registered("quang-ninh-978-2018" if evaluated_on.year == 2019 else "1048-2019")
    brought_to(product, Level.PROVINCE, evaluated_on)
    evaluation = regrouped(make.evaluation(evaluated_on, 80))
    product.evaluate(evaluation, make.council(), TODAY)
    refused = assert_refused(
        product,
        errors.EvaluationUnderSupersededCriteria,
        "evaluation-under-superseded-criteria",
        lambda: product.certify(make.certificate(decided_on, 4), make.authority(), TODAY),
    )
    assert str(evaluated_on) in refused.message and str(decided_on) in refused.message


def test_competence_follows_the_set_in_force_on_the_decision_date() -> None:
    """A 148 evaluation by the district, decided under 1489: no district authority then."""
    product = registered("1048-2019")
    evaluation = regrouped(make.evaluation(date(2025, 7, 1), 60))
    product.evaluate(evaluation, make.council(Level.DISTRICT), TODAY)
    assert_refused(
        product,
        errors.LevelNotCompetent,
        "level-not-competent",
        lambda: product.certify(
            make.certificate(date(2025, 7, 10), 3), make.authority(Level.DISTRICT), TODAY
        ),
    )


def test_every_transition_cites_its_provision_and_names_an_earlier_set() -> None:
    for criteria in CRITERIA_SETS:
        for transition in criteria.transitions:
            earlier = BY_ID[transition.earlier_set]
            assert earlier.in_force_until is not None
            assert earlier.in_force_until < criteria.in_force_from <= transition.decided_until
            assert "QĐ-TTg" in transition.provision and "ASSUMPTION" in transition.assumption
    assert [t.earlier_set for t in criteria_set("148-2023").transitions] == ["1048-2019"]
    assert [t.earlier_set for t in criteria_set("1489-2025").transitions] == ["148-2023"]
    assert criteria_set("1048-2019").transitions == ()
