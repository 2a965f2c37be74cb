"""How a visit to a page is answered: from the event loop when nothing is to be read or
made (a 304, or a page remembered since the projection last moved); else, for the pages a
label's QR code opens, from what the read side's lookups gather (``projections.lookups``)
and drawn on the event loop; for the others, in a worker thread, as a synchronous endpoint
would. And the routes of the pages without path parameters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from anyio import to_thread
from fastapi import APIRouter, Request, Response

from pages.visit import READ, REFLECTED, Sources, Visit

T = TypeVar("T")


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
    """The page ``draw`` makes of the visit (reading as it goes, in a worker thread), or
    what answers it without making it (above)."""
    visit = await visit_of(sources, request)
    remembered = visit.remembered()
    if remembered is not None:
        return remembered
    return await to_thread.run_sync(visit.answer, lambda: draw(visit))


async def gathered_then_drawn(
    sources: Sources,
    request: Request,
    read: Callable[[Visit], Awaitable[T]],
    draw: Callable[[Visit, T], Response],
) -> Response:
    """The page ``draw`` makes of what ``read`` gathers through the lookups, drawn on the
    event loop, or what answers the visit without making it (above)."""
    visit = await visit_of(sources, request)
    remembered = visit.remembered()
    if remembered is not None:
        return remembered
    read_at = sources.read_side.remembered.position  # before the reads
    return visit.made(draw(visit, await read(visit)), read_at)


async def visit_of(sources: Sources, request: Request) -> Visit:
    """The visit, as of the position the read side reflects (asked in a worker thread only
    when it is not remembered)."""
    found, reflected = sources.read_side.remembered.recall(REFLECTED, None)
    if found:
        return Visit(sources, request, reflected)
    return await to_thread.run_sync(Visit, sources, request)
