"""The loopback load generator: wrk (C, one thread) when installed, else a Python fallback.

A plan says which requests to send, in order: either a rotation over many paths (lookups),
or blocks of staged commands (register every product of a block, then evaluate each, ...).
A product's next command is sent a block's worth of requests after its previous one: with
256 products a block, at 600 commands/s that is 0.4 s, twice the longest command yet seen
under 16 connections (a block of 64, 0.1 s, let a slow command be overtaken by its
product's next one now and then, refused, and counted as an error). Both generators play
the same plan.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from bench.cpu import Meter

Request = tuple[str, str, dict[str, str], str]  # method, path, headers, body


@dataclass(frozen=True)
class Rotation:
    """GETs rotating over ``paths`` (each connection starts where the last request left)."""

    paths: list[str]
    headers: dict[str, str] = field(default_factory=dict)

    def requests(self) -> Iterator[Request]:
        while True:
            for path in self.paths:
                yield "GET", path, self.headers, ""


class Stage(NamedTuple):
    """One command of every product in a block; ``{CODE}`` stands for the product's code."""

    method: str
    path: str
    headers: dict[str, str]
    body: str


@dataclass(frozen=True)
class Stages:
    """Blocks of ``block`` new products, each taken through every stage in turn."""

    stages: list[Stage]
    prefix: str
    block: int = 256

    def requests(self) -> Iterator[Request]:
        number = 0
        while True:
            for stage in self.stages:
                for n in range(number, number + self.block):
                    code = f"{self.prefix}{n:07d}"
                    body = stage.body.replace("{CODE}", code)
                    yield stage.method, stage.path.replace("{CODE}", code), stage.headers, body
            number += self.block


Plan = Rotation | Stages


class Pace(NamedTuple):
    """How a measurement loads the API: for how long, after how long a warm-up, with wrk or
    the Python generator, and with or without a meter of the CPU spent."""

    seconds: int
    warm_up: int
    use_wrk: bool
    meter: Meter | None = None


class Result(NamedTuple):
    """What a load run measured (latencies in milliseconds)."""

    generator: str
    connections: int
    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    api_cpu_ms_per_request: float | None = None  # with a meter: the API process's CPU
    postgres_cpu_ms_per_request: float | None = None  # and its database's backends'

    def as_dict(self) -> dict[str, object]:
        return dict(self._asdict())


def wrk_available() -> bool:
    """Whether wrk is on the PATH."""
    return shutil.which("wrk") is not None


def run(
    base_url: str,
    plan: Plan,
    connections: int,
    seconds: int,
    *,
    use_wrk: bool,
    meter: Meter | None = None,
) -> Result:
    """Plays ``plan`` against ``base_url`` with ``connections`` for ``seconds`` (bounded).

    With a ``meter``, also the CPU the API and its database spent per request.
    """
    before = meter.read() if meter else (0.0, 0.0)
    result = _play(base_url, plan, connections, seconds, use_wrk)
    if meter is None or not result.requests:
        return result
    api, postgres = (round((b - a) * 1000 / result.requests, 3)
                     for a, b in zip(before, meter.read(), strict=True))  # fmt: skip
    return result._replace(api_cpu_ms_per_request=api, postgres_cpu_ms_per_request=postgres)


def measure_each(
    base_url: str, plans: dict[str, Plan], warm_up: Plan, connections: int, pace: Pace
) -> dict[str, Result]:
    """Each plan in turn at ``pace``, after a warm-up on ``warm_up`` if the pace has one."""
    if pace.warm_up:
        run(base_url, warm_up, connections, pace.warm_up, use_wrk=pace.use_wrk)
    return {
        kind: run(base_url, plan, connections, pace.seconds, use_wrk=pace.use_wrk, meter=pace.meter)
        for kind, plan in plans.items()
    }


def _play(base_url: str, plan: Plan, connections: int, seconds: int, use_wrk: bool) -> Result:
    if not use_wrk:
        from bench.pyload import play

        return play(base_url, plan, connections, seconds)
    from bench.wrk_script import script_of

    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as scratch:
        script = Path(scratch) / "plan.lua"
        script.write_text(script_of(plan, Path(scratch)))
        completed = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
             "-s", str(script), base_url],
            capture_output=True, text=True, timeout=seconds + 60, check=False,
        )  # fmt: skip
    lines = [x for x in completed.stdout.splitlines() if x.startswith("BENCH-JSON ")]
    if not lines:
        raise RuntimeError(f"wrk reported nothing: {completed.stdout}\n{completed.stderr}")
    line = lines[-1]
    raw = json.loads(line.removeprefix("BENCH-JSON "))
    elapsed = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Result(
        generator="wrk",
        connections=connections,
        requests=raw["requests"],
        seconds=round(elapsed, 2),
        requests_per_second=round(raw["requests"] / elapsed, 1),
        p50_ms=round(raw["p50_us"] / 1000, 2),
        p90_ms=round(raw["p90_us"] / 1000, 2),
        p99_ms=round(raw["p99_us"] / 1000, 2),
        max_ms=round(raw["max_us"] / 1000, 2),
        errors=errors,
    )
