"""The public answers' one shape: a product and a certificate as anyone may read them.

The projector renders each stored document (``documents``) through these models, and the
API names them as its response models, so the bytes served and the schema documented come
from one definition. No personal contact data: only what these models name.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

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


def product_json(answer: dict[str, Any]) -> bytes:
    """A product's public answer as the API sends it (its response model's JSON)."""
    return PublicProduct.model_validate(answer).model_dump_json().encode()


def certificate_json(answer: dict[str, Any]) -> bytes:
    """A certificate's public answer as the API sends it (its response model's JSON)."""
    return PublicCertificate.model_validate(answer).model_dump_json().encode()


def read_product(body: bytes) -> PublicProduct:
    """A stored product document read back into its model, as the pages show it."""
    return PublicProduct.model_validate_json(body)


def read_certificate(body: bytes) -> PublicCertificate:
    """A stored certificate document read back into its model, as the pages show it."""
    return PublicCertificate.model_validate_json(body)
