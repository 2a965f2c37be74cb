"""The HTTP boundary's layers (ASGI middleware) share one shape: every scope that is not an
HTTP request (the lifespan, a websocket) passes straight through to the app inside."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class HttpLayer:
    """An ASGI layer around ``app`` that acts on HTTP requests only (in ``request``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.request(scope, receive, send)

    async def request(self, scope: Scope, receive: Receive, send: Send) -> None:
        """What the layer does with one HTTP request."""
        raise NotImplementedError
