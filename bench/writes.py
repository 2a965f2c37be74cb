"""Commands over HTTP (register, the district's scoring and forwarding, evaluate, certify,
suspend), 1 and 16 clients.

Baseline: the library in this process doing the same load + save, one command after another;
its rate (1 / mean latency) is also the one-save-per-command ceiling that grouping
concurrent commands into shared transactions (the API's intake) must beat with 16 clients.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

import httpx

from api.keys import KeyStore
from bench import stories
from bench.cpu import Meter
from bench.database import database_name
from bench.loadgen import Pace, Result, Stage, Stages, run
from lifecycle.commands import RegisterProduct
from lifecycle.values import Actor
from registry.service import Registry
from seed.bodies import body_of
from storage.connections import open_connections
from storage.environment import store_environment
from storage.url import StoreUrl

TARGET_ONE_CLIENT, TARGET_SIXTEEN_CLIENTS = 0.6, 2.0
STEPS = ["register", "evaluate", "forward", "evaluate", "certify", "suspend"]


def commands(code: str) -> list[tuple[Actor, Any]]:
    """The commands every benchmarked product goes through, in order."""
    return [(stories.OFFICE, stories.registration(code, 0)), *stories.first_year()]


def in_process(url: str, products: int, seconds: float) -> dict[str, Any]:
    """The library alone: load + save of each command, one after another (bounded)."""
    registry = Registry(store_environment(StoreUrl.parse(url)))
    meter = Meter(os.getpid(), database_name(url))
    done, started, cpu_before = 0, time.perf_counter(), meter.read()
    try:
        for n in range(products):
            code = f"BI-{n:07d}"
            for actor, command in commands(code):
                if isinstance(command, RegisterProduct):
                    registry.register_product(actor, command)
                else:
                    registry.change(code, actor, command)
                done += 1
            if time.perf_counter() - started > seconds:
                break
    finally:
        registry.close()
    elapsed = time.perf_counter() - started
    python, postgres = (round((b - a) * 1000 / done, 3)
                        for a, b in zip(cpu_before, meter.read(), strict=True))  # fmt: skip
    return {"commands": done, "seconds": round(elapsed, 2),
            "mean_ms": round(elapsed / done * 1000, 3),
            "commands_per_second": round(done / elapsed, 1),
            "python_cpu_ms_per_command": python,
            "postgres_cpu_ms_per_command": postgres}  # fmt: skip


def http_plan(url: str, prefix: str) -> Stages:
    """The same commands as HTTP requests, each under its principal's key."""
    keys = KeyStore(open_connections(StoreUrl.parse(url)))
    stages = []
    for (actor, command), step in zip(commands("{CODE}"), STEPS, strict=True):
        key, _ = keys.create(actor.role, level=actor.level, province=actor.province,
                             principal_id=f"{actor.principal_id}-{prefix}")  # fmt: skip
        path = "/v1/products" if step == "register" else f"/v1/products/{{CODE}}/{PATHS[step]}"
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        stages.append(
            Stage("POST", path, headers, json.dumps(body_of(command), ensure_ascii=False))
        )
    keys.database.close()
    return Stages(stages, prefix)


def grouped(before: dict[str, int], after: dict[str, int]) -> dict[str, float]:
    """How the intake grouped a run's commands: transactions, commands, mean group size (the
    largest group is the server's so far)."""
    transactions = after["transactions"] - before["transactions"]
    orders = after["orders"] - before["orders"]
    mean = round(orders / transactions, 2) if transactions else 0.0
    return {"transactions": transactions, "commands": orders, "mean_group": mean,
            "largest_group_so_far": after["largest"]}  # fmt: skip


def by_thread(
    base_url: str, plan: Stages, clients: int, pace: Pace
) -> tuple[Result, dict[str, float]]:
    """A run, and the API's CPU milliseconds a request in each of its threads' parts (the
    event loop, the intake, the projector, the rest: ``bench.cpu.ROLES``)."""
    before = httpx.get(f"{base_url}/bench/threads").json()
    result = run(base_url, plan, clients, pace.seconds, use_wrk=pace.use_wrk, meter=pace.meter)
    after = httpx.get(f"{base_url}/bench/threads").json()
    requests = max(result.requests, 1)
    return result, {part: round((after[part] - before[part]) * 1000 / requests, 3)
                    for part in after}  # fmt: skip


PATHS = {"evaluate": "evaluations", "forward": "forwardings", "certify": "certificates"}
PATHS["suspend"] = "suspensions"


def measure(
    url: str,
    base_url: str,
    *,
    products: int,
    pace: Pace,
) -> dict[str, Any]:
    """The command figure: in-process baseline, then HTTP with 1 and with 16 clients."""
    seconds, use_wrk = pace.seconds, pace.use_wrk
    baseline = in_process(url, products, seconds)
    if pace.warm_up:  # not reported
        run(base_url, http_plan(url, "BW-"), 16, pace.warm_up, use_wrk=use_wrk)
    one, one_threads = by_thread(base_url, http_plan(url, "B1-"), 1, pace)
    before = httpx.get(f"{base_url}/bench/intake").json()
    sixteen, sixteen_threads = by_thread(base_url, http_plan(url, "BG-"), 16, pace)
    groups = grouped(before, httpx.get(f"{base_url}/bench/intake").json())
    ceiling = baseline["commands_per_second"]
    ratio = {
        "one_client": round(one.requests_per_second / ceiling, 2),
        "sixteen_clients_vs_ceiling": round(sixteen.requests_per_second / ceiling, 2),
    }
    return {
        "figure": "commands over HTTP (register, evaluate, forward, evaluate, certify, suspend)",
        "baseline": {"in_process_load_and_save": baseline},
        "measured": {"one_client": one.as_dict(), "sixteen_clients": sixteen.as_dict(),
                     "sixteen_clients_groups": groups,
                     "api_cpu_ms_per_request_by_thread": {
                         "one_client": one_threads, "sixteen_clients": sixteen_threads}},
        "ratio": ratio,
        "target": {"one_client": f">= {TARGET_ONE_CLIENT}",
                   "sixteen_clients_vs_ceiling": f">= {TARGET_SIXTEEN_CLIENTS}"},
        "met": {"one_client": ratio["one_client"] >= TARGET_ONE_CLIENT and not one.errors,
                "sixteen_clients_vs_ceiling": ratio["sixteen_clients_vs_ceiling"]
                >= TARGET_SIXTEEN_CLIENTS and not sixteen.errors},
    }  # fmt: skip


def main() -> None:
    """``python -m bench.writes``: the command figure alone, on a fresh database of its own."""
    import argparse
    import tempfile
    from pathlib import Path

    from bench.database import fresh_database
    from bench.loadgen import wrk_available
    from bench.loading import load_products
    from bench.server import Server

    parser = argparse.ArgumentParser(prog="python -m bench.writes", description=main.__doc__)
    parser.add_argument("--products", type=int, default=200, help="loaded before the run")
    parser.add_argument("--command-products", type=int, default=250)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    with fresh_database() as url, tempfile.TemporaryDirectory() as scratch:
        load_products(url, 0, args.products, workers=1)
        with Server(url, Path(scratch) / "api.log") as server:
            meter = Meter(server.process.pid, database_name(url))
            pace = Pace(args.seconds, 2, wrk_available(), meter)
            figure = measure(url, server.base_url, products=args.command_products, pace=pace)
    print(json.dumps(figure, indent=1))


if __name__ == "__main__":
    main()
