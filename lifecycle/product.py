"""The product aggregate: each command checks the programme's rules, then records one event.

Rules live in ``check_*`` methods named after the rule, each raising one error class. Dates
come in as arguments (``today`` is the caller's clock), so the aggregate does no I/O.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from lifecycle import errors
from lifecycle.commands import (
    Command,
    IssueCertificate,
    RecordEvaluation,
    RegisterProduct,
    ReinstateCertificate,
    RemoveProduct,
    RevokeCertificate,
    SuspendCertificate,
)
from lifecycle.criteria import star_band
from lifecycle.events import Evaluated, Registered, Reinstated, Removed, Revoked, Starred, Suspended
from lifecycle.rules import (
    certificate_valid_until,
    check_acts_at_a_level,
    check_band_reaches,
    check_council_level_in_set,
    check_criteria_in_force,
    check_deadline_not_before,
    check_evaluated_by_issuing_level,
    check_evaluation_set_accepted,
    check_group_in_set,
    check_level_competent,
    check_level_may_revoke,
    check_mandatory_criteria_met,
    check_not_in_future,
    check_points_within_maxima,
    check_product_code,
    check_public_reason_short,
    check_stars_certifiable,
)
from lifecycle.values import (
    Actor,
    Certificate,
    Evaluation,
    Location,
    Owner,
    Status,
    certificate_number,
    product_id,
)


class Product(Aggregate):
    """A product in the OCOP programme, from registration to removal."""

    def __init__(
        self, code: str, name: str, owner: Owner, location: Location, group: str, subgroup: str
    ) -> None:
        self.code, self.name, self.owner, self.location = code, name, owner, location
        self.group, self.subgroup = group, subgroup
        self.evaluation: Evaluation | None = None
        self.certificate: Certificate | None = None
        self.certificates_issued = 0
        self.suspension_reason: str | None = None
        self.removed = False
        self.last_effective_on = date.min

    @staticmethod
    def create_id(code: str) -> UUID:
        """The product's id is derived from its code, so a code can be registered once."""
        return product_id(code)

    @classmethod
    def register(cls, command: RegisterProduct, actor: Actor, today: date) -> Product:
        """A programme office registers a product under its code."""
        check_product_code(command.code)
        check_not_in_future(command.effective_on, today)
        criteria = check_criteria_in_force(command.effective_on)
        check_group_in_set(criteria, command.group)
        return cls._create(Registered, criteria_set=criteria.id, actor=actor, **fields_of(command))

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

    # Commands.

    def evaluate(self, command: RecordEvaluation, actor: Actor, today: date) -> None:
        """A council records its scoring; the register computes the total and the band."""
        self.check_dated_in_order(command.effective_on, today)
        self.check_not_suspended(command.effective_on)
        criteria = check_criteria_in_force(command.effective_on)
        level = check_acts_at_a_level(actor)
        check_council_level_in_set(criteria, level)
        check_points_within_maxima(criteria, command.points, command.bonus)
        total = sum(command.points.values()) + command.bonus
        self.trigger_event(
            Evaluated,
            council_level=level,
            criteria_set=criteria.id,
            total=total,
            band=star_band(total),
            actor=actor,
            **fields_of(command),
        )

    def certify(self, command: IssueCertificate, actor: Actor, today: date) -> None:
        """A competent authority issues a star certificate, superseding any earlier one."""
        day = command.effective_on
        self.check_dated_in_order(day, today)
        check_stars_certifiable(command.stars)
        self.check_not_suspended(day)
        evaluation = self.check_has_fresh_evaluation()
        check_mandatory_criteria_met(evaluation)
        check_band_reaches(evaluation, command.stars)
        criteria = check_criteria_in_force(day)
        level = check_acts_at_a_level(actor)
        check_evaluation_set_accepted(criteria, evaluation, day)
        check_level_competent(criteria, level, command.stars)
        check_evaluated_by_issuing_level(evaluation, level)
        self.trigger_event(
            Starred,
            issuing_level=level,
            criteria_set=evaluation.criteria_set,
            certificate_number=certificate_number(self.code, self.certificates_issued + 1),
            valid_from=day,
            valid_until=certificate_valid_until(criteria, day),
            actor=actor,
            **fields_of(command),
        )

    def suspend(self, command: SuspendCertificate, actor: Actor, today: date) -> None:
        """An inspector suspends a current certificate after an inspection found a breach."""
        self.check_dated_in_order(command.effective_on, today)
        check_deadline_not_before(command.corrective_deadline, command.effective_on)
        self.check_not_suspended(command.effective_on)
        self.check_certificate_current(command.effective_on)
        self.trigger_event(Suspended, actor=actor, **fields_of(command))

    def reinstate(self, command: ReinstateCertificate, actor: Actor, today: date) -> None:
        """An inspector reinstates a suspended certificate once the breach is corrected."""
        self.check_dated_in_order(command.effective_on, today)
        check_public_reason_short(command.public_reason)
        self.check_suspended(command.effective_on)
        self.trigger_event(Reinstated, actor=actor, **fields_of(command))

    def revoke(self, command: RevokeCertificate, actor: Actor, today: date) -> None:
        """A competent authority withdraws the certificate (current, suspended or expired)."""
        self.check_dated_in_order(command.effective_on, today)
        check_public_reason_short(command.public_reason)
        certificate = self.check_holds_unrevoked_certificate()
        level = check_acts_at_a_level(actor)
        check_level_may_revoke(certificate, level, command.effective_on)
        self.trigger_event(Revoked, actor=actor, **fields_of(command))

    def remove(self, command: RemoveProduct, actor: Actor, today: date) -> None:
        """The programme office removes a product whose certificate is not current; final."""
        self.check_dated_in_order(command.effective_on, today)
        check_public_reason_short(command.public_reason)
        self.check_certificate_not_current(command.effective_on)
        self.trigger_event(Removed, actor=actor, **fields_of(command))

    # Rules that read the product's state.

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


def fields_of(command: Command) -> dict[str, Any]:
    """A command's facts, as the event that records it carries them."""
    return {f.name: getattr(command, f.name) for f in dataclasses.fields(command)}
