"""A small asyncio HTTP/1.1 load generator: the fallback when wrk is not installed.

Keep-alive connections, each sending the plan's next request as soon as its last answer
arrived (closed loop, like wrk). Slower than wrk and sharing the machine's cores with the
server, so its figures are only indicative; the results name the generator used.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from bench.loadgen import Plan, Request, Result


def play(base_url: str, plan: Plan, connections: int, seconds: int) -> Result:
    """Plays ``plan`` with ``connections`` for ``seconds``."""
    latencies: list[float] = []
    errors: list[int] = [0]
    started = time.perf_counter()
    asyncio.run(_play(base_url, plan.requests(), connections, seconds, latencies, errors))
    return _result(connections, latencies, errors[0], time.perf_counter() - started)


def ask_each(base_url: str, paths: list[str], connections: int, timeout: float = 600) -> Result:
    """GETs every path once, ``connections`` at a time."""
    latencies: list[float] = []
    errors: list[int] = [0]
    started = time.perf_counter()
    asyncio.run(asyncio.wait_for(_ask_each(base_url, paths, connections, latencies, errors),
                                 timeout))  # fmt: skip
    return _result(connections, latencies, errors[0], time.perf_counter() - started)


def _result(connections: int, latencies: list[float], errors: int, elapsed: float) -> Result:
    from bench.loadgen import Result

    ordered = sorted(latencies) or [0.0]

    def percentile(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000, 2)

    return Result(
        "python", connections, len(latencies), round(elapsed, 2),
        round(len(latencies) / elapsed, 1), percentile(50), percentile(90), percentile(99),
        round(ordered[-1] * 1000, 2), errors,
    )  # fmt: skip


async def _play(
    base_url: str,
    requests: Iterator[Request],
    connections: int,
    seconds: int,
    latencies: list[float],
    errors: list[int],
) -> None:
    parts = urlsplit(base_url)
    deadline = time.perf_counter() + seconds

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            while time.perf_counter() < deadline:
                method, path, headers, body = next(requests)
                data = body.encode()
                head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
                writer.write(
                    f"{method} {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n{head}"
                    f"Content-Length: {len(data)}\r\n\r\n".encode()
                    + data
                )
                sent = time.perf_counter()
                status = await _answer(reader)
                latencies.append(time.perf_counter() - sent)
                if status >= 400:
                    errors[0] += 1
        finally:
            writer.close()

    await asyncio.wait_for(
        asyncio.gather(*(connection() for _ in range(connections))), timeout=seconds + 60
    )


async def _ask_each(
    base_url: str, paths: list[str], connections: int, latencies: list[float], errors: list[int]
) -> None:
    parts, left = urlsplit(base_url), iter(paths)

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            for path in left:  # shared: each path is taken by one connection
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode())
                sent = time.perf_counter()
                status = await _answer(reader)  # not inside the ``+=``: the others count too
                latencies.append(time.perf_counter() - sent)
                errors[0] += status >= 400
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))


async def _answer(reader: asyncio.StreamReader) -> int:
    """Reads one response; answers its status."""
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while (size := int((await reader.readline()).strip(), 16)) > 0:
            await reader.readexactly(size + 2)
        await reader.readline()
    elif length:
        await reader.readexactly(length)
    return status
