"""Certificates: issued and revoked by certifying authorities, suspended and reinstated by
inspectors."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import CodePath, WriteDep
from api.openapi import Kind, documented
from api.schemas.inspections import ReinstatementBody, SuspensionBody
from api.schemas.requests import (
    CertificateBody,
    RevocationBody,
)
from api.schemas.responses import ChangeRecorded

router = APIRouter(prefix="/v1/products/{code}", tags=["certificates"])
WRITE = documented(Kind.WRITE)


@router.post("/certificates", status_code=201, response_model=ChangeRecorded, responses=WRITE)
async def issue_certificate(code: CodePath, body: CertificateBody, write: WriteDep) -> JSONResponse:
    """Issue a star certificate (certifying authority competent for those stars)."""
    return await write.recorded(body, code)


@router.post("/suspensions", status_code=201, response_model=ChangeRecorded, responses=WRITE)
async def suspend_certificate(
    code: CodePath, body: SuspensionBody, write: WriteDep
) -> JSONResponse:
    """Suspend a current certificate after an inspection found a breach (inspector)."""
    return await write.recorded(body, code)


@router.post("/reinstatements", status_code=201, response_model=ChangeRecorded, responses=WRITE)
async def reinstate_certificate(
    code: CodePath, body: ReinstatementBody, write: WriteDep
) -> JSONResponse:
    """Reinstate a suspended certificate once the breach is corrected (inspector)."""
    return await write.recorded(body, code)


@router.post("/revocations", status_code=201, response_model=ChangeRecorded, responses=WRITE)
async def revoke_certificate(code: CodePath, body: RevocationBody, write: WriteDep) -> JSONResponse:
    """Withdraw the product's certificate (certifying authority)."""
    return await write.recorded(body, code)
