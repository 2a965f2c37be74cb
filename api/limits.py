"""How much one request may send: header and body caps, enforced before any routing.

A body is never read past its cap: a declared ``Content-Length`` over it is refused before a
byte is read, and a chunked body is counted as it arrives and refused at the first chunk
that crosses it. What is accepted is at most the cap, held once and handed on.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.layers import HttpLayer
from api.problems import problem_response


class HeaderLimit(HttpLayer):
    """ASGI middleware: 431 when the request's headers together exceed ``most`` bytes, and
    413 when its declared ``Content-Length`` exceeds ``body_most``."""

    def __init__(self, app: ASGIApp, most: int, body_most: int) -> None:
        super().__init__(app)
        self.most, self.body_most = most, body_most

    async def request(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = scope["headers"]
        if sum(len(name) + len(value) + 4 for name, value in headers) > self.most:
            refusal = problem_response(
                431,
                "headers-too-large",
                f"The request's headers exceed {self.most} bytes.",
            )
            await refusal(scope, receive, send)
            return
        declared = next((value for name, value in headers if name == b"content-length"), None)
        if declared is not None and not (declared.isdigit() and len(declared) <= 18):
            refusal = problem_response(
                400, "malformed-content-length", "Content-Length must be a number of bytes."
            )
            await refusal(scope, receive, send)
        elif declared is not None and int(declared) > self.body_most:
            await body_too_large(self.body_most)(scope, receive, send)
        else:
            await self.app(scope, receive, send)


class BodyLimit(HttpLayer):
    """ASGI middleware: reads the body, counting as it comes, and refuses it with 413 as soon
    as it passes ``most`` bytes; otherwise hands the whole body on in one message."""

    def __init__(self, app: ASGIApp, most: int) -> None:
        super().__init__(app)
        self.most = most

    async def request(self, scope: Scope, receive: Receive, send: Send) -> None:
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.most:
                await body_too_large(self.most)(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body: bytes | None = b"".join(chunks)
        chunks.clear()

        async def replay() -> Message:
            nonlocal body
            if body is None:
                return await receive()
            message: Message = {"type": "http.request", "body": body, "more_body": False}
            body = None
            return message

        await self.app(scope, replay, send)


def body_too_large(most: int) -> ASGIApp:
    """The 413 answer for a body over ``most`` bytes."""
    return problem_response(
        413, "body-too-large", f"The request body exceeds {most} bytes; nothing was stored."
    )
