"""Evaluations: a council records its scores for a product."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import ExpectedVersionDep, IdempotencyKeyDep, PrincipalDep, ServicesDep
from api.recording import record
from api.routers.products import CodePath
from api.schemas.requests import EvaluationBody
from api.schemas.responses import ChangeRecorded
from lifecycle.service import Order

router = APIRouter(prefix="/v1/products/{code}", tags=["evaluations"])


@router.post("/evaluations", status_code=201, response_model=ChangeRecorded)
def record_evaluation(
    code: CodePath,
    body: EvaluationBody,
    actor: PrincipalDep,
    services: ServicesDep,
    if_match: ExpectedVersionDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> JSONResponse:
    """Record a council's evaluation; the register computes the total and the star band."""
    return record(
        services,
        actor,
        f"/v1/products/{code}/evaluations",
        body,
        idempotency_key,
        Order(actor, body.to_command(), code, if_match),
    )
