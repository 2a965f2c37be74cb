"""What auditors (and principals in their own province) read of a product: its status row,
its state on a date or at a version, and its history event by event."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field


class HandOffAccount(BaseModel):
    """A hand-off: who handed the product to which level, when, on what score (the evaluation
    it rests on), by which dispatch."""

    kind: str = Field(examples=["propose-potential-5-star"])
    from_level: str = Field(examples=["province"])
    to_level: str = Field(examples=["central"])
    by: str = Field(description="The principal who recorded it")
    on: date
    total: int | float
    band: int
    criteria_set: str
    minutes_ref: str
    evaluated_on: date
    dispatch_ref: str


class ProductStatus(BaseModel):
    """The product's row on the read side, with its status on today's date."""

    product_id: str
    code: str = Field(examples=["QN-0123"])
    name: str
    owner_id: str
    owner_name: str
    owner_kind: str = Field(examples=["cooperative"])
    province: str = Field(examples=["Quảng Ninh"])
    district: str
    commune: str
    subgroup: str
    registered_on: date
    stars: int | None = Field(description="The stars of the last certificate")
    certificate_number: str | None
    valid_from: date | None
    valid_until: date | None
    suspended_on: date | None
    corrective_deadline: date | None
    suspension_reason: str | None
    revoked_on: date | None
    removed_on: date | None
    removal_decision_ref: str | None
    removal_reason: str | None
    removal_reason_code: str | None
    last_event: str = Field(examples=["Starred"])
    last_effective_on: date
    version: int
    position: int = Field(description="The log position of the product's last event")
    group: str = Field(examples=["herbal-products"])
    status: str = Field(examples=["certified"], description="As of today: expired is read")
    hand_offs: list[HandOffAccount] = Field(
        description="Every forwarding and potential-5-star proposal recorded, oldest first"
    )


class PrincipalAccount(BaseModel):
    """Who made a change: the principal and its role, province and level."""

    principal_id: str
    role: str = Field(examples=["certifying-authority"])
    province: str | None
    level: str | None = Field(examples=["province"])


class EventAccount(BaseModel):
    """One event of a product: version, type, dates, who made it, and the facts it records."""

    version: int
    type: str = Field(examples=["Starred"])
    effective_on: date
    recorded_at: str = Field(description="When the register recorded it (ISO 8601)")
    actor: PrincipalAccount
    note: str
    facts: dict[str, Any] = Field(description="The event's own facts, by name")


class OwnerAccount(BaseModel):
    """The organisation or household that owns the product."""

    organisation_id: str
    name: str
    kind: str = Field(examples=["cooperative"])


class LocationAccount(BaseModel):
    """Where the product is made."""

    province: str
    district: str
    commune: str


class CertificateAccount(BaseModel):
    """The product's last certificate and where it stands."""

    number: str
    stars: int
    decision_ref: str
    issuing_level: str
    criteria_set: str
    valid_from: date
    valid_until: date
    suspended_on: date | None
    corrective_deadline: date | None
    revoked_on: date | None
    renews: str = Field("", description="The certificate it re-recognised without a gap, if any")


class SheetAccount(BaseModel):
    """One council member's score sheet, as given."""

    member: str
    points: dict[str, int | float]
    bonus: dict[str, int | float]


class EvaluationAccount(BaseModel):
    """A council's scoring awaiting a certificate, with the total and band computed: the band
    is the lower of the points' band and the highest star level whose mandatory criteria
    were met."""

    council_level: str
    criteria_set: str
    points: dict[str, int | float]
    bonus: dict[str, int | float]
    mandatory_met: bool
    mandatory_met_for: list[int]
    total: int | float
    points_band: int
    band: int
    council_members: int
    sheets: list[SheetAccount]
    one_member_import: bool = Field(
        description="One set of points was sent, read as a one-member council's (older records)"
    )
    minutes_ref: str
    evaluated_on: date


class ProductState(BaseModel):
    """A product's state as read on a day (expiry is judged against that day)."""

    code: str = Field(examples=["QN-0123"])
    name: str
    owner: OwnerAccount
    location: LocationAccount
    group: str
    subgroup: str
    status: str = Field(examples=["certified"])
    read_on: date = Field(description="The day the status is read on")
    stars: int | None
    certificate: CertificateAccount | None
    suspension_reason: str | None
    pending_evaluation: EvaluationAccount | None
    handed_to: list[HandOffAccount] = Field(
        description="Hand-offs to higher levels standing: a certificate at a level ends those "
        "to it and below"
    )
    certificates_issued: int
    version: int
    last_effective_on: date


class HistoryEntry(BaseModel):
    """One event of a product and the product's state right after it."""

    event: EventAccount
    state: ProductState
