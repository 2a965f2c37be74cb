"""What principals ask of the register: one command per change, in the programme's words.

Every command says when it takes legal effect and may carry a note; who asks is the actor,
passed beside the command. The register computes everything else (totals, bands,
certificate numbers, validity). Each command names the change it makes, which says who may
make it (``lifecycle.authority``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import ClassVar

from lifecycle.authority import Change
from lifecycle.values import Location, Owner, RemovalReason, RevocationReason, ScoreSheet


@dataclass(frozen=True, kw_only=True)
class Command:
    """What every command carries."""

    change: ClassVar[Change]
    effective_on: date
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class RegisterProduct(Command):
    """Enter a product in the programme under its code."""

    change: ClassVar[Change] = Change.REGISTER
    code: str
    name: str
    owner: Owner
    location: Location
    group: str
    subgroup: str = ""
    gtins: tuple[str, ...] = ()  # the trade item numbers in the product's barcodes


@dataclass(frozen=True, kw_only=True)
class RecordEvaluation(Command):
    """Record a council's scores: points per criteria part (decimals: the council's average),
    bonus points by kind, and the star levels whose mandatory criteria were met, either as
    ``mandatory_met_for`` or, as older records say it, ``mandatory_met`` (every level's or
    none)."""

    change: ClassVar[Change] = Change.EVALUATE
    points: dict[str, Decimal] = field(default_factory=dict)
    bonus: dict[str, Decimal] = field(default_factory=dict)
    mandatory_met: bool | None = None
    mandatory_met_for: tuple[int, ...] | None = None
    minutes_ref: str
    # A council's members' own sheets, instead of one set of points, and how many it has.
    sheets: tuple[ScoreSheet, ...] = ()
    council_members: int | None = None
    # The product's group and sub-group under the evaluation's set, when its own are not.
    group: str = ""
    subgroup: str = ""


@dataclass(frozen=True, kw_only=True)
class IssueCertificate(Command):
    """Certify the product at a number of stars, by a decision."""

    change: ClassVar[Change] = Change.CERTIFY
    stars: int
    decision_ref: str


@dataclass(frozen=True, kw_only=True)
class SuspendCertificate(Command):
    """Suspend the certificate after an inspection found a breach."""

    change: ClassVar[Change] = Change.SUSPEND
    inspection_ref: str
    findings: str
    reason: str
    corrective_deadline: date


@dataclass(frozen=True, kw_only=True)
class ReinstateCertificate(Command):
    """Reinstate the certificate after re-inspection found the breach corrected."""

    change: ClassVar[Change] = Change.REINSTATE
    reinspection_ref: str
    corrected: str
    public_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class RevokeCertificate(Command):
    """Withdraw the certificate, by a decision, for a reason."""

    change: ClassVar[Change] = Change.REVOKE
    decision_ref: str
    reason: RevocationReason
    public_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class RemoveProduct(Command):
    """Take the product out of the programme, by a decision, for a reason; final."""

    change: ClassVar[Change] = Change.REMOVE
    decision_ref: str
    reason: RemovalReason
    public_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class CorrectRegistration(Command):
    """Correct details registered wrongly (name, owner's name, district, commune; ``None``
    leaves one as it is), with the reason and the reference of the correction."""

    change: ClassVar[Change] = Change.CORRECT
    name: str | None = None
    owner_name: str | None = None
    district: str | None = None
    commune: str | None = None
    reason: str
    decision_ref: str


@dataclass(frozen=True, kw_only=True)
class TransferOwnership(Command):
    """Record the product's transfer to a new owner, by a decision."""

    change: ClassVar[Change] = Change.TRANSFER
    owner: Owner
    decision_ref: str


@dataclass(frozen=True, kw_only=True)
class ExtendCorrectiveDeadline(Command):
    """Give a suspended product more time to correct the breach, before the deadline passes."""

    change: ClassVar[Change] = Change.EXTEND_DEADLINE
    corrective_deadline: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class GiveRenewalNotice(Command):
    """Tell the owner, by a letter, that the certificate's validity ends."""

    change: ClassVar[Change] = Change.GIVE_NOTICE
    notice_ref: str


@dataclass(frozen=True, kw_only=True)
class RenamePlace(Command):
    """Record the product's place under its new commune and province after an administrative
    change (a merger of provinces or communes), by the text that made it; the business did
    not move."""

    change: ClassVar[Change] = Change.RENAME_PLACE
    location: Location
    decision_ref: str


@dataclass(frozen=True, kw_only=True)
class ForwardProduct(Command):
    """Forward the product to the province (a district council, or under 1489 a commune's),
    by the dispatch that sent its dossier up."""

    change: ClassVar[Change] = Change.FORWARD
    dispatch_ref: str


@dataclass(frozen=True, kw_only=True)
class ProposePotentialFiveStar(Command):
    """Propose the product to the central level as potential 5 stars (a province's council),
    by the dispatch that sent its dossier up."""

    change: ClassVar[Change] = Change.PROPOSE
    dispatch_ref: str


HandOffCommand = ForwardProduct | ProposePotentialFiveStar
ProductCommand = (
    GiveRenewalNotice
    | RecordEvaluation
    | ForwardProduct
    | ProposePotentialFiveStar
    | IssueCertificate
    | SuspendCertificate
    | ReinstateCertificate
    | RevokeCertificate
    | RemoveProduct
    | CorrectRegistration
    | TransferOwnership
    | ExtendCorrectiveDeadline
    | RenamePlace
)
