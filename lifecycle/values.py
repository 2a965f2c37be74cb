"""Value types of the OCOP register: who acts, who owns, where, and the programme's enums."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from uuid import NAMESPACE_URL, UUID, uuid5

PRODUCT_NAMESPACE = uuid5(NAMESPACE_URL, "urn:ocop-registry:product")
PRODUCT_CODE = re.compile(r"^[A-Z0-9-]{3,32}$")


def product_id(code: str) -> UUID:
    """The aggregate id of a product, derived from its programme code (stable for ever)."""
    return uuid5(PRODUCT_NAMESPACE, code)


class Role(Enum):
    """The one role a principal acts in."""

    PROGRAMME_OFFICE = "programme-office"
    EVALUATION_COUNCIL = "evaluation-council"
    CERTIFYING_AUTHORITY = "certifying-authority"
    INSPECTOR = "inspector"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Level(Enum):
    """The administrative level of a council or a certifying authority (the commune's
    council assesses under Decision 1489/QĐ-TTg, which has no district level)."""

    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"
    CENTRAL = "central"


class OwnerKind(Enum):
    """The legal form of a product's owner (the programme's 'subject')."""

    ENTERPRISE = "enterprise"
    COOPERATIVE = "cooperative"
    COOPERATIVE_GROUP = "cooperative-group"
    HOUSEHOLD_BUSINESS = "household-business"


class RevocationReason(Enum):
    """Why a certificate was withdrawn."""

    EXPIRED_NOT_RENEWED = "expired-not-renewed"
    FAILED_MANDATORY_CRITERIA = "failed-mandatory-criteria"
    PRODUCTION_STOPPED = "production-stopped"
    BREACH_OF_REGULATION = "breach-of-regulation"
    OTHER = "other"


class RemovalReason(Enum):
    """Why a product left the programme."""

    NO_LONGER_PRODUCED = "no-longer-produced"
    BELOW_STANDARD = "below-standard"
    NO_POTENTIAL = "no-potential-to-develop"
    OWNER_REQUEST = "owner-request"
    OTHER = "other"


class Status(Enum):
    """The public status of a product on a given date."""

    PARTICIPATING = "participating"
    CERTIFIED = "certified"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    REVOKED = "revoked"
    REMOVED = "removed"


@dataclass(frozen=True)
class Actor:
    """The authenticated principal who made a change; central roles have no province."""

    principal_id: str
    role: Role
    province: str | None = None
    level: Level | None = None


@dataclass(frozen=True)
class Owner:
    """The organisation or household that owns a product."""

    organisation_id: str
    name: str
    kind: OwnerKind


@dataclass(frozen=True)
class Location:
    """Where a product is made: province, district and commune."""

    province: str
    district: str
    commune: str


@dataclass(frozen=True)
class ScoreSheet:
    """One council member's sheet: points per criteria part and bonus points by kind."""

    member: str
    points: dict[str, Decimal]
    bonus: dict[str, Decimal]


@dataclass(frozen=True)
class Evaluation:
    """A council's scoring of a product, with the total and band the service computed.

    ``bonus`` holds the bonus points by kind; ``mandatory_met_for`` the star levels whose
    mandatory criteria the council found met (``mandatory_met``: the 3-star level's, the
    least a certificate needs). ``band`` is the lower of the points' band (``points_band``)
    and the highest of those levels. A council's ``sheets`` are kept as its members gave
    them, ``points``, ``bonus`` and ``total`` being their averages; a body of one set of
    points (an older record imported) is a one-member council without sheets
    (``one_member_import``).
    """

    council_level: Level
    criteria_set: str
    points: dict[str, Decimal]
    bonus: dict[str, Decimal]
    mandatory_met: bool
    mandatory_met_for: tuple[int, ...]
    total: Decimal
    points_band: int
    band: int
    minutes_ref: str
    evaluated_on: date
    council_members: int
    sheets: tuple[ScoreSheet, ...]
    one_member_import: bool

    def band_reason(self) -> str:
        """Why the band is what it is, in words a reader of the record can check."""
        if self.band == self.points_band:
            return f"{self.total} points place it in the {self.band}-star band."
        met = ", ".join(f"{stars}-star" for stars in self.mandatory_met_for) or "no level"
        return (
            f"{self.total} points reach the {self.points_band}-star band, but the mandatory "
            f"criteria were met for {met} only: {self.band}-star band."
        )


@dataclass(frozen=True)
class Certificate:
    """A star certificate and where it stands (suspension and revocation are on it)."""

    number: str
    stars: int
    decision_ref: str
    issuing_level: Level
    criteria_set: str
    valid_from: date
    valid_until: date
    suspended_on: date | None = None
    corrective_deadline: date | None = None
    revoked_on: date | None = None
    renews: str = ""  # the certificate it continues without a gap (re-recognition)

    def is_expired_on(self, day: date) -> bool:
        """A certificate past its valid-until date reads as expired."""
        return day > self.valid_until


def certificate_number(code: str, ordinal: int) -> str:
    """The number of a product's n-th certificate: no global counter, never reused."""
    return f"{code}-C{ordinal}"
