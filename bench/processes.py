"""Several API processes (issue 14): public lookups by code and commands with 16 clients,
served by 2 API processes on one port (as ``ocop serve --workers 2``: uvicorn's supervisor,
the projector once, in it) against 1 (as ``ocop serve``: the projector in the one process),
one after the other in the same run, on the same database and sample of products.

Ratio = the 2 processes' requests per second ÷ the 1 process's. Its ceiling is set by the
cores: the load generator, PostgreSQL and the API processes share them.

``apart`` measures the commands, 1 and 16 clients, as docker-compose runs the register: one
API process projecting nothing (``OCOP_RUN_PROJECTOR=false``) and ``ocop project`` in a
process of its own; the commands figure reports them beside its own, against its ceiling.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench import lookup, writes
from bench.loadgen import Pace, Rotation, run
from bench.server import ROOT, Server

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
        "projector_apart": apart(url, pace=pace, log=log),
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


def apart(url: str, *, pace: Pace, log: Path) -> dict[str, Any]:
    """Commands with 1 and 16 clients, the projector in a process of its own."""
    ocop = Path(sys.executable).with_name("ocop")
    with log.open("ab") as output:
        projector = subprocess.Popen(
            [str(ocop), "project"], stdout=output, stderr=output, cwd=ROOT,
            env={**os.environ, "OCOP_DATABASE_URL": url},
        )  # fmt: skip
        try:
            with Server(url, log, env={"OCOP_RUN_PROJECTOR": "false"}) as server:
                base, wrk = server.base_url, pace.use_wrk
                if pace.warm_up:  # not reported
                    run(base, writes.http_plan(url, "AW-"), CLIENTS, pace.warm_up, use_wrk=wrk)
                one = run(base, writes.http_plan(url, "A1-"), 1, pace.seconds, use_wrk=wrk)
                many = run(base, writes.http_plan(url, "AG-"), CLIENTS, pace.seconds, use_wrk=wrk)
        finally:
            projector.terminate()
            projector.wait(timeout=30)
    return {"one_client": one.as_dict(), "sixteen_clients": many.as_dict()}


def figure(measured: dict[str, Any], commands: dict[str, Any]) -> dict[str, Any]:
    """The processes' figure, with the commands apart as ratios to the commands' ceiling."""
    ceiling = commands["baseline"]["in_process_load_and_save"]["commands_per_second"]
    runs = measured["projector_apart"]
    ratio = {"one_client": round(runs["one_client"]["requests_per_second"] / ceiling, 2),
             "sixteen_clients_vs_ceiling":
             round(runs["sixteen_clients"]["requests_per_second"] / ceiling, 2)}  # fmt: skip
    return {**measured, "projector_apart": {**runs, "ratio": ratio}}
