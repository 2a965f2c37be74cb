"""On PostgreSQL the log's positions are gapless and in commit order only because the
library's recorder takes ``LOCK TABLE ... IN EXCLUSIVE MODE`` for each write: the public
log's leaf index is position minus 1, and the change feed's cursors rely on it. These tests fail
if that lock stops being taken (a plain INSERT's ROW EXCLUSIVE lets writers interleave)."""

from __future__ import annotations

import threading
from datetime import date

import psycopg

from registry.orders import Order
from registry.service import Registry
from seed import builders as make
from seed.principals import office


def orders(prefix: str, count: int) -> list[Order]:
    """``count`` registrations, to be saved in one transaction."""
    return [
        Order(office(), make.registration(date(2024, 1, 2), f"QN-{prefix}{number:02}"))
        for number in range(count)
    ]


def test_a_write_waits_for_the_events_table_in_exclusive_mode(
    pg_registry: Registry, postgres_url: str
) -> None:
    pg_registry.carry_out_batch(orders("10", 1))  # the table exists
    base, _, schema = postgres_url.partition("?schema=")
    table = f'"{schema}".ocop_events'
    holder = psycopg.connect(base)  # holds what a plain INSERT would hold: ROW EXCLUSIVE
    holder.execute(f"LOCK TABLE {table} IN ROW EXCLUSIVE MODE")
    done = threading.Event()
    writer = threading.Thread(
        target=lambda: (pg_registry.carry_out_batch(orders("11", 1)), done.set()), daemon=True
    )
    writer.start()
    waiting = False
    with psycopg.connect(base, autocommit=True) as watcher:
        for _ in range(200):  # until the writer is seen waiting, at most ~10 s
            waiting = bool(
                watcher.execute(
                    "SELECT 1 FROM pg_locks WHERE relation = %s::regclass "
                    "AND mode = 'ExclusiveLock' AND NOT granted",
                    [table],
                ).fetchall()
            )
            if waiting or done.wait(0.05):
                break
    assert waiting and not done.is_set()  # EXCLUSIVE conflicts with ROW EXCLUSIVE
    holder.rollback()
    holder.close()
    assert done.wait(10)


def test_concurrent_writers_leave_positions_gapless_contiguous_and_in_commit_order(
    pg_registry: Registry, postgres_url: str
) -> None:
    pg_registry.carry_out_batch(orders("20", 1))
    base, _, schema = postgres_url.partition("?schema=")
    table = f'"{schema}".ocop_events'
    writing, seen = threading.Event(), []

    def watch() -> None:  # each look is one snapshot: a gap is a later position committed first
        with psycopg.connect(base, autocommit=True) as watcher:
            while writing.is_set():
                query = f"SELECT count(*), max(notification_id) FROM {table}"
                seen.append(watcher.execute(query).fetchone())

    def write(writer: int) -> None:
        for batch in range(4):
            pg_registry.carry_out_batch(orders(f"{writer}{batch}", 3))

    writing.set()
    watcher = threading.Thread(target=watch)
    watcher.start()
    writers = [threading.Thread(target=write, args=(writer,)) for writer in range(3, 9)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=60)
    writing.clear()
    watcher.join(timeout=10)
    assert seen and all(count == last for count, last in seen)
    with psycopg.connect(base, autocommit=True) as conn:
        rows = conn.execute(
            f"SELECT notification_id, originator_id FROM {table} ORDER BY notification_id"
        ).fetchall()
    assert [position for position, _ in rows] == list(range(1, 1 + 1 + 6 * 4 * 3))
    codes = {str(row[1]): row[0] for row in rows}
    for writer in range(3, 9):
        for batch in range(4):  # each transaction's three positions follow one another
            ids = [pg_registry.find(f"QN-{writer}{batch}{n:02}") for n in range(3)]
            positions = sorted(codes[str(product.id)] for product in ids if product is not None)
            assert positions == list(range(positions[0], positions[0] + 3))
