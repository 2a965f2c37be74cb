"""Projection rebuild, events/s, against a plain psycopg loop over the same log.

Each runs in a process of its own (``python -m bench.rebuild projector|plain|floor URL``)
that prints one JSON line with its events, seconds, rate, Python's CPU seconds and peak
resident set (VmHWM), so the memory of a rebuild is measured alone, at each log size; the
database server's CPU meanwhile is read around it. The floor (``bench.rebuild_floor``) is
shown beside them as the CPU a event it takes against what the cores give at the target.
A rebuild on PostgreSQL applies the log in parts, a process each
(``projections.rebuild_parts``): its peak counts each part as large as the largest
(``OCOP_BENCH_REBUILD_PARTS`` sets how many parts; 1, one process).

The plain loop is the least a projection can do: read the log in order, decode each
payload, and upsert a one-row-per-product status table with its tracking position,
1,000 events per transaction.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from typing import Any

import psycopg

from bench.cpu import server_seconds
from bench.rebuild_floor import budget, floor
from bench.server import ROOT, peak_rss_mb

TARGET = 0.5
PARTS_VARIABLE = "OCOP_BENCH_REBUILD_PARTS"
BATCH = 1000
STATUS_AFTER = {
    "Registered": "participating", "Starred": "certified", "Suspended": "suspended",
    "Reinstated": "certified", "Revoked": "revoked", "Removed": "removed",
}  # fmt: skip
PLAIN_DDL = """
DROP TABLE IF EXISTS bench_plain_status, bench_plain_tracking;
CREATE TABLE bench_plain_status (product_id UUID PRIMARY KEY, code TEXT, status TEXT,
    stars INTEGER, version INTEGER NOT NULL, position BIGINT NOT NULL);
CREATE TABLE bench_plain_tracking (position BIGINT NOT NULL);
INSERT INTO bench_plain_tracking VALUES (0);
"""
UPSERT = """
INSERT INTO bench_plain_status AS s (product_id, code, status, stars, version, position)
VALUES (%s, %s, %s, %s, %s, %s)
ON CONFLICT (product_id) DO UPDATE SET code = COALESCE(EXCLUDED.code, s.code),
    status = COALESCE(EXCLUDED.status, s.status), stars = COALESCE(EXCLUDED.stars, s.stars),
    version = EXCLUDED.version, position = EXCLUDED.position
"""


def plain_loop(url: str) -> dict[str, Any]:
    """Rebuilds the plain status table from zero; answers events, seconds and rate."""
    events, position = 0, 0
    with psycopg.connect(url) as conn:
        with conn.transaction():
            conn.execute(PLAIN_DDL)
        started, cpu = time.perf_counter(), python_seconds()
        while True:
            rows = conn.execute(
                "SELECT notification_id, originator_id, originator_version, topic, state "
                "FROM ocop_events WHERE notification_id > %s ORDER BY notification_id LIMIT %s",
                (position, BATCH),
            ).fetchall()
            if not rows:
                break
            changes = []
            for notification_id, originator_id, version, topic, state in rows:
                payload = json.loads(bytes(state))
                kind = topic.rpartition(".")[2].rpartition(":")[2]
                changes.append((originator_id, payload.get("code"), STATUS_AFTER.get(kind),
                                payload.get("stars"), version, notification_id))  # fmt: skip
            with conn.transaction(), conn.cursor() as cursor:
                cursor.executemany(UPSERT, changes)
                cursor.execute("UPDATE bench_plain_tracking SET position = %s", (rows[-1][0],))
            events += len(rows)
            position = rows[-1][0]
    return _report(events, time.perf_counter() - started, cpu)


def projector_rebuild(url: str) -> dict[str, Any]:
    """Rebuilds every read model from zero with the register's own projector."""
    from projections import Projector
    from projections.rebuild_parts import PARTS, PARTS_FROM, Parts
    from registry.service import Registry
    from storage.connections import open_connections
    from storage.environment import store_environment
    from storage.url import StoreUrl

    store = StoreUrl.parse(url)
    registry, connections = Registry(store_environment(store)), open_connections(store)
    parts = (int(os.environ.get(PARTS_VARIABLE, PARTS)), PARTS_FROM)
    try:
        started, cpu = time.perf_counter(), python_seconds()
        report = Projector(registry, connections, rebuild_parts=parts).rebuild(progress=False)
        elapsed = time.perf_counter() - started
    finally:
        connections.close()
        registry.close()
    mine, processes = _report(report.events, elapsed, cpu), Parts({}, *parts).share(report.events)
    largest_part = 0.0
    if processes > 1:
        largest_part = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    return {**mine, "reported_events_per_second": round(report.events_per_second),
            "parts": processes, "largest_part_rss_mb": largest_part,
            "peak_rss_mb": round(mine["peak_rss_mb"] + processes * largest_part, 1)}  # fmt: skip


def python_seconds() -> float:
    """CPU seconds of this process and of its children that ended (a rebuild's parts)."""
    used = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return sum(u.ru_utime + u.ru_stime for u in used)


def _report(events: int, seconds: float, cpu_before: float) -> dict[str, Any]:
    return {"events": events, "seconds": round(seconds, 2),
            "events_per_second": round(events / seconds) if seconds else 0,
            "python_cpu_seconds": round(python_seconds() - cpu_before, 2),
            "peak_rss_mb": peak_rss_mb(os.getpid())}  # fmt: skip


def in_subprocess(kind: str, url: str, timeout: float) -> dict[str, Any]:
    """Runs one rebuild in a fresh process; answers its JSON report, with the CPU seconds
    the database server spent meanwhile."""
    server_before = server_seconds()
    completed = subprocess.run(
        [sys.executable, "-m", "bench.rebuild", kind, url],
        capture_output=True, text=True, timeout=timeout, check=False, cwd=ROOT,
    )  # fmt: skip
    if completed.returncode:
        raise RuntimeError(f"{kind} rebuild failed:\n{completed.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return {**result, "postgres_cpu_seconds": round(server_seconds() - server_before, 2)}


def measure(url: str, *, timeout: float) -> dict[str, Any]:
    """The rebuild figure at the log's present size."""
    plain = in_subprocess("plain", url, timeout)
    projector = in_subprocess("projector", url, timeout)
    ratio = round(projector["events_per_second"] / plain["events_per_second"], 2)
    return {
        "figure": "projection rebuild, events/s",
        "baseline": {"plain_psycopg_loop": plain},
        "measured": {"projector_rebuild": projector},
        "ratio": {"rebuild_vs_plain": ratio},
        "target": {"rebuild_vs_plain": f">= {TARGET}"},
        "met": {"rebuild_vs_plain": ratio >= TARGET},
        "cpu_budget": budget(plain, projector, in_subprocess("floor", url, timeout), TARGET),
    }


if __name__ == "__main__":
    from bench import log_switch

    log_switch.apply()
    which, database = sys.argv[1], sys.argv[2]
    kinds = {"plain": plain_loop, "projector": projector_rebuild, "floor": floor}
    outcome = kinds[which](database)
    print(json.dumps(outcome))
