"""The change feed: public status changes after a cursor (a log position), as paged JSON of
CloudEvents, as Atom for feed readers, and as a live tail of Server-Sent Events; each may
keep to one province. Nothing personal: only ``projections.public_changes.public``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import Response

from api.deps import ReadAfterDep, ReadSideDep, SettingsDep
from api.feeds import ATOM_MEDIA_TYPE, atom, cloud_event
from api.openapi import POSITION_HEADER, Kind, documented
from api.problems import Problem, retry_later
from api.schemas.changes import ChangePage
from api.tail import EventStream, TooManyStreams, tail
from projections import PositionBeyondHead, ReadSide, public_changes
from projections.vietnamese import search_key
from storage.sql import Row

router = APIRouter(prefix="/v1/public", tags=["change feed"])
CURSOR = re.compile(POSITION_HEADER)
PAGE = 100
After = Annotated[
    str | None,
    Query(
        description="Changes after this log position (a change's id, or a page's next)",
        json_schema_extra={"pattern": POSITION_HEADER, "examples": ["0"]},
    ),
]
Limit = Annotated[int, Query(ge=1, le=1000)]
# Each event of the live tail (as OpenAPI 3.2 describes Server-Sent Events).
EVENT = {
    "type": "object",
    "required": ["id", "data"],
    "properties": {
        "id": {"type": "string", "pattern": POSITION_HEADER},
        "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": {"$ref": "#/components/schemas/CloudEvent"},
        },
        "event": {"type": "string"},
        "retry": {"type": "integer", "minimum": 0},
    },
}
Province = Annotated[
    str | None, Query(max_length=100, description="One province, with or without diacritics")
]


def cursor_of(read_side: ReadSide, text: str | None) -> int:
    """The cursor named (0 if none): 422 unless a position, 400 past the log's head."""
    if text is None:
        return 0
    if not CURSOR.fullmatch(text):
        raise Problem(422, "invalid-cursor", "A cursor is a log position: digits, at most 18.")
    cursor, head = int(text), read_side.head()
    if cursor > head:
        raise PositionBeyondHead(cursor, head)
    return cursor


@dataclass(frozen=True)
class PageAsked:
    """A page of the change feed asked for: after which cursor, how many, of which province,
    once the read side has reached which log position."""

    read_side: ReadSide
    position: int | None
    after: str | None
    limit: int
    province: str | None

    def after_cursor(self) -> tuple[list[Row], int]:
        """The changes after the cursor named, in log order, and the cursor to go on from."""
        cursor = cursor_of(self.read_side, self.after)
        question = partial(
            public_changes.after, cursor=cursor, limit=self.limit, province=self.province
        )
        return self.read_side.ask(question, wait_for=self.position)

    def latest(self) -> list[Row]:
        """The latest changes, newest first."""
        question = partial(public_changes.latest, limit=self.limit, province=self.province)
        return self.read_side.ask(question, wait_for=self.position)


async def page_asked(
    read_side: ReadSideDep,
    position: ReadAfterDep,
    after: After = None,
    limit: Limit = PAGE,
    province: Province = None,
) -> PageAsked:
    """The page of changes a request asks for."""
    return PageAsked(read_side, position, after, limit, province)


PageAskedDep = Annotated[PageAsked, Depends(page_asked)]


@router.get("/changes", response_model=ChangePage, responses=documented(Kind.PUBLIC_QUERY))
def changes(asked: PageAskedDep) -> ChangePage:
    """Public changes after a cursor, in log order, as CloudEvents; ``next`` goes on."""
    rows, following = asked.after_cursor()
    return ChangePage(items=[cloud_event(row) for row in rows], next=following)


@router.get(
    "/changes.atom",
    response_class=Response,
    responses={
        **documented(Kind.PUBLIC_QUERY),
        200: {"content": {ATOM_MEDIA_TYPE: {"schema": {"type": "string"}}}},
    },
)
def changes_atom(request: Request, asked: PageAskedDep) -> Response:
    """An Atom 1.0 feed: the latest changes, newest first (or those after ``after``)."""
    rows = asked.latest() if asked.after is None else asked.after_cursor()[0]
    region = f":{search_key(asked.province)}" if asked.province else ""
    body = atom(
        rows,
        feed_id=f"urn:ocop:changes{region}",
        self_url=str(request.url),
        product_url=f"{request.base_url}v1/public/products/{{code}}",
    )
    return Response(body, media_type=ATOM_MEDIA_TYPE)


@router.get(
    "/changes/stream",
    response_class=Response,  # documented below: each event as OpenAPI 3.2 says
    responses={
        **documented(Kind.PUBLIC_QUERY),
        200: {"content": {"text/event-stream": {"itemSchema": EVENT}}},
    },
)
def changes_stream(
    read_side: ReadSideDep,
    settings: SettingsDep,
    request: Request,
    after: After = None,
    province: Province = None,
    last_event_id: Annotated[
        str | None,
        Header(
            description="The last event's id: the stream goes on after it (overrides after)",
            json_schema_extra={"pattern": POSITION_HEADER},
        ),
    ] = None,
) -> Response:
    """A live tail: each public change as an event (``id:`` its position, ``data:`` the
    CloudEvent), keep-alive comments, and an end after a while (reconnect to go on)."""
    named = cursor_of(read_side, after)
    cursor = named if last_event_id is None else cursor_of(read_side, last_event_id)
    try:
        give_back = request.app.state.change_streams.hold()
    except TooManyStreams:
        detail = "As many live tails as allowed are open; retry shortly."
        return retry_later(5, "too-many-streams", detail)
    events = tail(
        read_side,
        cursor,
        province,
        seconds=settings.change_stream_seconds,
        keepalive=settings.change_stream_keepalive_seconds,
    )
    return EventStream(events, give_back)
