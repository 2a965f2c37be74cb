"""How a visit to a page is answered: from the event loop when nothing is to be read or
made (a 304, or a page remembered since the projection last moved), else in a worker
thread, as a synchronous endpoint would (the hop cost as much as the rest of a remembered
answer: ``api.lookups``); and the routes of the pages without path parameters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from anyio import to_thread
from fastapi import APIRouter, Request, Response

from pages.visit import READ, REFLECTED, Sources, Visit


def page_routes(sources: Sources, pages: dict[str, Callable[[Visit], Response]]) -> APIRouter:
    """Each path of ``pages`` (none with path parameters) serving what its function makes of
    each visit."""
    router = APIRouter(include_in_schema=False)
    for path, draw in pages.items():
        name = draw.__name__.removesuffix("_page")
        router.add_api_route(path, _visited(sources, draw), methods=READ, name=name)
    return router


def _visited(
    sources: Sources, draw: Callable[[Visit], Response]
) -> Callable[[Request], Awaitable[Response]]:
    async def visited(request: Request) -> Response:
        return await visited_soon(sources, request, draw)

    return visited


async def visited_soon(
    sources: Sources, request: Request, draw: Callable[[Visit], Response]
) -> Response:
    """The page ``draw`` makes of the visit, or what answers it without making it (above)."""
    found, reflected = sources.read_side.remembered.recall(REFLECTED, None)
    if found:
        remembered = Visit(sources, request, reflected).remembered()
        if remembered is not None:
            return remembered

    def made() -> Response:
        visit = Visit(sources, request)
        return visit.answer(lambda: draw(visit))

    return await to_thread.run_sync(made)
