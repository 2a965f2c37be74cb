"""The whole run: a fresh database, the small load and its figures, the large load and its.

At each size: rebuild the read models (plain loop, then the projector, each in its own
process), start the API, time lookups and pages (64 connections) and the auditor's reads, take the
API's peak RSS; at the small size, also the commands and 2 API processes vs 1 (``processes``).
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench import latency, lookup, memory, pages, processes, rebuild, scale, stories, writes
from bench.cpu import Meter
from bench.database import database_name, fresh_database, server_version, vacuum_analyze
from bench.loadgen import Pace, Result, wrk_available
from bench.loading import load_products
from bench.server import Server


@dataclass(frozen=True)
class Options:
    """Sizes and durations of a run (see ``python -m bench --help``)."""

    products_small: int = 1_000  # the issue asks 10k and 100k: see BENCHMARKS.md
    products_large: int = 10_000
    lookup_seconds: int = 10
    open_loop_seconds: int = 10  # each open-loop run, at half the constant route's capacity
    read_seconds: int = 8
    command_seconds: int = 10
    command_products: int = 250  # bounds the in-process baseline: 4 commands each
    connections: int = 64
    warm_up_seconds: int = 2
    sample: int = 10_000
    load_workers: int = 2
    python_load: bool = False
    admin_url: str = "postgresql://postgres@127.0.0.1:5432/postgres"
    seed: int = 2020


class Clock:
    """Prints what the run is doing, with the seconds since it began."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        print(f"[{time.perf_counter() - self.started:7.1f}s] {message}", flush=True)

    def elapsed(self) -> float:
        return round(time.perf_counter() - self.started, 1)


def run(options: Options) -> dict[str, Any]:
    """Runs every measurement and answers the results (figures and raw measurements)."""
    say, use_wrk = Clock(), wrk_available() and not options.python_load
    load_before = os.getloadavg()
    small, large = options.products_small, options.products_large
    say(f"load generator: {'wrk' if use_wrk else 'python (wrk not installed)'}")
    with fresh_database(options.admin_url) as url, tempfile.TemporaryDirectory() as scratch:
        sizes: dict[str, dict[str, Any]] = {}
        loads = {}
        for name, first, count in (("small", 0, small), ("large", small, large - small)):
            say(f"loading {count:,} products ({count * stories.EVENTS_PER_PRODUCT:,} events)")
            loads[name] = load_products(url, first, count, workers=options.load_workers).as_dict()
            vacuum_analyze(url)
            say(f"loaded: {loads[name]}")
            log = Path(scratch) / f"api-{name}.log"
            sizes[name] = measure_size(url, first + count, options, use_wrk, say, log,
                                       with_commands=name == "small")  # fmt: skip
        postgres = server_version(url)
    figures = assemble(sizes)
    say("done")
    return {
        "run": {"seconds": say.elapsed(), "load_generator": "wrk" if use_wrk else "python",
                "cpus": os.cpu_count(), "load_average_before": load_before,
                "load_average_after": os.getloadavg(),
                "postgres": postgres, "options": asdict(options), "loads": loads},
        "figures": figures,
        "sizes": {name: _plain(size) for name, size in sizes.items()},
    }  # fmt: skip


