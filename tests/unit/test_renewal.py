"""Renewal: notice before a certificate's 36 months end (Decision 148/QĐ-TTg: at least 30
days), re-recognition continuing the old certificate without a gap, and revocation of one
that lapsed without being renewed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lifecycle import errors
from lifecycle.commands import GiveRenewalNotice
from lifecycle.renewal import NOTICES, notice_by, notice_for
from lifecycle.renewal_events import RenewalNoticeGiven
from lifecycle.values import Level, RevocationReason, Status
from seed import builders as make
from tests.unit.eras import ALL_ERAS, TODAY
from tests.unit.stages import (
    assert_refused,
    certified,
    later,
    registered,
    scored_and_certified,
)

NOT_RENEWED = RevocationReason.EXPIRED_NOT_RENEWED


def test_148_gives_notice_at_least_30_days_before_the_end() -> None:
    """Decision 148/QĐ-TTg (24/2/2023): notice at least 30 days before the 36 months end."""
    assert notice_for(date(2026, 3, 1)).days_before == 30
    assert notice_by(date(2024, 6, 30)) == date(2024, 5, 31)
    assert "148/QĐ-TTg" in NOTICES["148-2023"].source


def test_other_sets_notice_periods_are_marked_assumptions() -> None:
    """1048/QĐ-TTg and the provincial sets name no period we have: ASSUMPTION."""
    assert "ASSUMPTION" in NOTICES["1048-2019"].source
    assert "ASSUMPTION" in NOTICES["provincial-legacy"].source
    assert notice_for(date(2021, 1, 1)) is NOTICES["1048-2019"]


@ALL_ERAS
def test_a_re_recognition_before_the_end_continues_the_old_certificate(era: str) -> None:
    """Re-recognition is a re-evaluation and a new certificate: it runs from its decision,
    the old one ending there, so validity has no gap."""
    product = certified(era)
    old = product.certificate
    assert old is not None
    day = old.valid_until - timedelta(days=20)
    scored_and_certified(product, day)
    new = product.certificate
    assert new is not None
    assert (new.number, new.renews, new.valid_from) == ("QN-0001-C2", old.number, day)
    assert product.status_on(day) is Status.CERTIFIED


@ALL_ERAS
def test_a_re_recognition_the_day_after_the_end_continues_it_without_a_gap(era: str) -> None:
    product = certified(era)
    old = product.certificate
    assert old is not None
    scored_and_certified(product, old.valid_until + timedelta(days=1))
    assert product.certificate is not None and product.certificate.renews == old.number


@ALL_ERAS
def test_a_certificate_after_a_lapse_renews_nothing(era: str) -> None:
    """Two days after the end the product was expired for a day: a new certificate, no
    re-recognition."""
    product = certified(era)
    old = product.certificate
    assert old is not None
    lapse = old.valid_until + timedelta(days=1)
    assert product.status_on(lapse) is Status.EXPIRED
    scored_and_certified(product, old.valid_until + timedelta(days=2))
    assert product.certificate is not None and product.certificate.renews == ""


def test_a_certificate_after_a_revoked_one_renews_nothing() -> None:
    product = certified("148-2023")
    product.revoke(make.revocation(later(product)), make.authority(), TODAY)
    scored_and_certified(product, later(product))
    assert product.certificate is not None and product.certificate.renews == ""


def test_the_first_certificate_renews_nothing() -> None:
    product = certified("1489-2025")
    assert product.certificate is not None and product.certificate.renews == ""


@ALL_ERAS
def test_a_certificate_that_expired_unrenewed_is_revoked_as_not_renewed(era: str) -> None:
    """SPEC, Revoked: 'expired and not renewed' once the 36 months ended."""
    product = certified(era)
    assert product.certificate is not None
    day = product.certificate.valid_until + timedelta(days=1)
    product.revoke(make.revocation(day, NOT_RENEWED), make.authority(), TODAY)
    assert product.status_on(day) is Status.REVOKED


@ALL_ERAS
def test_a_certificate_still_valid_is_not_revoked_as_not_renewed(era: str) -> None:
    product = certified(era)
    assert product.certificate is not None
    last_day = product.certificate.valid_until
    refused = assert_refused(
        product,
        errors.CertificateNotLapsed,
        "certificate-not-lapsed",
        lambda: product.revoke(make.revocation(last_day, NOT_RENEWED), make.authority(), TODAY),
    )
    assert str(last_day) in refused.message and "QN-0001-C1" in refused.message


def test_a_re_recognised_product_is_not_revoked_as_not_renewed() -> None:
    """After re-recognition the product holds the new certificate, which has not expired."""
    product = certified("148-2023")
    assert product.certificate is not None
    old_end = product.certificate.valid_until
    scored_and_certified(product, old_end - timedelta(days=5))
    after_old_end = old_end + timedelta(days=10)
    assert_refused(
        product,
        errors.CertificateNotLapsed,
        "certificate-not-lapsed",
        lambda: product.revoke(
            make.revocation(after_old_end, NOT_RENEWED), make.authority(), TODAY
        ),
    )


@pytest.mark.parametrize("reason", [r for r in RevocationReason if r is not NOT_RENEWED])
def test_other_reasons_revoke_a_valid_certificate(reason: RevocationReason) -> None:
    product = certified("148-2023")
    product.revoke(make.revocation(later(product), reason), make.authority(), TODAY)
    assert product.status_on(later(product, 0)) is Status.REVOKED


def notice(day: date) -> GiveRenewalNotice:
    return GiveRenewalNotice(effective_on=day, notice_ref="15/TB-UBND")


@ALL_ERAS
def test_the_issuing_body_gives_notice_before_the_end_and_the_record_keeps_it(era: str) -> None:
    """Decision 148/QĐ-TTg: notice at least 30 days before the 36 months end; the event says
    by when it was due."""
    product = certified(era)
    assert product.certificate is not None
    end = product.certificate.valid_until
    day = end - timedelta(days=45)
    product.give_renewal_notice(notice(day), make.authority(), TODAY)
    event = product.pending_events[-1]
    assert isinstance(event, RenewalNoticeGiven)
    assert (event.certificate_number, event.valid_until, event.notice_by) == (
        "QN-0001-C1",
        end,
        end - timedelta(days=30),
    )
    assert (event.notice_ref, product.last_effective_on) == ("15/TB-UBND", day)


def test_a_late_notice_is_still_recorded_as_given() -> None:
    """A notice later than 30 days before the end is a fact too: recorded, its lateness
    readable from ``notice_by``."""
    product = certified("148-2023")
    assert product.certificate is not None
    end = product.certificate.valid_until
    product.give_renewal_notice(notice(end), make.authority(), TODAY)
    event = product.pending_events[-1]
    assert isinstance(event, RenewalNoticeGiven) and event.notice_by < event.effective_on


def test_no_notice_once_the_certificate_expired() -> None:
    product = certified("148-2023")
    assert product.certificate is not None
    day = product.certificate.valid_until + timedelta(days=1)
    refused = assert_refused(
        product,
        errors.CertificateExpired,
        "certificate-expired",
        lambda: product.give_renewal_notice(notice(day), make.authority(), TODAY),
    )
    assert "too late" in refused.message


def test_no_notice_without_a_certificate_or_of_a_revoked_one() -> None:
    product = registered("148-2023")
    assert_refused(
        product,
        errors.NoCertificate,
        "no-certificate",
        lambda: product.give_renewal_notice(notice(later(product)), make.authority(), TODAY),
    )
    product = certified("148-2023")
    product.revoke(make.revocation(later(product)), make.authority(), TODAY)
    assert_refused(
        product,
        errors.CertificateAlreadyRevoked,
        "certificate-already-revoked",
        lambda: product.give_renewal_notice(notice(later(product)), make.authority(), TODAY),
    )


def test_notice_comes_from_the_issuing_level_or_the_level_now_competent() -> None:
    """Decision 148/QĐ-TTg: a district authority certifies 3 stars, not a province's 4."""
    product = certified("148-2023", 4)
    assert_refused(
        product,
        errors.LevelNotCompetent,
        "level-not-competent",
        lambda: product.give_renewal_notice(
            notice(later(product)), make.authority(Level.DISTRICT), TODAY
        ),
    )
    product.give_renewal_notice(notice(later(product)), make.authority(Level.PROVINCE), TODAY)
