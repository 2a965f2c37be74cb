"""Open data: the whole public register as CSV and JSON, as of a day, and the Frictionless
data package describing both (see ``api.exports`` and ``projections.open_data``).

An export is streamed a chunk of products at a time, every chunk read up to the one log
position its ``ETag`` names, so the same position and day give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from fastapi.responses import Response, StreamingResponse

from api import exports
from api.openapi import Kind, documented
from api.problems import Problem
from api.reading import Reading, ReadingDep
from api.schemas.open_data import DataPackage
from projections import open_data
from projections.schema import tracked_position

router = APIRouter(prefix="/v1/public", tags=["open data"])
DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
AsOf = Annotated[
    str | None,
    Query(
        description="Statuses on this day (YYYY-MM-DD, not after today); default today",
        json_schema_extra={"format": "date", "examples": ["2020-03-01"]},
    ),
]
IfNoneMatch = Annotated[
    str | None, Header(description="An ETag you hold: 304 if the export would be the same")
]
Encoder = Callable[[Iterable[list[dict[str, Any]]]], Iterator[bytes]]
VALIDATORS = {
    "ETag": {"description": "The log position and day the rows are read for", "schema": {}},
    "X-Log-Position": {"description": "The log position the rows belong to", "schema": {}},
}


def exported(media_type: str, schema: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """The documented answers of an export: its media type, and 304 to a held ETag."""
    return {
        **documented(Kind.PUBLIC_QUERY),
        200: {"content": {media_type: {"schema": schema}}, "headers": VALIDATORS},
        304: {"description": "Not modified: the ETag you hold is current", "headers": VALIDATORS},
    }


def day_asked(today: date, as_of: str | None) -> date:
    """The day asked for: today by default; 422 for a malformed day or one after today."""
    if as_of is None:
        return today
    try:
        day = date.fromisoformat(as_of) if DAY.fullmatch(as_of) else None
    except ValueError:
        day = None
    if day is None:
        raise Problem(422, "invalid-as-of", "as_of must be a day, written YYYY-MM-DD.")
    if day > today:
        raise Problem(422, "as-of-in-future", f"as_of ({day}) is after today ({today}).")
    return day


def export(
    reading: Reading,
    as_of: str | None,
    if_none_match: str | None,
    name: str,
    encode: Encoder,
    media_type: str,
) -> Response:
    """The export streamed, or 304 when the ETag held is that of the same position and day."""
    day = day_asked(reading.today, as_of)
    upto = reading.ask(tracked_position)
    etag = f'"{name}-{upto}-{day.isoformat()}"'
    headers = {
        "ETag": etag,
        "X-Log-Position": str(upto),
        "Cache-Control": "no-cache",
        "Content-Disposition": f'inline; filename="ocop-register-{day.isoformat()}.{name}"',
    }
    if exports.etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    chunks = open_data.rows(reading.read_side.ask, on=day, upto=upto)
    return StreamingResponse(encode(chunks), media_type=media_type, headers=headers)


def exporting(name: str, encode: Encoder, media_type: str) -> Callable[..., Response]:
    """The handler of the export in one format."""

    def register(
        reading: ReadingDep, as_of: AsOf = None, if_none_match: IfNoneMatch = None
    ) -> Response:
        return export(reading, as_of, if_none_match, name, encode, media_type)

    return register


# Each format of the export: its encoder, media type, documented schema and description.
FORMATS: dict[str, tuple[Encoder, str, dict[str, Any], str]] = {
    "csv": (
        exports.csv_bytes,
        exports.CSV,
        {"type": "string"},
        "Every product on the register, one CSV row each (UTF-8 with BOM), ordered by code.",
    ),
    "json": (
        exports.json_bytes,
        exports.JSON,
        exports.json_schema(),
        "Every product on the register, one JSON object each, ordered by code.",
    ),
}
for name, (encode, media_type, schema, description) in FORMATS.items():
    router.add_api_route(
        f"/register.{name}",
        exporting(name, encode, media_type),
        methods=["GET"],
        name=f"register_{name}",
        description=description,
        response_class=StreamingResponse,
        responses=exported(media_type, schema),
    )


@router.get(
    "/datapackage.json",
    response_model=DataPackage,
    response_model_exclude_none=True,
    responses=documented(Kind.PUBLIC_QUERY),
)
def datapackage() -> dict[str, Any]:
    """The Frictionless data package describing the CSV and JSON exports and their columns."""
    return exports.data_package()
