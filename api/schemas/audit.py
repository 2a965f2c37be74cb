"""What auditors read of the global audit trail: every event, in log order."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.schemas.products import EventAccount, PrincipalAccount


class AuditEntry(BaseModel):
    """One event at its log position, with its references and its full account."""

    position: int
    product_id: str
    code: str = Field(examples=["QN-0123"])
    version: int
    type: str = Field(examples=["Starred"])
    effective_on: date
    recorded_at: datetime
    actor: PrincipalAccount
    refs: dict[str, str] = Field(examples=[{"certificate_number": "QN-0123-C1"}])
    payload: EventAccount


class AuditTrail(BaseModel):
    """A page of the audit trail and the position to ask after for the next one."""

    events: list[AuditEntry]
    next_after: int = Field(description="Pass as 'after' to read on")
