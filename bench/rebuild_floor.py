"""The rebuild's floor: what any rebuild of the log must do in Python, and the CPU a event
the machine gives at the target rate (``python -m bench.rebuild floor URL`` runs ``floor``).

Shown beside the rebuild figure, not a target of its own: where the floor's Python and the
database server's share of a rebuild (what the rebuild writes, as it writes it) together
take more CPU a event than the machine's cores give at the target rate, no rebuild that
writes those read models can meet it on this machine.
"""

from __future__ import annotations

import os
import time
from typing import Any

import psycopg


def floor(url: str) -> dict[str, Any]:
    """The least any rebuild of this log does in Python, in one process: read each event,
    decode it with the register's mapper and make its public log entry; no read model, no
    write. Answers events, seconds and the CPU a event."""
    from psycopg.rows import dict_row

    from lifecycle.events import ProductEvent, Registered
    from registry.service import Registry
    from storage import event_log
    from storage.environment import store_environment
    from storage.sql import PostgresDatabase
    from storage.url import StoreUrl
    from transparency.entry import entry
    from transparency.tree import leaf_hash

    registry = Registry({**store_environment(StoreUrl.parse(url)), "CREATE_TABLE": "n"})
    decode, codes, position, events = registry.mapper.to_domain_event, {}, 0, 0
    with psycopg.connect(url, row_factory=dict_row) as conn:
        db = PostgresDatabase(conn)
        head, started, cpu = event_log.head(db), time.perf_counter(), time.process_time()
        while notifications := event_log.part_after(db, position, head, (0, 1), 5000):
            for notification in notifications:
                event = decode(notification)
                if isinstance(event, Registered):
                    codes[event.originator_id] = event.code
                if isinstance(event, ProductEvent):
                    made = entry(notification.id, codes[event.originator_id], event)
                    made.decode(), leaf_hash(made).hex()  # as a leaf row holds them
            position, events = notifications[-1].id, events + len(notifications)
        cpu = time.process_time() - cpu
    registry.close()
    seconds = time.perf_counter() - started
    return {"events": events, "seconds": round(seconds, 2),
            "python_cpu_us_per_event": round(cpu * 1e6 / max(events, 1), 1)}  # fmt: skip


def budget(
    plain: dict[str, Any], projector: dict[str, Any], floor_run: dict[str, Any], target: float
) -> dict[str, Any]:
    """The CPU a event: what the rebuild and the plain loop spent (their Python, the
    database server's), the floor (``floor``'s Python and the server's share of the
    rebuild), and what this machine's cores give a event at the target rate."""
    cores = os.cpu_count() or 1
    rebuild, loop = (
        {kind: round(run[f"{kind}_cpu_seconds"] * 1e6 / run["events"], 1)
         for kind in ("python", "postgres")}
        for run in (projector, plain)
    )  # fmt: skip
    least = floor_run["python_cpu_us_per_event"]
    at_target = round(cores * 1e6 / (target * plain["events_per_second"]), 1)
    return {"cores": cores, "budget_at_target_us_per_event": at_target,
            "rebuild_us_per_event": rebuild, "plain_loop_us_per_event": loop,
            "floor_python_us_per_event": least,
            "floor_vs_budget": round((least + rebuild["postgres"]) / at_target, 2)}  # fmt: skip
