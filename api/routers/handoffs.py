"""Hand-offs between levels: a council forwards a product to the province, or proposes it to
the central level as potential 5 stars; the council above evaluates only what it was handed."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import CodePath, WriteDep
from api.openapi import Kind, documented
from api.schemas.handoffs import FiveStarProposalBody, ForwardingBody
from api.schemas.responses import ChangeRecorded

router = APIRouter(prefix="/v1/products/{code}", tags=["hand-offs"])
WRITE = documented(Kind.WRITE)


@router.post("/forwardings", status_code=201, response_model=ChangeRecorded, responses=WRITE)
async def forward_product(code: CodePath, body: ForwardingBody, write: WriteDep) -> JSONResponse:
    """Forward the product to the province (district council; under 1489, commune council)."""
    return await write.recorded(body, code)


@router.post(
    "/five-star-proposals", status_code=201, response_model=ChangeRecorded, responses=WRITE
)
async def propose_potential_five_star(
    code: CodePath, body: FiveStarProposalBody, write: WriteDep
) -> JSONResponse:
    """Propose the product to the central level as potential 5 stars (province council)."""
    return await write.recorded(body, code)
