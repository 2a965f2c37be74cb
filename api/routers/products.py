"""Products: registration and removal (programme office), and the auditor's reads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from api.deps import (
    LAST_POSITION,
    CodePath,
    PrincipalDep,
    RegistryDep,
    TodayDep,
    WriteDep,
)
from api.openapi import Kind, documented
from api.problems import Problem
from api.reading import ReadingDep
from api.schemas.places import PlaceBody
from api.schemas.products import HistoryEntry, ProductState, ProductStatus
from api.schemas.requests import Registration, RemovalBody
from api.schemas.responses import ChangeRecorded
from lifecycle import errors
from lifecycle.authority import check_may_read
from lifecycle.describe import describe_state, history_of
from lifecycle.history import jurisdiction_of, state_at, steps
from projections import questions

router = APIRouter(prefix="/v1/products", tags=["products"])
READ = documented(Kind.READ)


@router.post(
    "", status_code=201, response_model=ChangeRecorded, responses=documented(Kind.REGISTRATION)
)
async def register_product(body: Registration, write: WriteDep) -> JSONResponse:
    """Register a product under its programme code (programme office of its province)."""
    return await write.recorded(body)


@router.post(
    "/{code}/removal",
    status_code=201,
    response_model=ChangeRecorded,
    responses=documented(Kind.WRITE),
)
async def remove_product(code: CodePath, body: RemovalBody, write: WriteDep) -> JSONResponse:
    """Remove a product from the programme, for good (programme office)."""
    return await write.recorded(body, code)


@router.post(
    "/{code}/place",
    status_code=201,
    response_model=ChangeRecorded,
    responses=documented(Kind.WRITE),
)
async def rename_place(code: CodePath, body: PlaceBody, write: WriteDep) -> JSONResponse:
    """Record the product's place under its new commune and province after an administrative
    change (programme office); the business did not move."""
    return await write.recorded(body, code)


@router.get("/{code}", response_model=ProductStatus, responses=READ)
def product_status(
    code: CodePath,
    actor: PrincipalDep,
    reading: ReadingDep,
) -> dict[str, Any]:
    """The product's current status, from the read side (auditors; others in their province)."""
    row = reading.ask(questions.product_status(code, on=reading.today))
    if row is None:
        raise errors.ProductNotFound(code)
    check_may_read(actor, row["province"], reading.today)
    return row


@router.get("/{code}/history", response_model=list[HistoryEntry], responses=READ)
def product_history(
    code: CodePath, actor: PrincipalDep, registry: RegistryDep, today: TodayDep
) -> list[dict[str, Any]]:
    """Every event of the product, in order, with the state after each (replayed)."""
    events = registry.events_of(code)
    check_may_read(actor, jurisdiction_of(events), today)
    return history_of(steps(events))


@router.get("/{code}/state", response_model=ProductState, responses=READ)
def product_state(
    code: CodePath,
    actor: PrincipalDep,
    registry: RegistryDep,
    today: TodayDep,
    as_of: Annotated[date | None, Query(description="What was true on this date")] = None,
    version: Annotated[
        int | None, Query(ge=1, le=LAST_POSITION, description="The state at this version")
    ] = None,
    known_at: Annotated[
        datetime | None, Query(description="Only what the register had recorded by then")
    ] = None,
) -> dict[str, Any]:
    """The product's state on a date or at a version, optionally as known at a moment."""
    if as_of is None and version is None and known_at is None:
        raise Problem(
            400, "missing-as-of-or-version", "Give as_of=DATE, version=N or known_at=DATETIME."
        )
    events = registry.events_of(code)
    check_may_read(actor, jurisdiction_of(events), today)
    product = state_at(events, as_of=as_of, version=version, known_at=known_at)
    return describe_state(product, as_of or today)
