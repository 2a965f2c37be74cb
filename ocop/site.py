"""The served whole: the HTTP API and, beside it, the public pages and the staff workspace,
over the same services.

The API knows nothing of the pages nor of the workspace; they are wired here, in the
composition root.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI

from api.app import create_app
from api.problems import problem_response
from api.routers.public import router as public
from ocop.collection import settle
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from pages import Sources, public_pages
from workspace import Desk, open_desk, staff_workspace


def create_site(
    services: ServedRegister,
    *,
    run_projector: bool = True,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> FastAPI:
    """The API with the public pages (``/``, ``/register``, ``/p/{code}``, ...) and the staff
    workspace (``/staff``) mounted; ``now`` is the staff sessions' clock."""
    app = create_app(services, run_projector=run_projector)
    sources = Sources(
        read_side=services.read_side,
        lookups=services.lookups,
        today=services.clock,
        problem=lambda status, code, detail: problem_response(status, code, detail),
        public_base_url=services.settings.public_base_url,
    )
    app.include_router(public_pages(sources))
    # The pages (what a label's QR code opens) are matched right after the public lookups,
    # not after every other route: no page's path is also one of the API's.
    routes = app.router.routes
    lookups = next(i for i, r in enumerate(routes) if getattr(r, "original_router", 0) is public)
    routes.insert(lookups + 1, routes.pop())
    app.include_router(staff_workspace(staff_desk(services, now)))
    return app


def worker_site() -> FastAPI:
    """What each API process of ``ocop serve --workers N`` serves (uvicorn's factory): the
    site over services it builds from the one ``Settings``, projecting nothing (the
    supervising process or ``ocop project`` does), closed when the process stops."""
    services = build_services(Settings())
    app = create_site(services, run_projector=False)
    settle()  # as one process of ``ocop serve`` is settled
    serving = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[Any]:
        try:
            async with serving(app) as state:
                yield state
        finally:
            services.close()

    app.router.lifespan_context = lifespan
    return app


def staff_desk(services: ServedRegister, now: Callable[[], datetime]) -> Desk:
    """What the staff workspace works through, from the served register and its settings."""
    settings = services.settings
    accounts, sessions = open_desk(
        services.database,
        idle_minutes=settings.staff_idle_minutes,
        session_hours=settings.staff_session_hours,
        lockout_attempts=settings.staff_lockout_attempts,
        lockout_minutes=settings.staff_lockout_minutes,
    )
    return Desk(
        read_side=services.read_side,
        submit=services.intake.submit,
        events_of=services.registry.events_of,
        database=services.database,
        accounts=accounts,
        sessions=sessions,
        today=services.clock,
        logger=services.logger.bind(part="staff"),
        now=now,
        secure_cookie=settings.staff_secure_cookie,
    )
