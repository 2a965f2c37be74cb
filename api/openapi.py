"""What the OpenAPI document promises: every status each kind of operation can answer.

One table decides the documented statuses of every operation; each refusal is documented
as ``application/problem+json`` with the one problem schema the handlers really send.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from fastapi import FastAPI

from api.problems import PROBLEM_JSON
from api.schemas.responses import ProblemDetails, ProblemIssue


class Kind(Enum):
    """The kinds of operation, by who may call them and what they touch."""

    REGISTRATION = "registration"
    WRITE = "write"
    READ = "read"
    PUBLIC_LOOKUP = "public-lookup"
    PUBLIC_QUERY = "public-query"
    LIVENESS = "liveness"
    READINESS = "readiness"


# Any operation may be refused for size or rate, or fail as a last resort.
EVERY_OPERATION = (413, 429, 431, 500)
REFUSALS: dict[Kind, tuple[int, ...]] = {
    Kind.REGISTRATION: (400, 401, 403, 409, 412, 422, 503),
    Kind.WRITE: (400, 401, 403, 404, 409, 412, 422, 503),
    Kind.READ: (400, 401, 403, 404, 422, 503),
    Kind.PUBLIC_LOOKUP: (400, 404, 422, 503),
    Kind.PUBLIC_QUERY: (400, 422, 503),
    Kind.LIVENESS: (),
    Kind.READINESS: (503,),
}
MEANINGS = {
    400: "Malformed request: JSON, If-Match, a missing choice, or a position past the log",
    401: "Missing, malformed, unknown or revoked API key",
    403: "The key's role, level or province may not do this",
    404: "No such product or certificate",
    409: "A programme rule refuses the change in the product's current state",
    412: "If-Match names a version that is no longer current",
    413: "The request is too large",
    422: "The request does not match the schema, or a value is out of range",
    429: "Too many requests; retry after the time given",
    431: "The request's header block is too large",
    500: "An unexpected failure; nothing was recorded",
    503: "The store or the read side is not available yet; retry after the time given",
}
RETRY_AFTER = {"description": "Seconds to wait before retrying", "schema": {"type": "string"}}
VERSION_HEADER = r'^(?:W/)?"?([0-9]{1,18})"?$'
POSITION_HEADER = r"^[0-9]{1,18}$"
CHANGE_HEADERS = {
    "ETag": {
        "description": "The product's new version",
        "schema": {"type": "string", "pattern": r'^"[0-9]+"$'},
    },
    "Location": {"description": "The product's resource", "schema": {"type": "string"}},
    "X-Log-Position": {
        "description": "The event's log position; send it back to read your write",
        "schema": {"type": "string", "pattern": POSITION_HEADER},
    },
}


def documented(kind: Kind) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of an operation of this kind: each refusal as a problem document."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in sorted((*REFUSALS[kind], *EVERY_OPERATION)):
        answer: dict[str, Any] = {
            "description": MEANINGS[status],
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        if status in (429, 503):
            answer["headers"] = {"Retry-After": RETRY_AFTER}
        if status == 401:
            answer["headers"] = {
                "WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}
            }
        responses[status] = answer
    if kind in (Kind.REGISTRATION, Kind.WRITE):
        responses[201] = {"description": "The change was recorded", "headers": CHANGE_HEADERS}
    return responses


def describe(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """``app.openapi``: FastAPI's document plus the problem schema every refusal refers to."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = FastAPI.openapi(app)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        components["ProblemIssue"] = ProblemIssue.model_json_schema()
        components["Problem"] = ProblemDetails.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        components["Problem"].pop("$defs", None)
        components["Problem"]["title"] = "Problem"
        return schema

    return openapi
