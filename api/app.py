"""The HTTP API, built by a factory from the services the composition root wired."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.bootstrap import Services
from api.logs import RequestLog
from api.openapi import describe
from api.problems import install_problem_handlers
from api.routers import certificates, evaluations, events, health, products, public


def create_app(services: Services, *, run_projector: bool = True) -> FastAPI:
    """The API over ``services``; the projector runs in-process while the app serves."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if run_projector:
            services.projector.start()
        try:
            yield
        finally:
            if run_projector:
                services.projector.stop()

    app = FastAPI(
        title="OCOP certification register",
        version="1",
        summary="The official record of Vietnam's OCOP programme, as events.",
        lifespan=lifespan,
    )
    app.state.services = services
    app.openapi = describe(app)  # type: ignore[method-assign]
    install_problem_handlers(app)
    for router in (
        products.router,
        evaluations.router,
        certificates.router,
        events.router,
        public.router,
        health.router,
    ):
        app.include_router(router)
    app.add_middleware(RequestLog, logger=services.logger)
    return app
