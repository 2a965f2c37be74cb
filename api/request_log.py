"""The request log: one JSON line per request, with its id, and the last resort for errors."""

from __future__ import annotations

import time
import uuid
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.layers import HttpLayer
from api.problems import unexpected
from api.throttle import client_address


class RequestLog(HttpLayer):
    """ASGI middleware: a request id for every request, echoed back, and one log line each,
    with the client's address. It is also the last resort: whatever escaped every other
    translation is answered as a 500 problem carrying the request id, and logged."""

    def __init__(self, app: ASGIApp, logger: Any) -> None:
        super().__init__(app)
        self.logger = logger

    async def request(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope["headers"])
        request_id = headers.get(b"x-request-id", b"").decode("latin-1")[:128] or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status, answered = 500, False

        async def send_with_id(message: Message) -> None:
            nonlocal status, answered
            if message["type"] == "http.response.start":
                status, answered = message["status"], True
                message.setdefault("headers", []).append(
                    (b"x-request-id", request_id.encode("latin-1"))
                )
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as error:
            if answered:  # too late for a problem document; the server drops the connection
                raise
            await unexpected(Request(scope), error)(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            self.logger.info(
                "request",
                request_id=request_id,
                principal=scope["state"].get("principal"),
                client=client_address(scope),
                method=scope["method"],
                route=getattr(route, "path", scope["path"]),
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 2),
            )
