"""The app with settings of a test's own, and raw ASGI calls that show what it reads."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from lifecycle.values import Role
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from tests.conftest import fixed_today


@contextmanager
def served(
    url: str, *, run_projector: bool = True, **settings: Any
) -> Iterator[tuple[FastAPI, ServedRegister]]:
    """The app over a fresh store at ``url`` with these settings; closed afterwards."""
    services = build_services(Settings(database_url=url, **settings), clock=fixed_today)
    try:
        yield create_app(services, run_projector=run_projector), services
    finally:
        services.close()


def client(app: FastAPI, address: str = "203.0.113.7", **options: Any) -> TestClient:
    """A test client that the app sees as coming from ``address``."""
    return TestClient(app, raise_server_exceptions=False, client=(address, 50000), **options)


def office_key(services: ServedRegister) -> dict[str, str]:
    """A bearer header for a Quảng Ninh programme office."""
    key, _ = services.keys.create(Role.PROGRAMME_OFFICE, province="Quảng Ninh")
    return {"Authorization": f"Bearer {key}"}


@dataclass
class Exchange:
    """What one raw ASGI request read of its body and what it answered."""

    bytes_read: int = 0
    receives: int = 0
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def exchange(
    app: FastAPI,
    method: str,
    path: str,
    headers: dict[str, str],
    chunks: Iterator[bytes],
) -> Exchange:
    """Sends a request to ``app`` chunk by chunk, counting what the app pulls of the body."""
    seen = Exchange()

    async def receive() -> dict[str, Any]:
        seen.receives += 1
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        seen.bytes_read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            seen.status = message["status"]
            seen.headers = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            seen.body += message.get("body", b"")

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("203.0.113.9", 50000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    return seen
