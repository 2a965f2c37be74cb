"""A certificate runs 36 months less a day; a new one, on a fresh evaluation, supersedes it.

Certificates of a product are numbered in turn (-C1, -C2, ...), so the number needs no
global counter and is never reused.
"""

from __future__ import annotations

from datetime import date

import pytest

from lifecycle import errors
from lifecycle.product import Product
from lifecycle.values import Level, Status
from seed import builders as make
from tests.unit.eras import ALL_ERAS, TODAY
from tests.unit.stages import (
    after_expiry,
    assert_refused,
    brought_to,
    certified,
    later,
    registered,
    scored_and_certified,
)


@pytest.mark.parametrize(
    ("issued_on", "valid_until"),
    [
        (date(2024, 2, 10), date(2027, 2, 9)),
        (date(2023, 3, 1), date(2026, 2, 28)),
        (date(2025, 12, 31), date(2028, 12, 30)),
        (date(2019, 8, 21), date(2022, 8, 20)),
        (date(2024, 2, 29), date(2027, 2, 28)),
        (date(2021, 3, 1), date(2024, 2, 29)),
    ],
)
def test_a_certificate_is_valid_36_months_less_a_day(issued_on: date, valid_until: date) -> None:
    product = Product.register(make.registration(issued_on), make.office(), TODAY)
    scored_and_certified(product, issued_on)
    assert product.certificate is not None
    certificate = product.certificate
    assert (certificate.valid_from, certificate.valid_until) == (issued_on, valid_until)


@ALL_ERAS
def test_a_new_certificate_supersedes_the_old_and_is_numbered_in_turn(era: str) -> None:
    product = certified(era)
    assert product.certificate is not None
    assert product.certificate.number == "QN-0001-C1"
    renewal_day = later(product, 300)
    scored_and_certified(product, renewal_day)
    assert product.certificate.number == "QN-0001-C2"
    assert product.certificate.valid_from == renewal_day
    assert product.certificates_issued == 2


@ALL_ERAS
def test_certifying_again_needs_a_fresh_evaluation_since_the_last_certificate(era: str) -> None:
    product = certified(era)
    assert product.evaluation is None
    assert_refused(
        product,
        errors.NoEvaluation,
        "no-evaluation",
        lambda: product.certify(make.certificate(later(product), 4), make.authority(), TODAY),
    )


@ALL_ERAS
def test_an_expired_product_is_renewed_after_a_new_evaluation(era: str) -> None:
    product = certified(era)
    day = after_expiry(product)
    scored_and_certified(product, day)
    assert product.status_on(day) is Status.CERTIFIED
    assert product.certificate is not None
    assert product.certificate.number.endswith("-C2")


def test_a_new_certificate_after_a_suspended_one_expired_carries_no_suspension() -> None:
    product = certified("1048-2019")
    product.suspend(make.suspension(later(product)), make.inspector(), TODAY)
    day = after_expiry(product)
    scored_and_certified(product, day)
    assert product.certificate is not None
    current = product.certificate
    assert (current.suspended_on, current.corrective_deadline) == (None, None)
    assert product.suspension_reason is None
    assert product.status_on(day) is Status.CERTIFIED


def test_the_certificate_records_the_set_of_the_evaluation_it_rests_on() -> None:
    """Evaluated under 148 on 1/7/2025, certified on 10/7/2025 when 1489 was in force."""
    product = registered("148-2023")
    brought_to(product, Level.PROVINCE, date(2025, 7, 1), 70)
    product.evaluate(make.evaluation(date(2025, 7, 1), 60), make.council(), TODAY)
    product.certify(make.certificate(date(2025, 7, 10), 3), make.authority(), TODAY)
    assert product.certificate is not None
    assert product.certificate.criteria_set == "148-2023"
