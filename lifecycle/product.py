"""The product aggregate: each command checks the programme's rules, then records one event.

Rules live in ``check_*`` functions and methods named after the rule, each raising one error
class; those reading the product's state are its ``Standing``'s. Dates come in as arguments
(``today`` is the caller's clock), so the aggregate does no I/O. An event carries the
command's facts under the same names (``lifecycle/facts.py`` checks it as it builds one).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from lifecycle.authority import check_acts_at_a_level
from lifecycle.commands import (
    ForwardProduct,
    HandOffCommand,
    IssueCertificate,
    ProposePotentialFiveStar,
    RecordEvaluation,
    RegisterProduct,
    ReinstateCertificate,
    RemoveProduct,
    RevokeCertificate,
    SuspendCertificate,
)
from lifecycle.council import score
from lifecycle.events import (
    Evaluated,
    Registered,
    Reinstated,
    Removed,
    Revoked,
    Starred,
    Suspended,
)
from lifecycle.facts import facts_for
from lifecycle.gtin import check_gtins
from lifecycle.handoff_events import Forwarded, HandedOff, ProposedAsPotentialFiveStar
from lifecycle.handoff_rules import check_handed_off_to, hand_off_facts
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
from lifecycle.standing import Standing
from lifecycle.values import Actor, Location, Owner, certificate_number, product_id


class Product(Aggregate, Standing):
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
        criteria = check_criteria_in_force(command.effective_on)
        check_group_in_set(criteria, command.group)
        check_gtins(command.gtins)
        facts = facts_for(Registered, command, actor, criteria_set=criteria.id)
        return cls._create(Registered, **facts)

    # Commands.

    def evaluate(self, command: RecordEvaluation, actor: Actor, today: date) -> None:
        """A council records its scoring; the register computes the total and the band."""
        self.check_dated_in_order(command.effective_on, today)
        self.check_not_suspended(command.effective_on)
        criteria = check_criteria_in_force(command.effective_on)
        level = check_acts_at_a_level(actor)
        check_council_level_in_set(criteria, level)
        check_handed_off_to(criteria, level, self.handed_to, self.code)
        evaluation = score(criteria, command, level)
        self.trigger_event(
            Evaluated,
            effective_on=command.effective_on,
            actor=actor,
            note=command.note,
            evaluation=evaluation,
        )

    def forward(self, command: ForwardProduct, actor: Actor, today: date) -> None:
        """A district council (under 1489, a commune's) forwards the product to the province."""
        self.hand_off(Forwarded, command, actor, today)

    def propose(self, command: ProposePotentialFiveStar, actor: Actor, today: date) -> None:
        """A province's council proposes the product to the central level as potential 5★."""
        self.hand_off(ProposedAsPotentialFiveStar, command, actor, today)

    def hand_off(
        self, event: type[HandedOff], command: HandOffCommand, actor: Actor, today: date
    ) -> None:
        """A council hands the product up, on its own latest evaluation, from the threshold."""
        self.check_dated_in_order(command.effective_on, today)
        self.check_not_suspended(command.effective_on)
        criteria = check_criteria_in_force(command.effective_on)
        level = check_acts_at_a_level(actor)
        computed = hand_off_facts(
            criteria, event.kind, level, self.latest_evaluation, self.handed_to
        )
        self.trigger_event(event, **facts_for(event, command, actor, **computed))

    def certify(self, command: IssueCertificate, actor: Actor, today: date) -> None:
        """A competent authority issues a star certificate, superseding any earlier one."""
        day = command.effective_on
        self.check_dated_in_order(day, today)
        check_stars_certifiable(command.stars)
        self.check_not_suspended(day)
        evaluation = self.check_has_fresh_evaluation()
        check_mandatory_criteria_met(evaluation, command.stars)
        check_band_reaches(evaluation, command.stars)
        criteria = check_criteria_in_force(day)
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
        check_level_may_revoke(certificate, level, command.effective_on)
        self.trigger_event(Revoked, **facts_for(Revoked, command, actor))

    def remove(self, command: RemoveProduct, actor: Actor, today: date) -> None:
        """The programme office removes a product whose certificate is not current; final."""
        self.check_dated_in_order(command.effective_on, today)
        check_public_reason_short(command.public_reason)
        self.check_certificate_not_current(command.effective_on)
        self.trigger_event(Removed, **facts_for(Removed, command, actor))
