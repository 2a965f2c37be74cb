"""What the API answers, as documented models (apart from the domain's own types)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field


class ChangeRecorded(BaseModel):
    """An accepted change: the product, its new version and the event's log position."""

    code: str = Field(examples=["QN-0123"])
    event: str = Field(examples=["Starred"])
    version: int = Field(examples=[3])
    position: int = Field(examples=[1042])
    certificate_number: str | None = Field(default=None, examples=["QN-0123-C1"])


class HistoryEntry(BaseModel):
    """One event of a product and the product's state right after it."""

    event: dict[str, Any]
    state: dict[str, Any]


class PublicReason(BaseModel):
    """A dated public reason for a suspension, reinstatement or revocation."""

    on: date
    kind: str = Field(examples=["suspended"])
    reason: str | None = Field(
        default=None, description="The published reason (never the officials' own notes)"
    )
    reason_code: str | None = Field(default=None, examples=["breach-of-regulation"])
    inspection_ref: str | None = None
    reinspection_ref: str | None = None
    decision_ref: str | None = None
    corrective_deadline: date | None = None


class PublicRemoval(BaseModel):
    """The decision that took a product out of the programme, and its published reason."""

    on: date
    decision_ref: str = Field(examples=["789/QĐ-UBND"])
    reason: str = Field(examples=["The product is no longer produced."])
    reason_code: str = Field(examples=["no-longer-produced"])


class PublicProduct(BaseModel):
    """What anyone may know of a product and its live certificate; no personal contact data."""

    code: str = Field(examples=["QN-0123"])
    name: str = Field(examples=["Tinh dầu trầu tiên Yên Tử"])
    group: str = Field(examples=["herbal-products"])
    subgroup: str
    owner_name: str = Field(examples=["HTX Dược liệu Yên Tử"])
    owner_kind: str = Field(examples=["cooperative"])
    province: str = Field(examples=["Quảng Ninh"])
    district: str
    commune: str
    status: str = Field(examples=["certified"])
    stars: int | None = Field(
        examples=[4], description="Stars held now: only while the certificate stands"
    )
    last_stars: int | None = Field(
        examples=[4], description="The stars of the last certificate, whether or not it stands"
    )
    certificate_number: str | None = Field(examples=["QN-0123-C1"])
    valid_from: date | None
    valid_until: date | None
    removal: PublicRemoval | None = Field(
        default=None, description="When and why the product left the programme"
    )
    reasons: list[PublicReason] = []


class PublicCertificate(PublicProduct):
    """A certificate found by its number: its own state, and its product's public facts."""

    decision_ref: str = Field(examples=["2656/QĐ-UBND"])
    issuing_level: str = Field(examples=["province"])
    product_status: str = Field(examples=["certified"])
    current_certificate: str | None = Field(
        description="The product's live certificate, if this one was superseded"
    )


class RegisterPage(BaseModel):
    """One page of the public register."""

    items: list[PublicProduct]
    total: int
    page: int
    page_size: int


class Readiness(BaseModel):
    """Whether the read side may be trusted, and how far it trails the log (public)."""

    status: str = Field(examples=["ready"])
    head: int = Field(description="The last position in the event log")
    position: int = Field(description="How far the read side has projected")
    lag: int = Field(description="Events the read side has yet to project")
    lag_seconds: float | None = Field(
        description="How long the read side has been behind without advancing (None: never ran)"
    )
    projector: str = Field(
        examples=["running"],
        description="running or failing in this process; elsewhere when another process projects",
    )


class ProjectorReport(Readiness):
    """The projector's state for operators, with the text of its last failure."""

    advanced_at: datetime | None = Field(
        description="When the read side last advanced or the projector last found it current"
    )
    failing_since: datetime | None
    failing_position: int | None = Field(description="The log position it fails to apply")
    error_code: str | None = Field(examples=["DataError"])
    error: str | None = Field(description="The failure's full text (operators only)")


class ProblemIssue(BaseModel):
    """One thing wrong with a request: where (path of names) and what."""

    location: list[str] = Field(examples=[["body", "effective_on"]])
    message: str = Field(examples=["Input should be a valid date"])


class ProblemDetails(BaseModel):
    """An RFC 9457 problem document with the register's stable machine-readable ``code``."""

    type: str = Field(examples=["https://ocop-registry.example/problems/invalid-request"])
    title: str = Field(examples=["Invalid request"])
    status: int = Field(ge=400, le=599, examples=[422])
    detail: str = Field(examples=["The request does not match the schema."])
    code: str = Field(pattern=r"^[a-z0-9-]+$", examples=["invalid-request"])
    errors: list[ProblemIssue] | None = Field(
        default=None, description="What was wrong, field by field (422 only)"
    )
