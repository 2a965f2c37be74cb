"""Several API processes (issue 14): public lookups by code and commands with 16 clients,
served by 2 API processes on one port (as ``ocop serve --workers 2``: uvicorn's supervisor,
the projector once, in it) against 1 (as ``ocop serve``: the projector in the one process),
one after the other in the same run, on the same database and sample of products.

Ratio = the 2 processes' requests per second ÷ the 1 process's. Its ceiling is set by the
cores: the load generator, PostgreSQL and the API processes share them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import lookup, writes
from bench.loadgen import Pace, Rotation, run
from bench.server import Server

PROCESSES = (1, 2)
CLIENTS = 16  # the commands' concurrent clients, as in the commands figure


def measure(
    url: str, codes: list[str], *, connections: int, pace: Pace, log: Path
) -> dict[str, Any]:
    """Lookups by code, then commands, against 1 and then 2 API processes."""
    by_code = Rotation(lookup.paths(codes)["by_code"])
    measured: dict[str, dict[str, Any]] = {}
    for workers in PROCESSES:
        with Server(url, log, workers=workers) as server:
            base, wrk = server.base_url, pace.use_wrk
            if pace.warm_up:  # not reported
                run(base, by_code, connections, pace.warm_up, use_wrk=wrk)
            lookups = run(base, by_code, connections, pace.seconds, use_wrk=wrk)
            plan = writes.http_plan(url, f"P{workers}-")
            commands = run(base, plan, CLIENTS, pace.seconds, use_wrk=wrk)
        measured[f"{workers}_process"] = {
            "lookup_by_code": lookups.as_dict(),
            "commands_16_clients": commands.as_dict(),
        }
    one, two = measured["1_process"], measured["2_process"]
    return {
        "figure": "lookups by code and commands: 2 API processes vs 1",
        "connections": {"lookup_by_code": connections, "commands_16_clients": CLIENTS},
        "baseline": one,
        "measured": two,
        "ratio": {
            kind: round(
                two[kind]["requests_per_second"] / max(one[kind]["requests_per_second"], 0.1), 2
            )
            for kind in one
        },
    }
