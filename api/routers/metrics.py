"""The service's metrics for Prometheus, to auditors' and administrators' keys only.

Request counts by route and refusals by code tell how the register is used, so they are not
public: a scraper sends an administrator's key (``ocop keys create --role admin``, which
changes nothing) as ``Authorization: Bearer``. Kept out of the OpenAPI document: its body is
Prometheus's text format, specified there, not here.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from api.deps import PrincipalDep, ScrapeDep
from lifecycle.authority import check_may_watch_the_projector

router = APIRouter(tags=["operations"])


@router.get("/metrics", include_in_schema=False)
def metrics(actor: PrincipalDep, scrape: ScrapeDep) -> Response:
    """Every process's counts and the read side's progress, in Prometheus's text format."""
    check_may_watch_the_projector(actor)
    answer = scrape()
    return Response(answer.body, media_type=answer.media_type)
