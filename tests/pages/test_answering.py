"""How the product and certificate pages are answered (``pages.answering``): a page is
remembered only if the projection has not moved since what it shows was read."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import Request, Response
from fastapi.responses import PlainTextResponse

from pages import Sources
from pages.answering import gathered_then_drawn
from pages.visit import Visit
from seed.demo import demo_orders
from seed.writing import carry_out
from tests.conftest import fixed_today
from tests.pages.conftest import demo_register


def request_for(path: str) -> Request:
    """A plain GET of ``path``, as the server hands it to a route."""
    return Request({
        "type": "http", "method": "GET", "path": path, "query_string": b"", "headers": [],
        "server": ("testserver", 80), "scheme": "http", "root_path": "",
    })  # fmt: skip


def test_a_page_is_remembered_only_if_the_projection_stood_still_while_it_was_read(
    tmp_path: Path,
) -> None:
    last = demo_orders()[-1:]  # held back, to be carried out while a page is read
    services = demo_register(f"sqlite:///{tmp_path}/ocop.db", held_back=lambda o: o in last)
    services.projector.catch_up()
    sources = Sources(
        read_side=services.read_side, lookups=services.lookups, today=fixed_today,
        problem=lambda status, code, detail: Response(status_code=status),
    )  # fmt: skip
    reads: list[int | None] = []

    async def read(visit: Visit) -> int:
        reads.append(services.read_side.remembered.position)
        if len(reads) == 1:  # the first visit's read sees the projection move on
            carry_out(services.registry, last, batch_size=1)
            services.projector.catch_up()
        return len(reads)

    def draw(visit: Visit, facts: int) -> Response:
        return PlainTextResponse(f"page drawn after {facts} reads")

    async def three_visits() -> list[bytes]:
        return [
            bytes((await gathered_then_drawn(sources, request_for("/p/X"), read, draw)).body)
            for _ in range(3)
        ]

    try:
        first, second, third = asyncio.run(three_visits())
    finally:
        services.close()
    # The first visit's page is not kept; the second's is, the projection having stood still.
    drawn_after = [b"page drawn after 1 reads", *[b"page drawn after 2 reads"] * 2]
    assert [first, second, third] == drawn_after
    assert reads[0] is not None and reads[1] is not None and reads[1] > reads[0]
