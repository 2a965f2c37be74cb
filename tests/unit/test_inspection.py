"""An inspector suspends a current certificate after a breach, and reinstates it once corrected."""

from __future__ import annotations

from datetime import timedelta

from lifecycle import errors
from lifecycle.values import Status
from seed import builders as make
from tests.unit.eras import ALL_ERAS, TODAY
from tests.unit.stages import (
    EXPIRED,
    after_expiry,
    assert_refused,
    attempt,
    certified,
    later,
    suspended,
)


@ALL_ERAS
def test_an_inspector_suspends_a_certified_product_after_an_inspection(era: str) -> None:
    product = certified(era)
    day = later(product)
    product.suspend(make.suspension(day, days_to_correct=45), make.inspector(), TODAY)
    assert product.status_on(day) is Status.SUSPENDED
    assert product.certificate is not None
    assert product.certificate.suspended_on == day
    assert product.certificate.corrective_deadline == day + timedelta(days=45)
    assert product.suspension_reason == "Product quality below the committed standard"


@ALL_ERAS
def test_an_inspector_cannot_suspend_an_expired_certificate(era: str) -> None:
    product = certified(era)
    assert_refused(product, *EXPIRED, attempt("suspend", product, after_expiry(product, 1)))


@ALL_ERAS
def test_a_certificate_may_be_suspended_on_its_last_valid_day(era: str) -> None:
    product = certified(era)
    assert product.certificate is not None
    last_day = product.certificate.valid_until
    product.suspend(make.suspension(last_day), make.inspector(), TODAY)
    assert product.status_on(last_day) is Status.SUSPENDED


def test_the_corrective_deadline_may_not_fall_before_the_suspension() -> None:
    product = certified("148-2023")
    inspection = make.suspension(later(product), days_to_correct=-1)
    act = lambda: product.suspend(inspection, make.inspector(), TODAY)  # noqa: E731
    assert_refused(
        product, errors.CorrectiveDeadlinePassed, "corrective-deadline-before-suspension", act
    )
    product.suspend(make.suspension(later(product), days_to_correct=0), make.inspector(), TODAY)
    assert product.status_on(later(product, 0)) is Status.SUSPENDED


@ALL_ERAS
def test_reinstating_keeps_the_original_valid_until_date(era: str) -> None:
    product = suspended(era)
    assert product.certificate is not None
    original = product.certificate
    day = later(product, 60)
    product.reinstate(make.reinstatement(day), make.inspector(), TODAY)
    assert product.status_on(day) is Status.CERTIFIED
    assert product.certificate.valid_until == original.valid_until
    assert product.certificate.valid_from == original.valid_from
    assert product.certificate.number == original.number
    current = product.certificate
    assert (current.suspended_on, current.corrective_deadline) == (None, None)
    assert product.suspension_reason is None
    assert product.status_on(after_expiry(product, 1)) is Status.EXPIRED


@ALL_ERAS
def test_a_suspended_certificate_that_expired_cannot_be_reinstated(era: str) -> None:
    product = suspended(era)
    assert product.status_on(after_expiry(product, 1)) is Status.EXPIRED
    assert_refused(
        product,
        errors.CertificateExpired,
        "certificate-expired",
        lambda: product.reinstate(
            make.reinstatement(after_expiry(product, 1)), make.inspector(), TODAY
        ),
    )


def test_a_reinstated_certificate_may_be_suspended_again() -> None:
    product = suspended("1489-2025")
    product.reinstate(make.reinstatement(later(product)), make.inspector(), TODAY)
    day = later(product, 100)
    product.suspend(make.suspension(day), make.inspector(), TODAY)
    assert product.status_on(day) is Status.SUSPENDED
