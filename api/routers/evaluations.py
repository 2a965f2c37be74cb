"""Evaluations: a council records its scores for a product."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import CodePath, WriteDep
from api.openapi import Kind, documented
from api.schemas.requests import EvaluationBody
from api.schemas.responses import ChangeRecorded

router = APIRouter(prefix="/v1/products/{code}", tags=["evaluations"])
WRITE = documented(Kind.WRITE)


@router.post("/evaluations", status_code=201, response_model=ChangeRecorded, responses=WRITE)
async def record_evaluation(code: CodePath, body: EvaluationBody, write: WriteDep) -> JSONResponse:
    """Record a council's evaluation; the register computes the total and the star band."""
    return await write.recorded(body, code)
