"""An open-loop HTTP/1.1 load generator: requests sent at a fixed rate, whatever the answers.

A closed loop (wrk, ``pyload``) sends a connection's next request when its last answer came,
so a slow answer delays the requests behind it and its own lateness goes unmeasured
(coordinated omission); its latencies measure queueing. Here the send times are fixed
before the run (request ``i`` at ``i / rate`` seconds) and each latency runs from the
request's *scheduled* time to its answer, so a request that waited for a free connection, or
for a generator that fell behind, counts that wait. Neither Debian (no ``wrk2``) nor PyPI had
a fixed-rate generator to install, hence this one: asyncio streams on uvloop, keep-alive connections
(at most ``connections``, each one request at a time), bounded by the schedule plus a grace.
How late the generator itself queued each request behind its schedule (``send_lag_p99_ms``,
its own delay, not a wait for a free connection) is reported beside the figures.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from contextlib import suppress
from typing import NamedTuple
from urllib.parse import urlsplit

import uvloop

from bench.pyload import _answer

GRACE_SECONDS = 10.0  # after the last scheduled send, how long answers are waited for


class Timed(NamedTuple):
    """What an open-loop run measured; latencies from each scheduled send time, in ms."""

    generator: str
    connections: int
    rate: float  # requests scheduled per second
    scheduled: int
    requests: int  # answered
    seconds: float  # the schedule's length
    requests_per_second: float  # answered per second of the schedule
    p50_ms: float
    p99_ms: float
    p999_ms: float
    max_ms: float
    errors: int  # answers of 4xx or 5xx, and broken connections
    unanswered: int  # scheduled but not answered within the grace
    send_lag_p99_ms: float  # how late the generator queued requests: its own delay only

    def as_dict(self) -> dict[str, object]:
        return dict(self._asdict())


def play_at_rate(
    base_url: str, paths: Sequence[str], rate: float, seconds: float, connections: int
) -> Timed:
    """Sends ``rate * seconds`` GETs, at ``rate`` per second, cycling over ``paths``."""
    scheduled = max(1, int(rate * seconds))
    answers: list[tuple[float, int]] = []  # latency (s), status (0: connection broke)
    lags: list[float] = []
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(_play(base_url, paths, rate, scheduled, connections, answers, lags))
    latencies = sorted(latency for latency, _ in answers) or [0.0]
    ordered_lags = sorted(lags) or [0.0]
    answered = sum(1 for _, status in answers if status)
    return Timed(
        "python-open-loop", connections, rate, scheduled, answered, round(seconds, 2),
        round(answered / seconds, 1), _ms(latencies, 50), _ms(latencies, 99),
        _ms(latencies, 99.9), round(latencies[-1] * 1000, 2),
        sum(1 for _, status in answers if status == 0 or status >= 400),
        scheduled - len(answers), _ms(ordered_lags, 99),
    )  # fmt: skip


def _ms(ordered: list[float], percent: float) -> float:
    return round(ordered[min(len(ordered) - 1, int(percent / 100 * len(ordered)))] * 1000, 2)


async def _play(
    base_url: str,
    paths: Sequence[str],
    rate: float,
    scheduled: int,
    connections: int,
    answers: list[tuple[float, int]],
    lags: list[float],
) -> None:
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    due: asyncio.Queue[tuple[float, str] | None] = asyncio.Queue()
    opened = await asyncio.gather(
        *(asyncio.open_connection(host, port) for _ in range(connections))
    )
    start = time.perf_counter()  # every connection is open before the first send

    async def schedule() -> None:
        for i in range(scheduled):
            at = start + i / rate
            if (wait := at - time.perf_counter()) > 0:
                await asyncio.sleep(wait)
            due.put_nowait((at, paths[i % len(paths)]))
            lags.append(time.perf_counter() - at)
        for _ in range(connections):
            due.put_nowait(None)

    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while (request := await due.get()) is not None:
                at, path = request
                try:
                    writer.write(f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode())
                    status = await _answer(reader)
                except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                    answers.append((time.perf_counter() - at, 0))
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                    continue
                answers.append((time.perf_counter() - at, status))
        finally:
            writer.close()

    work = asyncio.gather(schedule(), *(connection(*pair) for pair in opened))
    with suppress(TimeoutError):  # what is still unanswered then is counted as such
        await asyncio.wait_for(work, timeout=scheduled / rate + GRACE_SECONDS)
