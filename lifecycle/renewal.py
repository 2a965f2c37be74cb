"""Renewal: the notice before a certificate's validity ends, re-recognition that continues it
without a gap, and revocation of a certificate that lapsed without being renewed.

Figures per criteria set, each with its source; the set is the one in force on the day the
certificate ends, under whose rules its issuing body gives notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lifecycle import errors
from lifecycle.criteria import criteria_in_force
from lifecycle.values import Certificate, Level, RevocationReason


@dataclass(frozen=True)
class Notice:
    """How many days before a certificate ends its issuing body must give notice at least."""

    days_before: int
    source: str


NOTICE_148 = Notice(
    30,
    "Decision 148/QĐ-TTg (24/2/2023), on re-recognition: notice at least 30 days before the "
    "certificate's 36 months end (SPEC, Criteria sets).",
)
NOTICES: dict[str, Notice] = {
    "provincial-legacy": Notice(
        30, "ASSUMPTION (provincial texts not at hand): as 148's 30 days, the only figure known."
    ),
    "1048-2019": Notice(
        30, "ASSUMPTION (1048 and 781 set no notice period that we have): as 148's 30 days."
    ),
    "148-2023": NOTICE_148,
    "1489-2025": Notice(
        30,
        "Decision 1489/QĐ-TTg (6/7/2025) amends 148 and keeps its notice (ASSUMPTION: "
        "no amendment of that clause in the text at hand).",
    ),
}


def notice_for(valid_until: date) -> Notice:
    """The notice a certificate ending on ``valid_until`` is owed, by the set then in force."""
    criteria = criteria_in_force(valid_until)
    return NOTICES[criteria.id if criteria else "provincial-legacy"]


def notice_by(valid_until: date) -> date:
    """The last day on which notice of a certificate's end may be given in time."""
    return valid_until - timedelta(days=notice_for(valid_until).days_before)


def renewed_number(previous: Certificate | None, decided_on: date) -> str:
    """The number of the certificate a new one continues, or '' when it continues none.

    A certificate decided while the previous one stands unrevoked, or on the day after it
    ends, re-recognises the product without a gap: it runs from its own decision (the 36
    months run from the decision, so a renewal decided before the old one ends starts then,
    and the old one ends there). One decided later starts after a lapse and renews nothing.
    """
    if previous is None or previous.revoked_on is not None:
        return ""
    return previous.number if decided_on <= previous.valid_until + timedelta(days=1) else ""


def check_lapsed_when_not_renewed(
    certificate: Certificate, reason: RevocationReason, day: date
) -> None:
    """A certificate is revoked as not renewed only once it has expired without
    re-recognition (a re-recognised product holds the new, unexpired certificate)."""
    if reason is RevocationReason.EXPIRED_NOT_RENEWED and not certificate.is_expired_on(day):
        raise errors.CertificateNotLapsed(
            f"Certificate {certificate.number} is valid until {certificate.valid_until}; on "
            f"{day} it has not expired, so it cannot be revoked as not renewed."
        )


def check_notice_before_end(certificate: Certificate, day: date) -> None:
    """Notice is given while the certificate stands, before its validity ends."""
    if certificate.is_expired_on(day):
        raise errors.CertificateExpired(
            f"Certificate {certificate.number} expired on {certificate.valid_until}; notice "
            f"of its end on {day} comes too late."
        )


def check_level_may_give_notice(certificate: Certificate, level: Level, day: date) -> None:
    """The issuing level gives notice, or the level that certifies those stars that day."""
    criteria = criteria_in_force(day)
    now_competent = criteria is not None and criteria.may_certify(level, certificate.stars)
    if level is not certificate.issuing_level and not now_competent:
        raise errors.LevelNotCompetent(
            f"Certificate {certificate.number} ({certificate.stars} stars, issued at "
            f"{certificate.issuing_level.value} level): a {level.value} authority does not "
            "give notice of its end."
        )
