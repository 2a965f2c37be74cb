"""What anyone may read: a product, a certificate, a page of the register and the programme's
counts. No personal contact data: only what these models name. A product's and a
certificate's shape is ``projections.public_answers``'s, whose documents the API sends."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from projections.public_answers import (
    PublicCertificate as PublicCertificate,
    PublicProduct as PublicProduct,
    PublicReason as PublicReason,
    PublicRemoval as PublicRemoval,
    PublishedReason as PublishedReason,
    ReasonCode as ReasonCode,
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
