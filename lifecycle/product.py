"""The product aggregate: each command checks the programme's rules, then records one event.

Rules live in ``check_*`` functions and methods named after the rule, each raising one error
class; those reading the product's state are its ``Standing``'s, the offices' corrections (a
renamed place among them) its ``Corrections``', the councils' hand-offs its ``HandingOn``'.
Dates come in as arguments (``today`` is the caller's clock), so the aggregate does no I/O. An
event carries the command's facts under the same names (``lifecycle/facts.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from lifecycle.authority import check_acts_at_a_level
from lifecycle.commands import (
    GiveRenewalNotice,
    IssueCertificate,
    RecordEvaluation,
    RegisterProduct,
    ReinstateCertificate,
    RemoveProduct,
    RevokeCertificate,
    SuspendCertificate,
)
from lifecycle.corrections import Corrections
from lifecycle.council import score
from lifecycle.events import Evaluated, Registered, Reinstated, Removed, Revoked, Starred, Suspended
from lifecycle.facts import facts_for
from lifecycle.grouping import check_grouped_under, check_subgroup_in_group
from lifecycle.gtin import check_gtins
from lifecycle.handing_on import HandingOn
from lifecycle.handoff_rules import check_handed_off_to
from lifecycle.places import check_place_stands
from lifecycle.renewal import (
    check_lapsed_when_not_renewed,
    check_level_may_give_notice,
    check_notice_before_end,
    notice_by,
)
from lifecycle.renewal_events import RenewalNoticeGiven
from lifecycle.rules import (
    certificate_valid_until,
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
    check_product_code,
    check_public_reason_short,
    check_stars_certifiable,
)
from lifecycle.values import Actor, Location, Owner, certificate_number, product_id


class Product(Aggregate, Corrections, HandingOn):
    """A product in the OCOP programme, from registration to removal."""

    def __init__(
        self,
        code: str,
        name: str,
        owner: Owner,
        location: Location,
        group: str,
        subgroup: str,
        gtins: Sequence[str] = (),
    ) -> None:
        self.code, self.name, self.owner, self.location = code, name, owner, location
        self.group, self.subgroup, self.gtins = group, subgroup, tuple(gtins)
        self.evaluation = self.latest_evaluation = None
        self.handed_to = ()
        self.certificate = None
        self.certificates_issued = 0
        self.suspension_reason = None
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
        check_place_stands(command.location, command.effective_on)
        criteria = check_criteria_in_force(command.effective_on, command.location.province)
        check_group_in_set(criteria, command.group)
        check_subgroup_in_group(criteria, command.group, command.subgroup)
        check_gtins(command.gtins)
        facts = facts_for(Registered, command, actor, criteria_set=criteria.id)
        return cls._create(Registered, **facts)

    # Commands.

    def evaluate(self, command: RecordEvaluation, actor: Actor, today: date) -> None:
        """A council records its scoring; the register computes the total and the band."""
        self.check_dated_in_order(command.effective_on, today)
        self.check_not_suspended(command.effective_on)
        criteria = check_criteria_in_force(command.effective_on, self.location.province)
        level = check_acts_at_a_level(actor)
        check_council_level_in_set(criteria, level)
        check_handed_off_to(criteria, level, self.handed_to, self.code)
        given = (command.group, command.subgroup)
        group, subgroup = check_grouped_under(criteria, (self.group, self.subgroup), given)
        evaluation = score(criteria, command, level)
        self.trigger_event(
            Evaluated,
            effective_on=command.effective_on,
            actor=actor,
            note=command.note,
            evaluation=evaluation,
            group=group,
            subgroup=subgroup,
        )

    def certify(self, command: IssueCertificate, actor: Actor, today: date) -> None:
        """A competent authority issues a star certificate, superseding any earlier one."""
        day = command.effective_on
        self.check_dated_in_order(day, today)
        check_stars_certifiable(command.stars)
        self.check_not_suspended(day)
        evaluation = self.check_has_fresh_evaluation()
        check_mandatory_criteria_met(evaluation, command.stars)
        check_band_reaches(evaluation, command.stars)
        criteria = check_criteria_in_force(day, self.location.province)
        level = check_acts_at_a_level(actor)
        check_evaluation_set_accepted(criteria, evaluation, day)
        check_level_competent(criteria, level, command.stars)
        check_evaluated_by_issuing_level(evaluation, level)
        facts = facts_for(
            Starred,
            command,
            actor,
            issuing_level=level,
            criteria_set=evaluation.criteria_set,
            certificate_number=certificate_number(self.code, self.certificates_issued + 1),
            valid_from=day,
            valid_until=certificate_valid_until(criteria, day),
        )
        self.trigger_event(Starred, **facts)

    def suspend(self, command: SuspendCertificate, actor: Actor, today: date) -> None:
        """An inspector suspends a current certificate after an inspection found a breach."""
        self.check_dated_in_order(command.effective_on, today)
        check_deadline_not_before(command.corrective_deadline, command.effective_on)
        self.check_not_suspended(command.effective_on)
        self.check_certificate_current(command.effective_on)
        self.trigger_event(Suspended, **facts_for(Suspended, command, actor))

    def reinstate(self, command: ReinstateCertificate, actor: Actor, today: date) -> None:
        """An inspector reinstates a suspended certificate once the breach is corrected."""
        self.check_dated_in_order(command.effective_on, today)
        check_public_reason_short(command.public_reason)
        self.check_suspended(command.effective_on)
        self.trigger_event(Reinstated, **facts_for(Reinstated, command, actor))

    def revoke(self, command: RevokeCertificate, actor: Actor, today: date) -> None:
        """A competent authority withdraws the certificate (current, suspended or expired)."""
        self.check_dated_in_order(command.effective_on, today)
        check_public_reason_short(command.public_reason)
        certificate = self.check_holds_unrevoked_certificate()
        level = check_acts_at_a_level(actor)
        check_level_may_revoke(certificate, level, command.effective_on, self.location.province)
        check_lapsed_when_not_renewed(certificate, command.reason, command.effective_on)
        self.trigger_event(Revoked, **facts_for(Revoked, command, actor))

    def give_renewal_notice(self, command: GiveRenewalNotice, actor: Actor, today: date) -> None:
        """The issuing body tells the owner that the certificate's validity ends."""
        day = command.effective_on
        self.check_dated_in_order(day, today)
        certificate = self.check_holds_unrevoked_certificate()
        check_notice_before_end(certificate, day)
        check_level_may_give_notice(certificate, check_acts_at_a_level(actor), day)
        end = certificate.valid_until
        computed = {"certificate_number": certificate.number, "valid_until": end}
        facts = facts_for(RenewalNoticeGiven, command, actor, **computed, notice_by=notice_by(end))
        self.trigger_event(RenewalNoticeGiven, **facts)

    def remove(self, command: RemoveProduct, actor: Actor, today: date) -> None:
        """The programme office removes a product whose certificate is not current; final."""
        self.check_dated_in_order(command.effective_on, today)
        check_public_reason_short(command.public_reason)
        self.check_certificate_not_current(command.effective_on)
        self.trigger_event(Removed, **facts_for(Removed, command, actor))