def measure_size(
    url: str,
    products: int,
    options: Options,
    use_wrk: bool,
    say: Clock,
    log: Path,
    with_commands: bool,
) -> dict[str, Any]:
    """Every measurement at the register's present size."""
    timeout = 300 + products * stories.EVENTS_PER_PRODUCT / 50  # at least 50 events/s
    say(f"{products:,} products: rebuilding (plain loop, then the projector)")
    rebuilt = rebuild.measure(url, timeout=timeout)
    vacuum_analyze(url)  # the fresh read models get planner statistics, at both sizes
    say(f"rebuilt: {rebuilt['ratio']}")
    codes = _sample(products, options.sample, options.seed)
    read_codes = _sample(options.products_small, 200, options.seed)  # the same at both sizes
    auditor = scale.auditor_key(url)
    size: dict[str, Any] = {"products": products, "rebuild": rebuilt}
    with Server(url, log) as server:
        meter = Meter(server.process.pid, database_name(url))
        say(f"API up at {server.base_url}; lookups, open loop: {options.connections} conns")
        pace = Pace(options.lookup_seconds, options.warm_up_seconds, use_wrk, meter)
        size.update(lookup.measure(server.base_url, codes, connections=options.connections,
                                   pace=pace))  # fmt: skip
        size["open_loop"] = latency.measure(server.base_url, codes, size["constant"],
            options.open_loop_seconds, options.connections)  # fmt: skip
        say("history and as-of reads")
        pace = pace._replace(seconds=options.read_seconds)
        size.update(scale.measure_reads(server.base_url, read_codes, auditor, pace))
        size["api_peak_rss_mb"] = server.peak_rss_mb()
        if with_commands:
            say("commands: in-process baseline, then 1 and 16 HTTP clients")
            size["commands"] = writes.measure(url, server.base_url,
                products=options.command_products,
                pace=pace._replace(seconds=options.command_seconds))  # fmt: skip
    pace = pace._replace(seconds=options.lookup_seconds)  # the pages, on a fresh API
    size["pages"], fresh_peak = pages.measure_fresh(url, log, _sample(products, options.sample,
        options.seed + 1), connections=options.connections, pace=pace)  # fmt: skip
    size["api_peak_rss_mb"] = max(size["api_peak_rss_mb"], fresh_peak)
    if with_commands:
        say("lookups by code and commands: 2 API processes vs 1")
        size["processes"] = processes.measure(url, codes, connections=options.connections,
                                              pace=pace, log=log)  # fmt: skip
    commands = size.get("commands", {}).get("measured", {})
    failed = [n for n, r in {**_plain(size), **commands}.items() if _errors(r)]
    if failed:
        tail = log.read_text(errors="replace").splitlines()[-30:]
        say(f"requests failed in {failed}; the API's log ends:\n" + "\n".join(tail))
    return size


def assemble(sizes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The seven figures, each with its baseline and ratio."""
    small, large = sizes["small"], sizes["large"]
    kinds = ("constant", *lookup.KINDS, lookup.SKEWED, lookup.FIRST_SIGHTS)
    lookups = lookup.figure({k: large[k] for k in kinds if k in large}, large["products"])
    lookups["at_small_size"] = lookup.figure({k: small[k] for k in kinds if k in small},
                                             small["products"])  # fmt: skip
    rebuilt = {
        **large["rebuild"],
        "products": large["products"],
        "at_small_size": {**small["rebuild"], "products": small["products"]},
    }
    peaks = {name: _peaks(size) for name, size in sizes.items()}
    return {
        "lookup": lookups,
        "commands": small["commands"],
        "rebuild": rebuilt,
        "scale": scale.figure(small, large),
        "memory": memory.figure(peaks["small"], peaks["large"]),
        "pages": pages.figure(large, small),
        "open_loop": latency.figure(large, small),
        "processes": processes.figure(small["processes"], small["commands"]),
    }


def _peaks(size: dict[str, Any]) -> dict[str, Any]:
    projector = size["rebuild"]["measured"]["projector_rebuild"]
    plain = size["rebuild"]["baseline"]["plain_psycopg_loop"]
    return {"products": size["products"], "api_peak_rss_mb": size["api_peak_rss_mb"],
            "rebuild_peak_rss_mb": projector["peak_rss_mb"],
            "plain_loop_peak_rss_mb": plain["peak_rss_mb"]}  # fmt: skip


def _sample(products: int, count: int, seed: int) -> list[str]:
    """Codes of ``count`` products drawn at random (fixed seed) from the first ``products``."""
    drawn = random.Random(seed).sample(range(products), min(count, products))
    return [stories.code_of(n) for n in drawn]


def _errors(run: Any) -> int:
    return int(run.get("errors", 0)) if isinstance(run, dict) else 0


def _plain(value: Any) -> Any:
    if isinstance(value, Result):
        return value.as_dict()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
