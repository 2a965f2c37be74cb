"""An inspector suspends a current certificate after a breach, and reinstates it once corrected."""

from __future__ import annotations

from datetime import timedelta

from lifecycle import errors
from lifecycle.values import Status
from tests.unit.builders import ALL_ERAS, TODAY, inspection, inspector, reinspection
from tests.unit.stages import after_expiry, assert_refused, certified, later, suspended


@ALL_ERAS
def test_an_inspector_suspends_a_certified_product_after_an_inspection(era: str) -> None:
    product = certified(era)
    day = later(product)
    product.suspend(inspection(day, deadline_in_days=45), inspector(), TODAY)
    assert product.status_on(day) is Status.SUSPENDED
    assert product.certificate is not None
    assert product.certificate.suspended_on == day
    assert product.certificate.corrective_deadline == day + timedelta(days=45)
    assert product.suspension_reason == "breach of labelling rules"


@ALL_ERAS
def test_an_inspector_cannot_suspend_an_expired_certificate(era: str) -> None:
    product = certified(era)
    assert_refused(
        product,
        errors.CertificateExpired,
        "certificate-expired",
        lambda: product.suspend(inspection(after_expiry(product, 1)), inspector(), TODAY),
    )


@ALL_ERAS
def test_a_certificate_may_be_suspended_on_its_last_valid_day(era: str) -> None:
    product = certified(era)
    assert product.certificate is not None
    last_day = product.certificate.valid_until
    product.suspend(inspection(last_day), inspector(), TODAY)
    assert product.status_on(last_day) is Status.SUSPENDED


def test_the_corrective_deadline_may_not_fall_before_the_suspension() -> None:
    product = certified("148-2023")
    assert_refused(
        product,
        errors.CorrectiveDeadlinePassed,
        "corrective-deadline-before-suspension",
        lambda: product.suspend(
            inspection(later(product), deadline_in_days=-1), inspector(), TODAY
        ),
    )
    product.suspend(inspection(later(product), deadline_in_days=0), inspector(), TODAY)
    assert product.status_on(later(product, 0)) is Status.SUSPENDED


@ALL_ERAS
def test_reinstating_keeps_the_original_valid_until_date(era: str) -> None:
    product = suspended(era)
    assert product.certificate is not None
    original = product.certificate
    day = later(product, 60)
    product.reinstate(reinspection(day), inspector(), TODAY)
    assert product.status_on(day) is Status.CERTIFIED
    assert product.certificate.valid_until == original.valid_until
    assert product.certificate.valid_from == original.valid_from
    assert product.certificate.number == original.number
    assert (product.certificate.suspended_on, product.certificate.corrective_deadline) == (
        None,
        None,
    )
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
        lambda: product.reinstate(reinspection(after_expiry(product, 1)), inspector(), TODAY),
    )


def test_a_reinstated_certificate_may_be_suspended_again() -> None:
    product = suspended("1489-2025")
    product.reinstate(reinspection(later(product)), inspector(), TODAY)
    day = later(product, 100)
    product.suspend(inspection(day), inspector(), TODAY)
    assert product.status_on(day) is Status.SUSPENDED
