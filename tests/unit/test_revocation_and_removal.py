"""A certificate is withdrawn by a competent authority; a product leaves the programme for good."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lifecycle import errors
from lifecycle.events import Removed, Revoked
from lifecycle.values import Level, RemovalReason, RevocationReason, Status
from seed import builders as make
from tests.unit.eras import ALL_ERAS, ERAS, TODAY
from tests.unit.stages import (
    NO_CERTIFICATE,
    NOT_COMPETENT,
    after_expiry,
    assert_refused,
    attempt,
    certified,
    evaluated,
    later,
    removed,
    revoked,
    suspended,
)

COMMANDS = ["evaluate", "certify", "suspend", "reinstate", "revoke", "remove"]


@ALL_ERAS
@pytest.mark.parametrize("holding", ["current", "suspended", "expired"])
def test_a_certificate_is_revoked_whether_current_suspended_or_expired(
    era: str, holding: str
) -> None:
    product = suspended(era) if holding == "suspended" else certified(era)
    day = after_expiry(product) if holding == "expired" else later(product)
    product.revoke(make.revocation(day), make.authority(), TODAY)
    assert product.status_on(day) is Status.REVOKED
    assert product.certificate is not None
    assert product.certificate.revoked_on == day
    assert product.status_on(day + timedelta(days=5000)) is Status.REVOKED


def test_a_province_cannot_revoke_a_five_star_certificate_of_the_ministry() -> None:
    product = certified("1048-2019", 5, Level.CENTRAL)
    assert make.authority().level is Level.PROVINCE
    assert_refused(product, *NOT_COMPETENT, attempt("revoke", product, later(product)))
    product.revoke(make.revocation(later(product)), make.authority(Level.CENTRAL), TODAY)
    assert product.status_on(later(product, 0)) is Status.REVOKED


def test_the_issuing_district_revokes_its_three_star_certificate_even_under_1489() -> None:
    product = certified("148-2023", 3, Level.DISTRICT)
    day = ERAS["1489-2025"]
    product.revoke(make.revocation(day), make.authority(Level.DISTRICT), TODAY)
    assert product.status_on(day) is Status.REVOKED


def test_a_province_revokes_a_district_certificate_once_it_certifies_three_stars_itself() -> None:
    under_148 = certified("148-2023", 3, Level.DISTRICT)
    assert_refused(under_148, *NOT_COMPETENT, attempt("revoke", under_148, later(under_148)))
    under_148.revoke(make.revocation(ERAS["1489-2025"]), make.authority(Level.PROVINCE), TODAY)
    assert under_148.status_on(ERAS["1489-2025"]) is Status.REVOKED


def test_revocation_records_the_decision_and_its_reason() -> None:
    product = certified("148-2023")
    product.revoke(make.revocation(later(product)), make.authority(), TODAY)
    event = product.pending_events[-1]
    assert isinstance(event, Revoked)
    assert event.decision_ref == "1234/QĐ-UBND"
    assert event.reason is RevocationReason.BREACH_OF_REGULATION


@ALL_ERAS
def test_a_product_without_a_certificate_has_nothing_to_revoke(era: str) -> None:
    product = evaluated(era)
    assert_refused(product, *NO_CERTIFICATE, attempt("revoke", product, later(product)))


@ALL_ERAS
@pytest.mark.parametrize("holding", ["participating", "expired", "revoked"])
def test_a_product_without_a_current_certificate_may_be_removed(era: str, holding: str) -> None:
    product = {"participating": evaluated, "expired": certified, "revoked": revoked}[holding](era)
    day = after_expiry(product) if holding == "expired" else later(product)
    product.remove(make.removal(day), make.office(), TODAY)
    assert product.status_on(day) is Status.REMOVED
    assert product.removed
    event = product.pending_events[-1]
    assert isinstance(event, Removed) and event.reason is RemovalReason.NO_LONGER_PRODUCED


@ALL_ERAS
@pytest.mark.parametrize("holding", ["current", "suspended"])
def test_a_product_is_removed_only_after_its_certificate_is_revoked(era: str, holding: str) -> None:
    product = certified(era) if holding == "current" else suspended(era)
    assert_refused(
        product,
        errors.CertificateStillCurrent,
        "certificate-still-current",
        lambda: product.remove(make.removal(later(product)), make.office(), TODAY),
    )
    product.revoke(make.revocation(later(product)), make.authority(), TODAY)
    product.remove(make.removal(later(product)), make.office(), TODAY)
    assert product.status_on(later(product)) is Status.REMOVED


@ALL_ERAS
@pytest.mark.parametrize("command", COMMANDS)
def test_a_removed_product_refuses_every_command(era: str, command: str) -> None:
    product = removed(era)
    for day in (later(product, 0), later(product, 400)):
        assert_refused(
            product, errors.ProductRemoved, "product-removed", attempt(command, product, day)
        )
    assert product.status_on(TODAY) is Status.REMOVED
