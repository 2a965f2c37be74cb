"""Operations: liveness, public readiness, and the projector's state for operators.

Readiness tells the truth wherever the projector runs: it is judged from the progress the
projector records beside its tracking position. The public answer names the kind of failure
and its position only; the failure's text (hosts, users) goes to the logs and to operators.
"""

from __future__ import annotations

import math
import os

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import PrincipalDep, ProjectorDep, ReadSideDep, SettingsDep
from api.openapi import Kind, documented
from api.problems import retry_later
from api.schemas.operations import Liveness, ProjectorReport, Readiness
from lifecycle.authority import check_may_watch_the_projector
from ocop.settings import Settings
from projections import Projector, ReadSide
from projections.lease import active_projector
from projections.progress import FAILING, Progress, now

router = APIRouter(tags=["operations"])
NOT_READY = {
    FAILING: "The projector fails to apply the log at position {position}; reads are stale.",
    "projection-lagging": "The read side trails the log by {lag} events; reads are stale.",
}


@router.get("/healthz", response_model=Liveness, responses=documented(Kind.LIVENESS))
async def alive() -> Liveness:
    """The process is alive (answered on the event loop: never queues behind busy workers)."""
    return Liveness(status="alive", process=os.getpid())


@router.get(
    "/readyz",
    response_model=Readiness,
    responses=documented(Kind.READINESS),
)
def ready(
    read_side: ReadSideDep, projector: ProjectorDep, settings: SettingsDep
) -> Readiness | JSONResponse:
    """Ready while the store answers and the read side keeps up with the log (public)."""
    report = projector_report(read_side, projector)
    verdict = judged(settings, report)
    public = Readiness.model_validate(report.model_dump(include=set(Readiness.model_fields)))
    if verdict is None:
        return public
    extra = public.model_dump(exclude={"status"}) | {
        "readiness": "not-ready",
        "error_code": report.error_code,
        "failing_position": report.failing_position,
    }
    detail = NOT_READY[verdict].format(position=report.failing_position, lag=report.lag)
    return retry_later(5, verdict, detail, **extra)


@router.get(
    "/v1/operations/projector", response_model=ProjectorReport, responses=documented(Kind.READ)
)
def projector_state(
    actor: PrincipalDep, read_side: ReadSideDep, projector: ProjectorDep
) -> ProjectorReport:
    """The projector's state, position, lag, last advance and last failure (auditors, admins)."""
    check_may_watch_the_projector(actor)
    report = projector_report(read_side, projector)
    holder = read_side.ask(active_projector)
    if holder is not None:
        report.active_projector, report.active_since = holder.holder, holder.since
    return report


def projector_report(read_side: ReadSide, projector: Projector) -> ProjectorReport:
    """What the recorded progress and the projector in this process (if any) say."""
    progress = read_side.progress()
    code, position, error = progress.error_code, progress.error_position, progress.error_text
    if projector.running and projector.failure.code is not None:  # fresher than the record
        failure = projector.failure
        code, position, error = failure.code, failure.position, failure.text
    state = "elsewhere"
    if projector.running:
        state = "running" if projector.active else "standby"
        state = "failing" if projector.failure.code else state
    lag_seconds = progress.lag_seconds(now())
    return ProjectorReport(
        status="ready",
        head=progress.head,
        position=progress.position,
        lag=progress.lag,
        lag_seconds=None if math.isinf(lag_seconds) else round(lag_seconds, 3),
        projector=state,
        advanced_at=progress.advanced_at,
        failing_since=progress.failing_since,
        failing_position=position,
        error_code=code,
        error=error,
    )


def judged(settings: Settings, report: ProjectorReport) -> str | None:
    """The problem code that makes the read side not ready, or None."""
    progress = Progress(
        head=report.head,
        position=report.position,
        advanced_at=report.advanced_at,
        error_code=report.error_code,
    )
    verdict = progress.verdict(now(), settings.ready_max_lag, settings.ready_max_lag_seconds)
    report.status = "ready" if verdict is None else "not-ready"
    return verdict
