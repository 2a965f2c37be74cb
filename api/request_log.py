"""The request log: one JSON line per request, with its id, and the last resort for errors.

The request id is the client's ``X-Request-ID`` when it is a safe token (letters, digits and
``._:-``, at most 128), else a new one; it is echoed back, bound to every log line of the
request (structlog's context variables: the command's line too) and handed to the write,
which keeps it beside its event (``registry/request_ids.py``) for the projector's line.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from typing import Any

import structlog
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.layers import HttpLayer
from api.problems import unexpected
from api.served import ProblemBody, Served
from api.throttle import client_address

SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
UNMATCHED = "(unmatched)"  # the route of a request no route took: raw paths are unbounded


def request_id_of(scope: Scope) -> str:
    """The client's ``X-Request-ID`` if it is a safe token, else a new id."""
    given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
    return given if SAFE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class RequestLog(HttpLayer):
    """ASGI middleware: a request id for every request, echoed back, and one log line each,
    with the client's address, told to ``tally`` too (the metrics). It is also the last
    resort: whatever escaped every other translation is answered as a 500 problem carrying
    the request id, and logged."""

    def __init__(
        self, app: ASGIApp, logger: Any, tally: Callable[[Served], object] = lambda s: None
    ) -> None:
        super().__init__(app)
        self.logger, self.tally = logger, tally

    async def request(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status, answered, problem = 500, False, ProblemBody()

        async def send_with_id(message: Message) -> None:
            nonlocal status, answered
            if message["type"] == "http.response.start":
                status, answered = message["status"], True
                message.setdefault("headers", []).append(
                    (b"x-request-id", request_id.encode("latin-1"))
                )
                problem.started(message["headers"])
            elif message["type"] == "http.response.body":
                problem.sent(message)
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self.app(scope, receive, send_with_id)
            except Exception as error:
                if answered:  # too late for a problem document; the server drops the connection
                    raise
                await unexpected(Request(scope), error)(scope, receive, send_with_id)
            finally:
                route = scope.get("route")
                served = Served(
                    method=scope["method"],
                    route=getattr(route, "path", UNMATCHED),
                    status=status,
                    seconds=time.perf_counter() - started,
                    code=problem.code,
                )
                self.logger.info(
                    "request",
                    request_id=request_id,
                    principal=scope["state"].get("principal"),
                    client=client_address(scope),
                    method=served.method,
                    route=getattr(route, "path", scope["path"]),
                    status=status,
                    code=served.code,
                    duration_ms=round(served.seconds * 1000, 2),
                )
                self.tally(served)
