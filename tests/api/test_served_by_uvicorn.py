"""The server as ``ocop serve`` configures it: no banner, and a header block over the cap is
refused by the parser before it is held whole (issues 17.1, 17.8)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from ocop.cli.serve import server_options
from ocop.settings import Settings
from tests.api.boundary import served


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def address(sqlite_url: str) -> Iterator[tuple[str, int]]:
    """uvicorn serving the API with ``ocop serve``'s options, in this process."""
    with served(sqlite_url) as (app, services):
        port = free_port()
        config = uvicorn.Config(app, port=port, **server_options(services.settings))
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            threading.Event().wait(0.05)
        yield "127.0.0.1", port
        server.should_exit = True
        thread.join(timeout=30)


def exchange(address: tuple[str, int], request: bytes) -> bytes:
    """Sends raw bytes and reads the answer until the server closes or sends its head."""
    with socket.create_connection(address, timeout=30) as connection:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.sendall(request)  # refused while sending: the answer may be waiting
        answer = b""
        while b"\r\n\r\n" not in answer:
            try:
                chunk = connection.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            answer += chunk
        return answer


@pytest.mark.parametrize(("processes", "module"), [(1, "asyncio."), (2, "uvloop")])
def test_the_event_loop_each_layout_is_served_on(processes: int, module: str) -> None:
    # One process: uvloop took new connections late while others kept it busy. Several:
    # the standard loop left Nagle's algorithm on for their connections (BENCHMARKS.md).
    options = server_options(Settings(), processes)
    factory = uvicorn.Config(lambda: None, **options).get_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert type(loop).__module__.startswith(module)
    finally:
        loop.close()


def test_no_server_banner(address: tuple[str, int]) -> None:
    answer = exchange(address, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    head = answer.split(b"\r\n\r\n")[0].lower()
    assert head.startswith(b"http/1.1 200")
    assert b"\r\nserver:" not in head


def test_a_header_block_over_the_cap_is_refused_by_the_parser(address: tuple[str, int]) -> None:
    cap = Settings().max_header_bytes
    huge = b"Bearer " + b"a" * (cap * 64)
    answer = exchange(
        address, b"GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: " + huge + b"\r\n\r\n"
    )
    # The parser's own refusal: the app (which names every answer with a request id) never ran.
    head = answer.split(b"\r\n\r\n")[0].lower()
    assert answer == b"" or head.startswith(b"http/1.1 400"), answer[:200]
    assert b"x-request-id" not in head
