"""The change feed's answers: each change a CloudEvents 1.0 envelope of public facts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.schemas.public import PublishedReason, ReasonCode


class ChangeFacts(BaseModel):
    """The product's public facts after the change, and why it changed; nothing personal."""

    kind: str = Field(examples=["suspended"])
    code: str = Field(examples=["QN-0123"])
    name: str = Field(examples=["Tinh dầu trầu tiên Yên Tử"])
    province: str = Field(examples=["Quảng Ninh"])
    district: str = Field(examples=["Uông Bí"])
    status: str = Field(examples=["suspended"], description="The status the change left")
    stars: int | None = Field(description="Stars while a certificate stands, else null")
    last_stars: int | None = None
    certificate_number: str | None = Field(default=None, examples=["QN-0123-C1"])
    valid_from: date | None = None
    valid_until: date | None = None
    effective_on: date = Field(description="The day the change took legal effect")
    public_reason: PublishedReason = None
    reason_code: ReasonCode = None
    decision_ref: str | None = None
    inspection_ref: str | None = None
    reinspection_ref: str | None = None


class CloudEvent(BaseModel):
    """One public change as a CloudEvents 1.0 event (structured JSON mode)."""

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(description="The change's log position: the cursor to go on from")
    source: str = Field(examples=["urn:ocop:register"])
    type: str = Field(examples=["vn.ocop.product.suspended"])
    subject: str = Field(description="The product code", examples=["QN-0123"])
    time: datetime = Field(description="When the register recorded the change")
    datacontenttype: Literal["application/json"] = "application/json"
    data: ChangeFacts


class ChangePage(BaseModel):
    """Public changes after a cursor, in log order, and the cursor to ask after next."""

    items: list[CloudEvent]
    next: int = Field(
        description="Ask ?after= this next; it never goes back, and an answer after it "
        "only ever grows as the register records more"
    )
