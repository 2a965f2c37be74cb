"""Headers every answer carries: no sniffing, no referrer, no framing, no caching of what a
key was shown, HSTS over TLS, no server banner, and CORS for the public reads only."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.layers import HttpLayer

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
# HTML pages (the public pages) may load their own style sheet and images, and post forms
# only to themselves; no script runs anywhere. A route may set a policy of its own (docs).
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": (
        "X-Request-Id, Retry-After, Content-Disposition, ETag, X-Log-Position"
    ),
}
PREFLIGHT = {
    **CORS,
    "Access-Control-Allow-Methods": "GET, HEAD",
    "Access-Control-Allow-Headers": "X-Log-Position, X-Request-Id, Accept-Language",
    "Access-Control-Max-Age": "86400",
}
HSTS = "max-age=63072000; includeSubDomains"


class SecurityHeaders(HttpLayer):
    """ASGI middleware adding the headers above; answers CORS preflights for public paths.

    CORS never allows credentials: the public reads need none, and nothing else is shared.
    """

    def __init__(self, app: ASGIApp, public_paths: tuple[str, ...]) -> None:
        super().__init__(app)
        self.public_paths = public_paths

    async def request(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_headers = dict(scope["headers"])
        public = scope["path"].startswith(self.public_paths)
        shared = public and scope["method"] in ("GET", "HEAD", "OPTIONS")
        with_key = b"authorization" in request_headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in ALWAYS.items():
                    headers[name] = value
                html = headers.get("content-type", "").startswith("text/html")
                headers.setdefault("Content-Security-Policy", PAGE_POLICY if html else API_POLICY)
                if scope.get("scheme") == "https":
                    headers["Strict-Transport-Security"] = HSTS
                if with_key:
                    headers["Cache-Control"] = "no-store"
                if shared:
                    headers.update(CORS)
                if "server" in headers:
                    del headers["server"]
            await send(message)

        if shared and scope["method"] == "OPTIONS":  # a browser's CORS preflight
            preflight = [(k.lower().encode(), v.encode()) for k, v in PREFLIGHT.items()]
            await send_with_headers(
                {"type": "http.response.start", "status": 204, "headers": preflight}
            )
            await send_with_headers({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, receive, send_with_headers)
