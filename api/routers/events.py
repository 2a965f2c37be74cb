"""The global audit trail, in log order (auditors)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import LAST_POSITION, PrincipalDep, ReadAfterDep, ReadSideDep
from api.openapi import Kind, documented
from api.schemas.audit import AuditTrail
from lifecycle.authority import check_may_read_the_log
from projections import questions

router = APIRouter(prefix="/v1/events", tags=["audit"])


@router.get("", response_model=AuditTrail, responses=documented(Kind.READ))
def audit_trail(
    actor: PrincipalDep,
    read_side: ReadSideDep,
    position: ReadAfterDep,
    after: Annotated[
        int, Query(ge=0, le=LAST_POSITION, description="Events after this log position")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """Every event of every product after a position, with its full payload (auditors)."""
    check_may_read_the_log(actor)
    rows = read_side.ask(
        questions.audit_trail(after=after, limit=limit), wait_for=position
    )
    return {"events": rows, "next_after": rows[-1]["position"] if rows else after}
