"""The HTTP API, built by a factory over the register the composition root wired."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.docs import install_docs
from api.gate import WriteGate
from api.headers import SecurityHeaders
from api.limits import BodyLimit, HeaderLimit
from api.openapi import describe
from api.problems import install_problem_handlers
from api.query import OneValueEach
from api.request_log import RequestLog
from api.routers import (
    certificates,
    changes,
    corrections,
    criteria_sets,
    evaluations,
    events,
    handoffs,
    health,
    log,
    metrics,
    open_data,
    products,
    proofs,
    public,
    renewals,
)
from api.tail import ChangeStreams
from api.throttle import Throttle, TokenBuckets
from ocop.services import ServedRegister


def create_app(served: ServedRegister, *, run_projector: bool = True) -> FastAPI:
    """The API over ``served``; the projector runs in-process while the app serves, and the
    read side follows the projection wherever it runs (PostgreSQL)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        served.read_side.follow()
        if run_projector:
            served.projector.start()
        try:
            yield
        finally:
            if run_projector:
                served.projector.stop()
            served.read_side.following.stop()

    settings = served.settings
    app = FastAPI(
        title="OCOP certification register",
        version="1",
        summary="The official record of Vietnam's OCOP programme, as events.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.served = served  # handed out part by part by api.deps
    app.state.change_streams = ChangeStreams(settings.change_streams_at_once)
    app.openapi = describe(app)  # type: ignore[method-assign]
    install_problem_handlers(app)
    # First match wins, and every route before the one matched costs a request its path's
    # match: the public lookups (what a label's QR code asks) come first.
    for router in (
        public.router,
        products.router,
        evaluations.router,
        handoffs.router,
        certificates.router,
        corrections.router,
        events.router,
        open_data.router,
        changes.router,
        health.router,
        log.router,
        renewals.router,
        criteria_sets.router,
        proofs.router,
        metrics.router,
    ):
        app.include_router(router)
    if settings.docs:
        install_docs(app)
    # The last added runs first: log, add headers, throttle, cap, check the key, refuse a
    # repeated query parameter, read the body.
    app.add_middleware(BodyLimit, most=settings.max_body_bytes)
    app.add_middleware(OneValueEach)
    app.add_middleware(WriteGate, keys=served.keys)
    app.add_middleware(
        HeaderLimit, most=settings.max_header_bytes, body_most=settings.max_body_bytes
    )
    app.add_middleware(
        Throttle,
        anonymous=TokenBuckets(settings.anonymous_burst, settings.anonymous_per_second),
        refused_keys=TokenBuckets(settings.failed_keys_burst, settings.failed_keys_per_second),
    )
    app.add_middleware(SecurityHeaders, public_paths=settings.cors_paths)
    app.add_middleware(RequestLog, logger=served.logger, tally=served.tally)
    return app
