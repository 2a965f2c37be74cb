"""Corrections of a product's record: its registered details and its owner, by the programme
office; a suspended product's corrective deadline, by the inspector."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import CodePath, WriteDep
from api.openapi import Kind, documented
from api.schemas.corrections import CorrectionBody, DeadlineExtensionBody, TransferBody
from api.schemas.responses import ChangeRecorded

router = APIRouter(prefix="/v1/products/{code}", tags=["corrections"])
WRITE = documented(Kind.WRITE)


@router.post("/corrections", status_code=201, response_model=ChangeRecorded, responses=WRITE)
async def correct_registration(
    code: CodePath, body: CorrectionBody, write: WriteDep
) -> JSONResponse:
    """Correct details registered wrongly, with a reason and reference (programme office)."""
    return await write.recorded(body, code)


@router.post("/transfers", status_code=201, response_model=ChangeRecorded, responses=WRITE)
async def transfer_ownership(code: CodePath, body: TransferBody, write: WriteDep) -> JSONResponse:
    """Record the product's transfer to a new owner, by decision (programme office)."""
    return await write.recorded(body, code)


@router.post(
    "/deadline-extensions", status_code=201, response_model=ChangeRecorded, responses=WRITE
)
async def extend_deadline(
    code: CodePath, body: DeadlineExtensionBody, write: WriteDep
) -> JSONResponse:
    """Extend a suspended product's corrective deadline before it passes (inspector)."""
    return await write.recorded(body, code)
