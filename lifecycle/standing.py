"""A product's standing in the programme: what it holds now, its status on a date, and the
rules that read them (each ``check_*`` raising one error class).

The product aggregate (``lifecycle/product.py``) is built on it; the events record each
change on these attributes, and nothing here changes them.
"""

from __future__ import annotations

from datetime import date

from lifecycle import errors
from lifecycle.handoffs import HandOff
from lifecycle.rules import check_not_in_future
from lifecycle.values import Certificate, Evaluation, Location, Owner, Status


class Standing:
    """What a product holds in the programme, and the rules its state imposes."""

    code: str
    name: str
    owner: Owner
    location: Location
    group: str
    subgroup: str
    gtins: tuple[str, ...]
    evaluation: Evaluation | None
    # The latest evaluation by any council (a certificate leaves it), and the hand-offs to
    # higher levels standing (a certificate at a level ends those to it and below).
    latest_evaluation: Evaluation | None
    handed_to: tuple[HandOff, ...]
    certificate: Certificate | None
    certificates_issued: int
    suspension_reason: str | None
    removed: bool
    last_effective_on: date

    def status_on(self, day: date) -> Status:
        """The public status on ``day``; expiry is read from valid-until, never stored."""
        certificate = self.certificate
        if self.removed:
            return Status.REMOVED
        if certificate is None:
            return Status.PARTICIPATING
        if certificate.revoked_on is not None:
            return Status.REVOKED
        if certificate.is_expired_on(day):
            return Status.EXPIRED
        if certificate.suspended_on is not None:
            return Status.SUSPENDED
        return Status.CERTIFIED

    def check_dated_in_order(self, effective_on: date, today: date) -> None:
        """Removed is final; an event may not precede the previous one nor lie in the future."""
        if self.removed:
            raise errors.ProductRemoved(f"Product {self.code} was removed; removal is final.")
        check_not_in_future(effective_on, today)
        if effective_on < self.last_effective_on:
            raise errors.EffectiveDateOutOfOrder(
                f"Effective date {effective_on} precedes the product's previous event "
                f"({self.last_effective_on})."
            )

    def check_not_suspended(self, day: date) -> None:
        """Nothing is evaluated, certified or suspended again while a suspension stands."""
        if self.status_on(day) is Status.SUSPENDED:
            raise errors.ProductSuspended(f"Product {self.code} is suspended after inspection.")

    def check_suspended(self, day: date) -> None:
        """Only a suspended, unexpired certificate can be reinstated."""
        status = self.status_on(day)
        if status is Status.EXPIRED:
            raise errors.CertificateExpired("The certificate expired; it cannot be reinstated.")
        if status is not Status.SUSPENDED:
            raise errors.NotSuspended(f"Product {self.code} is {status.value}, not suspended.")

    def check_certificate_current(self, day: date) -> None:
        """Only a product with a current, unexpired certificate can be suspended."""
        status = self.status_on(day)
        if status is Status.EXPIRED:
            raise errors.CertificateExpired(f"The certificate expired on {self.valid_until()}.")
        if status is not Status.CERTIFIED:
            raise errors.CertificateNotCurrent(
                f"Product {self.code} is {status.value}; it holds no current certificate."
            )

    def check_certificate_not_current(self, day: date) -> None:
        """A product whose certificate is current or suspended must be revoked before removal."""
        status = self.status_on(day)
        if status in (Status.CERTIFIED, Status.SUSPENDED):
            raise errors.CertificateStillCurrent(
                f"Product {self.code} is {status.value}; revoke its certificate first."
            )

    def check_has_fresh_evaluation(self) -> Evaluation:
        """A certificate needs an evaluation made since the previous certificate."""
        if self.evaluation is None:
            raise errors.NoEvaluation(
                f"Product {self.code} has no evaluation since its last certificate."
            )
        return self.evaluation

    def check_holds_unrevoked_certificate(self) -> Certificate:
        """Only a certificate that exists and is not yet revoked can be revoked."""
        if self.certificate is None:
            raise errors.NoCertificate(f"Product {self.code} holds no certificate.")
        if self.certificate.revoked_on is not None:
            raise errors.CertificateAlreadyRevoked(
                f"Certificate {self.certificate.number} was revoked on "
                f"{self.certificate.revoked_on}."
            )
        return self.certificate

    def valid_until(self) -> date | None:
        """The valid-until date of the product's latest certificate, if any."""
        return self.certificate.valid_until if self.certificate else None
