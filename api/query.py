"""A query parameter is named once: the API's parameters each take one value, so a query
that repeats one (``?position=abc&position=0``) is ambiguous and refused, not half-read."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from api.problems import problem_response


class OneValueEach:
    """ASGI middleware: 422 ``repeated-query-parameter`` when a request under ``prefix`` names
    a query parameter more than once."""

    def __init__(self, app: ASGIApp, prefix: str = "/v1/") -> None:
        self.app, self.prefix = app, prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.prefix):
            query = scope.get("query_string", b"").decode("latin-1")
            named = Counter(name for name, _ in parse_qsl(query, keep_blank_values=True))
            repeated = sorted(name for name, times in named.items() if times > 1)
            if repeated:
                refusal = problem_response(
                    422,
                    "repeated-query-parameter",
                    f"Each query parameter takes one value; repeated: {', '.join(repeated)}.",
                    errors=[
                        {"location": ["query", name], "message": "named more than once"}
                        for name in repeated
                    ],
                )
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)
