"""Operations: liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServicesDep
from api.openapi import Kind, documented
from api.schemas.responses import Readiness

router = APIRouter(tags=["operations"])


@router.get("/healthz", responses=documented(Kind.LIVENESS))
def alive() -> dict[str, str]:
    """The process is alive."""
    return {"status": "alive"}


@router.get("/readyz", response_model=Readiness, responses=documented(Kind.READINESS))
def ready(services: ServicesDep) -> Readiness:
    """The store answers; reports how far the read side trails the log."""
    head = services.read_side.head()
    position = services.read_side.position()
    projector = services.projector
    state = (
        f"failing: {projector.error}"
        if projector.error
        else ("running" if projector.running else "stopped")
    )
    return Readiness(
        status="ready", head=head, position=position, lag=head - position, projector=state
    )
