"""Every refusal as ``application/problem+json`` (RFC 9457), with a stable ``code``.

Domain errors are translated here once, by family; only a store that cannot be reached is a
503. Nothing a client sends can produce a 500; anything unexpected is a logged 500 problem
that carries the request id.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import IntegrityError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.outages import STORE_FAILURES, store_lost
from lifecycle import errors
from projections import PositionBeyondHead, ProjectionBehind, TooManyWaits

PROBLEM_JSON = "application/problem+json"
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
TYPE_BASE = "https://ocop-registry.example/problems/"

STATUS_BY_FAMILY: tuple[tuple[type[errors.RegisterError], int], ...] = (
    (errors.ProductNotFound, 404),
    (errors.NotYetRegistered, 404),
    (errors.VersionNotFound, 404),
    (errors.CertificateNotFound, 404),
    (errors.CriteriaSetNotFound, 404),
    (errors.StaleVersion, 412),
    (errors.NotPermitted, 403),
    (errors.InvalidCommand, 422),
    (errors.RuleRefused, 409),
)


class Problem(Exception):
    """A refusal decided at the HTTP boundary itself (authentication, headers, lookups)."""

    def __init__(self, status: int, code: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail, self.extra = status, code, detail, extra


def problem_body(status: int, code: str, detail: str, **extra: Any) -> dict[str, Any]:
    """An RFC 9457 problem document with the register's machine-readable ``code``."""
    return {
        "type": TYPE_BASE + code,
        "title": code.replace("-", " ").capitalize(),
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }


def problem_response(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    """The problem document as a response."""
    return JSONResponse(
        problem_body(status, code, detail, **extra),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def retry_later(seconds: int, code: str, detail: str, **extra: Any) -> JSONResponse:
    """A 503 problem the client may retry after ``seconds`` (its ``Retry-After``)."""
    return problem_response(503, code, detail, headers={"Retry-After": str(seconds)}, **extra)


def store_unavailable() -> JSONResponse:
    """The 503 answer while the store cannot be reached."""
    detail = "The register's store cannot be reached; try again shortly."
    return retry_later(5, "store-unavailable", detail)


def unexpected(request: Request, error: BaseException) -> JSONResponse:
    """The last resort: a 500 problem carrying the request id, logged with its traceback."""
    request_id = getattr(request.state, "request_id", None)
    logger = getattr(getattr(request.app.state, "served", None), "logger", None)
    if logger is not None:
        logger.error("unexpected failure", request_id=request_id, exc_info=error)
    return problem_response(
        500,
        "internal-error",
        "Something unexpected went wrong; quote the request id when reporting it.",
        request_id=request_id,
    )


def allowed_methods(request: Request) -> str:
    """Every method some route serves at the request's path (for ``Allow``)."""
    routes = request.app.router.routes
    allowed = [
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]
    return ", ".join(allowed)


def status_of(error: errors.RegisterError) -> int:
    """The HTTP status for a domain refusal, by its family."""
    return next((status for family, status in STATUS_BY_FAMILY if isinstance(error, family)), 409)


def install_problem_handlers(app: FastAPI) -> None:
    """Registers the translations from every kind of failure to a problem document."""

    @app.exception_handler(errors.RegisterError)
    def refused(request: Request, error: errors.RegisterError) -> JSONResponse:
        return problem_response(status_of(error), error.code, error.message)

    @app.exception_handler(Problem)
    def boundary_problem(request: Request, problem: Problem) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if problem.status == 401 else None
        return problem_response(
            problem.status, problem.code, problem.detail, headers=headers, **problem.extra
        )

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        issues = [
            {"location": [str(part) for part in e["loc"]], "message": e["msg"]}
            for e in error.errors()
        ]
        malformed = any(e["type"] == "json_invalid" for e in error.errors())
        if malformed:
            return problem_response(400, "malformed-json", "The request body is not valid JSON.")
        return problem_response(
            422, "invalid-request", "The request does not match the schema.", errors=issues
        )

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method-not-allowed"}.get(error.status_code, "http-error")
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return problem_response(error.status_code, code, str(error.detail), headers=headers)

    @app.exception_handler(IntegrityError)
    def conflict(request: Request, error: IntegrityError) -> JSONResponse:
        return problem_response(409, "concurrent-change", "Another change won; try again.")

    def unavailable(request: Request, error: Exception) -> JSONResponse:
        return store_unavailable() if store_lost(error) else unexpected(request, error)

    @app.exception_handler(ProjectionBehind)
    def behind(request: Request, error: ProjectionBehind) -> JSONResponse:
        detail = f"The read side has not yet reached log position {error.position}; retry shortly."
        return retry_later(1, "projection-behind", detail)

    @app.exception_handler(PositionBeyondHead)
    def beyond_head(request: Request, error: PositionBeyondHead) -> JSONResponse:
        return problem_response(
            400,
            "position-beyond-head",
            f"Log position {error.position} has not been written; the log ends at {error.head}.",
            head=error.head,
        )

    @app.exception_handler(TooManyWaits)
    def too_many_waits(request: Request, error: TooManyWaits) -> JSONResponse:
        detail = "Too many requests are waiting for the read side; retry shortly."
        return retry_later(1, "too-many-waits", detail)

    for failure in STORE_FAILURES:
        app.add_exception_handler(failure, unavailable)
