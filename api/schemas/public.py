"""What anyone may read: a product, a certificate, a page of the register and the programme's
counts. No personal contact data: only what these models name."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field

# A change's reason as the public reads it, and the code of that reason; one home for both.
PublishedReason = Annotated[
    str | None, Field(description="The published reason (never the officials' own notes)")
]
ReasonCode = Annotated[str | None, Field(examples=["breach-of-regulation"])]


class PublicReason(BaseModel):
    """A dated public reason for a suspension, reinstatement or revocation."""

    on: date
    kind: str = Field(examples=["suspended"])
    reason: PublishedReason = None
    reason_code: ReasonCode = None
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
    province: str = Field(examples=["Quảng Ninh"], description="As registered or renamed since")
    district: str
    commune: str
    jurisdiction: str = Field(
        examples=["Quảng Ninh"],
        description="The province the place lies in today: after the mergers of 1 July 2025 "
        "the one a merged province joined (Tuyên Quang for Hà Giang), else the same",
    )
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
    renews: str | None = Field(
        None, description="The certificate this one re-recognised without a gap, if any"
    )
    renewed_by: str | None = Field(
        None, description="The certificate that renewed this one without a gap, if any"
    )
    issued_position: int = Field(
        examples=[57], description="The log position of the event that issued the certificate"
    )
    proof: str = Field(
        examples=["/log/proof/57.tlog-proof"],
        description="That event's proof of inclusion in the public log (C2SP tlog-proof), "
        "checked offline with `ocop verify --proof FILE --vkey VKEY`",
    )


class RegisterPage(BaseModel):
    """One page of the public register."""

    items: list[PublicProduct]
    total: int
    page: int
    page_size: int


class CountsNow(BaseModel):
    """Products as they stand on the day asked about."""

    by_status: dict[str, int] = Field(examples=[{"certified": 12, "participating": 30}])
    by_province: dict[str, int] = Field(description="Products still in the programme")
    by_group: dict[str, int] = Field(description="Products still in the programme")
    by_stars: dict[str, int] = Field(
        examples=[{"3": 5, "4": 6, "5": 1}], description="Certified products"
    )


class Statistics(BaseModel):
    """Counts over a period, by the dates changes took effect, and counts now."""

    start: date = Field(description="First day of the period")
    end: date = Field(description="Last day of the period")
    province: str | None = Field(examples=["Quảng Ninh"])
    joined_in_period: int
    certificates_issued: int
    suspensions: int
    reinstatements: int
    revocations: int
    removals: int
    joined_total: int = Field(description="Products that joined by the end of the period")
    in_programme_at_end: int = Field(description="Joined and not removed by the end")
    in_programme_at_end_by_province: dict[str, int] = Field(
        examples=[{"Hà Giang": 3, "Tuyên Quang": 2}],
        description="The same, by the provinces standing on the period's last day (up to "
        "2025-06-30 Hà Giang apart; from 2025-07-01 within Tuyên Quang)",
    )
    owners_total: int = Field(description="Owners with a product joined by the end")
    new_owners_in_period: int = Field(description="Owners whose first product joined in it")
    now: CountsNow
