"""The public log's figures, each beside a baseline from the same run.

- **Inclusion proof** at the log's size, p99 of proofs of random positions made as the
  register serves them (``transparency.proof_served``: a few ranges of one tile per level,
  through the read side). Baseline: the proof from the level-0 tiles alone (every leaf
  hash read, the path computed over them), a few samples. Ratio = baseline ÷ p99.
- **``ocop verify --full``** over the exported log (tiles, bundles, the public register), in
  a process of its own. Baseline: ``ocop verify`` without ``--full`` (signature, level-0
  tiles, root). Ratio = full ÷ basic; target: full ≤ 60 s at 1M entries.
- **Commands** over HTTP (16 clients) with the log's projection on and off, the API
  restarted for each, twice each, alternating. Ratio = on ÷ off (target ≥ 0.9).
- **Rebuild** with the log's leaves and tiles (the register's rebuild) against the plain
  psycopg loop (``bench.rebuild``), and against the rebuild without the log.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import Any

from bench import rebuild, writes
from bench.loadgen import run
from bench.log_switch import log_off
from bench.server import ROOT, Server
from projections import ReadSide
from storage.sql import Database
from transparency import leaves, tree
from transparency.note import SigningKey
from transparency.proof_served import proof_of
from transparency.published import signed_checkpoint

TARGET_PROOF_MS, TARGET_FULL_SECONDS, TARGET_COMMANDS = 5.0, 60.0, 0.9


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 3)


def served_proof(db: Database, *, position: int, note: str) -> object:
    return proof_of(db, position, note)


def level_0_proof(db: Database, *, position: int, size: int) -> list[bytes]:
    return tree.inclusion_proof(position - 1, leaves.leaf_hashes(db, 0, size))


def proof_figure(read_side: ReadSide, key: SigningKey, samples: int, slow: int) -> dict[str, Any]:
    """Proofs of ``samples`` random positions as served, and ``slow`` from level 0 alone."""
    note = read_side.ask(lambda db: signed_checkpoint(db, key))
    size = read_side.ask(lambda db: leaves.frontier(db).size)
    drawn = random.Random(13).sample(range(1, size + 1), min(samples, size))
    times, cpu = [], []
    for position in drawn:
        started, used = time.perf_counter(), time.thread_time()
        read_side.ask(partial(served_proof, position=position, note=note))
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - used) * 1000)
    baseline = []
    for position in drawn[:slow]:
        started = time.perf_counter()
        read_side.ask(partial(level_0_proof, position=position, size=size))
        baseline.append((time.perf_counter() - started) * 1000)
    p99 = percentile(times, 0.99)
    mean_baseline = round(sum(baseline) / len(baseline), 1)
    return {
        "figure": f"inclusion proof at {size:,} leaves, as served (ms)",
        "baseline": {"from_level_0_tiles": {"samples": len(baseline), "mean_ms": mean_baseline}},
        "measured": {"from_tile_levels": {"samples": len(times), "p50_ms": percentile(times, 0.5),
                                          "p99_ms": p99, "max_ms": round(max(times), 3),
                                          "python_cpu_p50_ms": percentile(cpu, 0.5),
                                          "python_cpu_p99_ms": percentile(cpu, 0.99)}},
        "ratio": {"baseline_vs_p99": round(mean_baseline / p99, 1)},
        "target": {"p99_ms": f"<= {TARGET_PROOF_MS}"},
        "met": {"p99_ms": p99 <= TARGET_PROOF_MS},
    }  # fmt: skip


def timed_verify(site: Path, vkey: str, *flags: str) -> float:
    """Seconds ``python -m transparency.audit`` takes over ``site`` (exits 0 or fails)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "transparency.audit", str(site), "--vkey", vkey, *flags],
        cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"ocop verify {' '.join(flags)} failed:\n{done.stderr[-2000:]}")
    return round(time.perf_counter() - started, 2)


def verify_figure(site: Path, vkey: str, entries: int, exported: float) -> dict[str, Any]:
    """``ocop verify --full`` against ``ocop verify`` over the same exported log."""
    basic = timed_verify(site, vkey)
    full = timed_verify(site, vkey, "--full")
    return {
        "figure": f"ocop verify --full over {entries:,} entries (s)",
        "baseline": {"verify_without_full": {"seconds": basic}},
        "measured": {"verify_full": {"seconds": full, "entries_per_second": round(entries / full),
                                     "export_seconds": exported}},
        "ratio": {"full_vs_basic": round(full / basic, 2)},
        "target": {"seconds": f"<= {TARGET_FULL_SECONDS} at 1,000,000 entries"},
        "met": {"seconds": full <= TARGET_FULL_SECONDS},
    }  # fmt: skip


def commands_figure(url: str, seconds: int, log: Path, use_wrk: bool) -> dict[str, Any]:
    """Commands at 16 clients, the log's projection on, off, on, off (each a fresh API)."""
    rates: dict[str, list[float]] = {"on": [], "off": []}
    for turn, state in enumerate(("on", "off", "on", "off")):
        with log_off() if state == "off" else nullcontext(), Server(url, log) as server:
            plan = writes.http_plan(url, f"L{turn}{state[1].upper()}-")
            done = run(server.base_url, plan, 16, seconds, use_wrk=use_wrk)
            if done.errors:
                raise RuntimeError(f"{done.errors} commands failed with the log {state}")
            rates[state].append(done.requests_per_second)
    on, off = (round(sum(rates[s]) / len(rates[s]), 1) for s in ("on", "off"))
    return {
        "figure": "commands over HTTP, 16 clients, log projection on vs off",
        "baseline": {"log_off": {"commands_per_second": off, "runs": rates["off"]}},
        "measured": {"log_on": {"commands_per_second": on, "runs": rates["on"]}},
        "ratio": {"on_vs_off": round(on / off, 2)},
        "target": {"on_vs_off": f">= {TARGET_COMMANDS}"},
        "met": {"on_vs_off": on / off >= TARGET_COMMANDS},
    }


def rebuild_figure(url: str, timeout: float) -> dict[str, Any]:
    """The register's rebuild (with the log) against the plain loop and without the log,
    both in one process (the switch of ``log_off`` reaches no part of a rebuild in parts)."""
    os.environ[rebuild.PARTS_VARIABLE] = "1"
    try:
        figure = rebuild.measure(url, timeout=timeout)
        with log_off():
            without = rebuild.in_subprocess("projector", url, timeout)
    finally:
        del os.environ[rebuild.PARTS_VARIABLE]
    with_log = figure["measured"]["projector_rebuild"]["events_per_second"]
    figure["figure"] = "projection rebuild including the log's leaves and tiles, events/s"
    figure["baseline"]["projector_without_the_log"] = without
    figure["ratio"]["with_vs_without_log"] = round(with_log / without["events_per_second"], 2)
    return figure
