"""Certificates: issued and revoked by certifying authorities, suspended and reinstated by
inspectors."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import ExpectedVersionDep, IdempotencyKeyDep, PrincipalDep, ServicesDep
from api.recording import record
from api.routers.products import CodePath
from api.schemas.requests import (
    CertificateBody,
    ReinstatementBody,
    RevocationBody,
    SuspensionBody,
)
from api.schemas.responses import ChangeRecorded
from lifecycle.service import Order

router = APIRouter(prefix="/v1/products/{code}", tags=["certificates"])


@router.post("/certificates", status_code=201, response_model=ChangeRecorded)
def issue_certificate(
    code: CodePath,
    body: CertificateBody,
    actor: PrincipalDep,
    services: ServicesDep,
    if_match: ExpectedVersionDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> JSONResponse:
    """Issue a star certificate (certifying authority competent for those stars)."""
    return record(
        services,
        actor,
        f"/v1/products/{code}/certificates",
        body,
        idempotency_key,
        Order(actor, body.to_command(), code, if_match),
    )


@router.post("/suspensions", status_code=201, response_model=ChangeRecorded)
def suspend_certificate(
    code: CodePath,
    body: SuspensionBody,
    actor: PrincipalDep,
    services: ServicesDep,
    if_match: ExpectedVersionDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> JSONResponse:
    """Suspend a current certificate after an inspection found a breach (inspector)."""
    return record(
        services,
        actor,
        f"/v1/products/{code}/suspensions",
        body,
        idempotency_key,
        Order(actor, body.to_command(), code, if_match),
    )


@router.post("/reinstatements", status_code=201, response_model=ChangeRecorded)
def reinstate_certificate(
    code: CodePath,
    body: ReinstatementBody,
    actor: PrincipalDep,
    services: ServicesDep,
    if_match: ExpectedVersionDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> JSONResponse:
    """Reinstate a suspended certificate once the breach is corrected (inspector)."""
    return record(
        services,
        actor,
        f"/v1/products/{code}/reinstatements",
        body,
        idempotency_key,
        Order(actor, body.to_command(), code, if_match),
    )


@router.post("/revocations", status_code=201, response_model=ChangeRecorded)
def revoke_certificate(
    code: CodePath,
    body: RevocationBody,
    actor: PrincipalDep,
    services: ServicesDep,
    if_match: ExpectedVersionDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> JSONResponse:
    """Withdraw the product's certificate (certifying authority)."""
    return record(
        services,
        actor,
        f"/v1/products/{code}/revocations",
        body,
        idempotency_key,
        Order(actor, body.to_command(), code, if_match),
    )
