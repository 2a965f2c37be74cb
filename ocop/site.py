"""The served whole: the HTTP API and, beside it, the public pages, over the same services.

The API knows nothing of the pages; they are wired here, in the composition root.
"""

from __future__ import annotations

from fastapi import FastAPI

from api.app import create_app
from api.problems import problem_response
from ocop.services import ServedRegister
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
