"""A rebuild in parts, side by side (PostgreSQL): each part a process of its own, applying
the events of its share of the products, in log order, to the shadow's read models.

Every read model but the public log's tree folds each product's events on their own (the
GTINs, which products share, keep the earliest registration's whatever the order), so the
products can be shared out by a byte of their id. The tree needs every leaf in log order:
the parts write the leaves, and the tree is grown over them once they are done
(``leaves.grow_over_written``). The parts apply the log up to its head as the rebuild
began; the rebuild applies what came after as a projector does, before the swap.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from multiprocessing import get_context
from multiprocessing.sharedctypes import Synchronized
from typing import Any, NamedTuple

import psycopg
from psycopg.sql import SQL

from projections.models import apply_batch, write_documents
from projections.planner_statistics import prefer_indexes
from projections.progress import now, record_advance
from projections.schema import advance_tracking
from storage import event_log
from storage.connections import PostgresConnections
from storage.sql import PostgresDatabase
from transparency import leaves

PARTS = min(2, os.cpu_count() or 1)  # one process per core, at most two
PARTS_FROM = 10_000  # a shorter log is applied in one process (starting one costs a second)


class Parts(NamedTuple):
    """How a rebuild shares the log out: the register's settings (each part decodes with
    its own register), into how many processes, from how many events on."""

    settings: Mapping[str, str]
    processes: int = PARTS
    from_events: int = PARTS_FROM

    def share(self, events: int) -> int:
        """How many parts a log of ``events`` is applied in."""
        return self.processes if events >= self.from_events else 1


_applied: Synchronized[int] | None = None  # events applied by every part so far (in a part)


def apply_in_parts(
    connections: PostgresConnections, shadow: PostgresDatabase, env: Mapping[str, str],
    parts: int, batch_size: int, told: Callable[[int], object],
) -> int:  # fmt: skip
    """Applies the log up to its present head to the shadow's read models, ``parts``
    processes side by side, then grows the log's tree and records the position; answers how
    many events were applied (``told`` learns of them as they are)."""
    head = event_log.head(shadow)
    context = get_context("spawn")
    applied: Synchronized[int] = context.Value("q", 0)
    search_path = str(shadow.rows("SHOW search_path")[0]["search_path"])  # the shadow's first
    with ProcessPoolExecutor(
        parts, mp_context=context, initializer=_share, initargs=(applied,)
    ) as pool:
        futures = [
            pool.submit(
                _apply_part,
                connections.kwargs,
                search_path,
                dict(env),
                (part, parts),
                head,
                batch_size,
            )
            for part in range(parts)
        ]
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
            if any(future.exception() for future in done):
                break
            told(applied.value)
        events = sum(future.result() for future in futures)  # a part's failure is raised here
    told(events)
    with shadow.transaction():
        leaves.grow_over_written(shadow)
        advance_tracking(shadow, head)
        record_advance(shadow, now())
    return events


def _share(applied: Synchronized[int]) -> None:
    global _applied
    _applied = applied


def _apply_part(
    kwargs: dict[str, Any], search_path: str, env: dict[str, str],
    part: tuple[int, int], head: int, batch_size: int,
) -> int:  # fmt: skip
    """One part: its products' events up to ``head``, a batch per transaction."""
    from registry.service import Registry  # the decoder, in this process

    registry = Registry({**env, "CREATE_TABLE": "n"})
    conn = psycopg.connect(**{**kwargs, "application_name": "ocop-rebuild-part"})
    try:
        conn.execute(SQL("SET search_path TO {}").format(SQL(search_path)))  # as PostgreSQL said
        db, decode = PostgresDatabase(conn), registry.mapper.to_domain_event
        prefer_indexes(db)
        position = applied = 0
        while notifications := event_log.part_after(db, position, head, part, batch_size):
            events = [(notification.id, decode(notification)) for notification in notifications]
            with db.transaction():
                db.append_rows("log_leaves", leaves.LEAF_COLUMNS, leaves.entries_of(db, events))
                apply_batch(db, events).send()
                write_documents(db, events)
            position, applied = notifications[-1].id, applied + len(events)
            if _applied is not None:
                with _applied.get_lock():
                    _applied.value += len(events)
        return applied
    finally:
        conn.close()
        registry.close()
