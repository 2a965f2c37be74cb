"""The served whole: the HTTP API and, beside it, the public pages, over the same services.

The API knows nothing of the pages; they are wired here, in the composition root.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from api.app import create_app
from api.problems import problem_response
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from pages import Sources, public_pages


def create_site(services: ServedRegister, *, run_projector: bool = True) -> FastAPI:
    """The API with the public pages (``/``, ``/register``, ``/p/{code}``, ...) mounted."""
    app = create_app(services, run_projector=run_projector)
    sources = Sources(
        read_side=services.read_side,
        today=services.clock,
        problem=lambda status, code, detail: problem_response(status, code, detail),
        public_base_url=services.settings.public_base_url,
    )
    app.include_router(public_pages(sources))
    return app


def worker_site() -> FastAPI:
    """What each API process of ``ocop serve --workers N`` serves (uvicorn's factory): the
    site over services it builds from the one ``Settings``, projecting nothing (the
    supervising process or ``ocop project`` does), closed when the process stops."""
    services = build_services(Settings())
    app = create_site(services, run_projector=False)
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
