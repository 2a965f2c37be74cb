"""The programme office's and the certifying authority's forms as data: registering a
product, correcting its details, transferring it to a new owner, removing it; issuing a
certificate from an evaluation and revoking one. Each names its change (which says whose
form it is), its fields in the command's names and the command they make."""

from __future__ import annotations

from typing import Any

from lifecycle import commands
from lifecycle.authority import Change
from lifecycle.values import Location, Owner, OwnerKind, RemovalReason, RevocationReason
from pages.words import N_
from workspace.forms import Field
from workspace.inspection_acts import EFFECTIVE, NOTE, Act

DECISION = Field("decision_ref", N_("Decision"), hint=N_("For example 125/QĐ-UBND"))
PUBLIC_REASON = Field(
    "public_reason",
    N_("Public reason"),
    hint=N_("Optional, published; at most 300 characters."),
    optional=True,
)
OWNER = (
    Field("owner_id", N_("Owner's tax or registration number")),
    Field("owner_name", N_("Owner's name")),
    Field("owner_kind", N_("Owner's legal form"), "choice"),
)
REASONS = {
    "no-longer-produced": N_("No longer produced"),
    "below-standard": N_("Below standard"),
    "no-potential-to-develop": N_("No potential to develop"),
    "owner-request": N_("At the owner's request"),
    "expired-not-renewed": N_("Expired and not renewed"),
    "failed-mandatory-criteria": N_("Failed the mandatory criteria"),
    "production-stopped": N_("Production stopped"),
    "breach-of-regulation": N_("Breach of regulation"),
    "other": N_("Other"),
}


def _owner(values: dict[str, Any]) -> Owner:
    return Owner(
        values.pop("owner_id"), values.pop("owner_name"), OwnerKind(values.pop("owner_kind"))
    )


def register(**values: Any) -> commands.RegisterProduct:
    """The registration the form's values make (an owner and a place out of their fields)."""
    owner = _owner(values)
    place = Location(values.pop("province"), values.pop("district"), values.pop("commune"))
    gtins = tuple(values.pop("gtins").replace(",", " ").split())
    return commands.RegisterProduct(owner=owner, location=place, gtins=gtins, **values)


def transfer(**values: Any) -> commands.TransferOwnership:
    """The transfer the form's values make."""
    return commands.TransferOwnership(owner=_owner(values), **values)


def correct(**values: Any) -> commands.CorrectRegistration:
    """The correction the form's values make: an empty detail is left as it is."""
    for detail in ("name", "owner_name", "district", "commune"):
        values[detail] = values[detail] or None
    return commands.CorrectRegistration(**values)


def remove(**values: Any) -> commands.RemoveProduct:
    """The removal the form's values make."""
    return commands.RemoveProduct(reason=RemovalReason(values.pop("reason")), **values)


def revoke(**values: Any) -> commands.RevokeCertificate:
    """The revocation the form's values make."""
    return commands.RevokeCertificate(reason=RevocationReason(values.pop("reason")), **values)


def certify(**values: Any) -> commands.IssueCertificate:
    """The certificate the form's values make."""
    return commands.IssueCertificate(stars=int(values.pop("stars")), **values)


REGISTER = Act(
    Change.REGISTER,
    N_("Register a product"),
    (
        Field("code", N_("Product code"), hint=N_("For example QN-UB-02")),
        Field("name", N_("Product name")),
        *OWNER,
        Field("province", N_("Province"), "choice"),
        Field("district", N_("District (before 1 July 2025)"), optional=True),
        Field("commune", N_("Commune")),
        Field("group", N_("Product group"), "choice"),
        Field("subgroup", N_("Sub-group"), "choice", optional=True),
        Field(
            "gtins", N_("Barcodes (GTIN)"), hint=N_("Optional, separated by spaces"), optional=True
        ),
        EFFECTIVE,
        NOTE,
    ),
    register,
    N_("%(code)s: the product was registered."),
)
ACTS = {
    "correct": Act(
        Change.CORRECT,
        N_("Correct the registered details"),
        (
            Field("name", N_("Product name"), optional=True, hint=N_("Empty: left as it is")),
            Field("owner_name", N_("Owner's name"), optional=True, hint=N_("Empty: left as it is")),
            Field("district", N_("District"), optional=True, hint=N_("Empty: left as it is")),
            Field("commune", N_("Commune"), optional=True, hint=N_("Empty: left as it is")),
            Field("reason", N_("Why the details were wrong"), "long"),
            DECISION,
            EFFECTIVE,
            NOTE,
        ),
        correct,
        N_("%(code)s: the registered details were corrected."),
    ),
    "transfer": Act(
        Change.TRANSFER,
        N_("Transfer to a new owner"),
        (*OWNER, DECISION, EFFECTIVE, NOTE),
        transfer,
        N_("%(code)s: the product was transferred to its new owner."),
    ),
    "remove": Act(
        Change.REMOVE,
        N_("Remove the product from the programme"),
        (DECISION, Field("reason", N_("Reason"), "choice"), PUBLIC_REASON, EFFECTIVE, NOTE),
        remove,
        N_("%(code)s: the product was removed from the programme."),
    ),
    "certify": Act(
        Change.CERTIFY,
        N_("Issue a certificate"),
        (Field("stars", N_("Stars"), "choice"), DECISION, EFFECTIVE, NOTE),
        certify,
        N_("%(code)s: the certificate was issued."),
    ),
    "revoke": Act(
        Change.REVOKE,
        N_("Revoke the certificate"),
        (DECISION, Field("reason", N_("Reason"), "choice"), PUBLIC_REASON, EFFECTIVE, NOTE),
        revoke,
        N_("%(code)s: the certificate was revoked."),
    ),
}
