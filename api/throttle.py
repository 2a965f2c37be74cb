"""Rate limits per client address: generous for public reads, strict for refused keys.

A small token bucket per address, kept in the process (one event loop, so no locks). A
library would add a dependency and a store for what is a few lines here; several processes
behind one address each keep their own buckets, which only makes the limit looser.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from time import monotonic

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem_response

UNLIMITED = ("/healthz", "/readyz")


class TokenBuckets:
    """One bucket per address, holding up to ``burst`` tokens and refilled at ``per_second``.

    At most ``addresses`` buckets are kept; beyond that the longest-unused one is forgotten.
    """

    def __init__(
        self,
        burst: int,
        per_second: float,
        clock: Callable[[], float] = monotonic,
        addresses: int = 10_000,
    ) -> None:
        self.burst, self.per_second, self.clock = burst, per_second, clock
        self.addresses = addresses
        self.buckets: dict[str, tuple[float, float]] = {}

    def _tokens(self, address: str) -> float:
        tokens, then = self.buckets.pop(address, (float(self.burst), self.clock()))
        now = self.clock()
        tokens = min(float(self.burst), tokens + (now - then) * self.per_second)
        self.buckets[address] = (tokens, now)  # now the most recently used
        if len(self.buckets) > self.addresses:
            del self.buckets[next(iter(self.buckets))]
        return tokens

    def wait(self, address: str) -> float:
        """Seconds until ``address`` has a token again (0 if it has one now)."""
        tokens = self._tokens(address)
        return 0.0 if tokens >= 1 else (1 - tokens) / self.per_second

    def take(self, address: str) -> float:
        """Takes a token if there is one and returns 0; otherwise the seconds to wait."""
        tokens = self._tokens(address)
        if tokens < 1:
            return (1 - tokens) / self.per_second
        self.buckets[address] = (tokens - 1, self.buckets[address][1])
        return 0.0


class Throttle:
    """ASGI middleware: answers 429 with ``Retry-After`` to an address that has used up its
    requests without a key, or (for requests with a key) its refused keys. Requests with a
    key are otherwise not limited by address, being accountable by key; health checks never
    are."""

    def __init__(self, app: ASGIApp, anonymous: TokenBuckets, refused_keys: TokenBuckets) -> None:
        self.app, self.anonymous, self.refused_keys = app, anonymous, refused_keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNLIMITED:
            await self.app(scope, receive, send)
            return
        address = client_address(scope)
        with_key = any(name == b"authorization" for name, _ in scope["headers"])
        wait = self.refused_keys.wait(address) if with_key else self.anonymous.take(address)
        if wait:
            refusal = problem_response(
                429,
                "too-many-refused-keys" if with_key else "too-many-requests",
                "Too many refused API keys from your address; wait before trying again."
                if with_key
                else "Too many requests from your address; wait before trying again.",
                headers={"Retry-After": str(math.ceil(wait))},
            )
            await refusal(scope, receive, send)
            return

        async def counting_refusals(message: Message) -> None:
            if with_key and message["type"] == "http.response.start" and message["status"] == 401:
                self.refused_keys.take(address)
            await send(message)

        await self.app(scope, receive, counting_refusals)


def client_address(scope: Scope) -> str:
    """The client's address as the server saw it (behind a proxy, as the proxy reported)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"
