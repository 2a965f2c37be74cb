"""What the API answers, as documented models (apart from the domain's own types)."""

from __future__ import annotations

from datetime import date
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
    reason: str
    reference: str | None = None


class PublicCertificate(BaseModel):
    """What anyone may know of a certificate and its product; no personal contact data."""

    certificate_number: str | None = Field(examples=["QN-0123-C1"])
    status: str = Field(examples=["certified"])
    stars: int | None = Field(examples=[4])
    product_code: str = Field(examples=["QN-0123"])
    product_name: str = Field(examples=["Tinh dầu trầu tiên Yên Tử"])
    group: str
    owner_name: str = Field(examples=["HTX Dược liệu Yên Tử"])
    province: str = Field(examples=["Quảng Ninh"])
    district: str
    valid_from: date | None
    valid_until: date | None
    reasons: list[PublicReason] = []


class RegisterPage(BaseModel):
    """One page of the public register."""

    items: list[PublicCertificate]
    total: int
    page: int
    page_size: int


class Readiness(BaseModel):
    """Whether the store answers, and how far the read side trails the log."""

    status: str
    head: int
    position: int
    lag: int
