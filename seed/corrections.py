"""The offices' corrections in the builders' vocabulary (``seed.builders``): a registration's
details corrected, a transfer to a new owner, a corrective deadline extended."""

from __future__ import annotations

from datetime import date

from lifecycle import commands
from lifecycle.values import Owner, OwnerKind

NEW_OWNER = Owner("5700109876", "Công ty TNHH Yên Tử Xanh", OwnerKind.ENTERPRISE)


def correction(
    on: date,
    *,
    name: str | None = None,
    owner_name: str | None = None,
    district: str | None = None,
    commune: str | None = None,
    reason: str = "Misspelt at registration",
    decision_ref: str = "15/CV-OCOP",
) -> commands.CorrectRegistration:
    """The programme office's correction of details registered wrongly."""
    return commands.CorrectRegistration(
        effective_on=on,
        name=name,
        owner_name=owner_name,
        district=district,
        commune=commune,
        reason=reason,
        decision_ref=decision_ref,
    )


def transfer(
    on: date, owner: Owner = NEW_OWNER, *, decision_ref: str = "22/QĐ-OCOP"
) -> commands.TransferOwnership:
    """The decision recording the product's transfer to ``owner``."""
    return commands.TransferOwnership(effective_on=on, owner=owner, decision_ref=decision_ref)


def extension(
    on: date, deadline: date, *, reason: str = "Equipment delivered late"
) -> commands.ExtendCorrectiveDeadline:
    """The inspector's extension of the corrective deadline to ``deadline``."""
    return commands.ExtendCorrectiveDeadline(
        effective_on=on, corrective_deadline=deadline, reason=reason
    )
