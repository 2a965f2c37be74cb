"""Renewal: the issuing body's notice before a certificate ends (certifying authority), and
the certificates due for notice in a province (its staff; auditors and central principals
for any province)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from api.deps import CodePath, PrincipalDep, WriteDep
from api.openapi import Kind, documented
from api.reading import ReadingDep
from api.schemas.renewals import DueForNotice, RenewalNoticeBody
from api.schemas.responses import ChangeRecorded
from lifecycle.authority import check_may_read
from projections import questions

router = APIRouter(tags=["renewals"])


@router.post(
    "/v1/products/{code}/renewal-notices",
    status_code=201,
    response_model=ChangeRecorded,
    responses=documented(Kind.WRITE),
)
async def give_renewal_notice(
    code: CodePath, body: RenewalNoticeBody, write: WriteDep
) -> JSONResponse:
    """Record the notice that the certificate's validity ends (certifying authority)."""
    return await write.recorded(body, code)


@router.get("/v1/renewals/due", response_model=list[DueForNotice], responses=documented(Kind.READ))
def due_for_notice(
    actor: PrincipalDep,
    reading: ReadingDep,
    province: Annotated[str | None, Query(max_length=100)] = None,
    within_days: Annotated[int, Query(ge=0, le=366)] = 30,
) -> list[dict[str, Any]]:
    """Certificates whose renewal notice is due within the days given, or overdue, soonest
    first (a province's staff: their own province; auditors and central: any or all)."""
    place = province if province is not None else actor.province
    check_may_read(actor, place or "", reading.today)
    question = questions.due_for_notice(on=reading.today, within_days=within_days, province=place)
    return reading.ask(question)
