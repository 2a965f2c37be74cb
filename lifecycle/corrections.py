"""The offices' corrections of a product's record, and the rules each must meet.

A programme office corrects details registered wrongly and records a transfer to a new
owner, and the place under its new commune and province after an administrative change;
an inspector extends a corrective deadline before it passes. Each records one event
of ``lifecycle.correction_events``, the old details beside the new. The product aggregate
(``lifecycle.product``) is built on these commands; its standing says what they read.

Pausing a product that holds no certificate ("tạm dừng") after an inspection is not here:
the specification lets an inspection suspend only a current certificate, and no text in
hand provides for pausing a product without one.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from lifecycle.commands import (
    CorrectRegistration,
    ExtendCorrectiveDeadline,
    RenamePlace,
    TransferOwnership,
)
from lifecycle.correction_events import (
    CORRECTABLE,
    CorrectiveDeadlineExtended,
    OwnershipTransferred,
    RegistrationCorrected,
)
from lifecycle.correction_refusals import (
    CorrectionChangesNothing,
    CorrectiveDeadlineAlreadyPassed,
    DeadlineNotLater,
    NothingToCorrect,
    SameOwner,
)
from lifecycle.facts import facts_for
from lifecycle.place_events import PlaceRenamed
from lifecycle.places import check_place_follows_succession
from lifecycle.standing import Standing
from lifecycle.values import Actor, Certificate


def check_names_a_detail(command: CorrectRegistration) -> dict[str, str]:
    """A correction names at least one detail to correct; answers them by name."""
    named = {name: value for name in CORRECTABLE if (value := getattr(command, name)) is not None}
    if not named:
        raise NothingToCorrect(f"A correction names at least one of {', '.join(CORRECTABLE)}.")
    return named


def check_deadline_later(certificate: Certificate, deadline: date) -> date:
    """An extension ends after the deadline it extends; answers the deadline extended."""
    current = certificate.corrective_deadline
    assert current is not None, "a suspended certificate has a corrective deadline"
    if deadline <= current:
        raise DeadlineNotLater(
            f"The corrective deadline is {current}; an extension to {deadline} does not extend it."
        )
    return current


class Corrections(Standing):
    """The corrections a product's record takes, each checked by its rules."""

    if TYPE_CHECKING:

        def trigger_event(self, event_class: type[Any], **kwargs: Any) -> None:
            """The aggregate's: records the event on the product."""

    def details(self) -> dict[str, str]:
        """The correctable details as registered or last corrected."""
        where = self.location
        return {
            "name": self.name,
            "owner_name": self.owner.name,
            "district": where.district,
            "commune": where.commune,
        }

    def check_correction_changes(self, named: dict[str, str]) -> dict[str, str]:
        """At least one named detail reads otherwise now; answers the named ones as they
        read before."""
        before = {name: self.details()[name] for name in named}
        if before == named:
            raise CorrectionChangesNothing(
                f"Product {self.code} already reads {named}; there is nothing to correct."
            )
        return before

    def check_another_owner(self, command: TransferOwnership) -> None:
        """A transfer names an owner other than the current one (a misspelt owner's name is
        a correction, not a transfer)."""
        if command.owner.organisation_id == self.owner.organisation_id:
            raise SameOwner(
                f"Product {self.code} is already owned by {command.owner.organisation_id}."
            )

    def check_deadline_not_passed(self, day: date) -> Certificate:
        """A corrective deadline is extended on or before the day it ends."""
        certificate = self.certificate
        assert certificate is not None and certificate.corrective_deadline is not None
        if day > certificate.corrective_deadline:
            raise CorrectiveDeadlineAlreadyPassed(
                f"The corrective deadline passed on {certificate.corrective_deadline}; it "
                f"cannot be extended on {day}."
            )
        return certificate

    def correct_registration(self, command: CorrectRegistration, actor: Actor, today: date) -> None:
        """The programme office corrects details registered wrongly, with a reason and a
        reference; the old details stay in the record."""
        self.check_dated_in_order(command.effective_on, today)
        previous = self.check_correction_changes(check_names_a_detail(command))
        facts = facts_for(RegistrationCorrected, command, actor, previous=previous)
        self.trigger_event(RegistrationCorrected, **facts)

    def transfer_ownership(self, command: TransferOwnership, actor: Actor, today: date) -> None:
        """The programme office records the product's transfer to a new owner, by decision."""
        self.check_dated_in_order(command.effective_on, today)
        self.check_another_owner(command)
        facts = facts_for(OwnershipTransferred, command, actor, previous_owner=self.owner)
        self.trigger_event(OwnershipTransferred, **facts)

    def extend_deadline(self, command: ExtendCorrectiveDeadline, actor: Actor, today: date) -> None:
        """An inspector extends a suspended product's corrective deadline before it passes."""
        day = command.effective_on
        self.check_dated_in_order(day, today)
        self.check_suspended(day)
        certificate = self.check_deadline_not_passed(day)
        previous = check_deadline_later(certificate, command.corrective_deadline)
        facts = facts_for(CorrectiveDeadlineExtended, command, actor, previous_deadline=previous)
        self.trigger_event(CorrectiveDeadlineExtended, **facts)

    def rename_place(self, command: RenamePlace, actor: Actor, today: date) -> None:
        """The programme office records the product's place under its new commune and
        province after an administrative change; the business did not move."""
        self.check_dated_in_order(command.effective_on, today)
        check_place_follows_succession(self.location, command.location, command.effective_on)
        self.trigger_event(PlaceRenamed, **facts_for(PlaceRenamed, command, actor))
