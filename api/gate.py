"""Writes show their key before their body: a write without a valid key is refused before a
byte of its body is read or parsed (FastAPI would otherwise parse the body first)."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from api.bearer import principal_of
from api.keys import KeyStore
from api.outages import store_lost
from api.problems import Problem, problem_response, store_unavailable

WRITE_METHODS = frozenset({"POST"})  # every write of the register is a POST


class WriteGate:
    """ASGI middleware: authenticates writes under ``prefixes`` from their headers alone, and
    leaves the principal found in the request's state for the endpoint."""

    def __init__(
        self, app: ASGIApp, keys: KeyStore, prefixes: tuple[str, ...] = ("/v1/products",)
    ) -> None:
        self.app, self.keys, self.prefixes = app, keys, prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in WRITE_METHODS
            or not scope["path"].startswith(self.prefixes)
        ):
            await self.app(scope, receive, send)
            return
        authorization = next(
            (v.decode("latin-1") for k, v in scope["headers"] if k == b"authorization"), None
        )
        try:
            actor = await principal_of(self.keys, authorization)
        except Problem as problem:
            refusal = problem_response(
                problem.status,
                problem.code,
                problem.detail,
                headers={"WWW-Authenticate": "Bearer"},
            )
            await refusal(scope, receive, send)
            return
        except Exception as error:
            if not store_lost(error):
                raise
            await store_unavailable()(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        state["actor"], state["principal"] = actor, actor.principal_id
        await self.app(scope, receive, send)
