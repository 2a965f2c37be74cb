"""The products a group of orders names, loaded together: one query for the whole group.

Why: the intake records concurrent orders in one transaction (``registry/batch.py``), but
loading each order's product on its own cost a pooled connection, its ping and a ``SELECT``
per order, all while the group's leader held the intake, so the round trips, not the CPU,
bounded how many commands a second one API process could record. The store's recorders
(``registry/answer_store.py``) answer ``select_events_of`` with every event of many products
in one statement; each product is then replayed exactly as ``Registry.find`` replays it.
A store without that statement (the in-memory one) loads the products one by one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast
from uuid import UUID

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.utils import retry
from psycopg.sql import SQL, Identifier

from lifecycle.product import Product
from lifecycle.values import product_id
from storage.in_lists import marks

if TYPE_CHECKING:
    from eventsourcing.postgres import PostgresAggregateRecorder
    from eventsourcing.sqlite import SQLiteAggregateRecorder

    from registry.service import Registry

COLUMNS = "originator_id, originator_version, topic, state"


def products_of(registry: Registry, codes: Iterable[str]) -> dict[str, Product]:
    """The registered products among ``codes``, by code (a code never registered is absent)."""
    code_of = {product_id(code): code for code in codes}
    if not code_of:
        return {}
    select = getattr(registry.recorder, "select_events_of", None)
    if select is None:
        return {code: p for code in code_of.values() if (p := registry.find(code)) is not None}
    events: dict[UUID, list[Any]] = defaultdict(list)
    for stored in cast(Sequence[StoredEvent], select(list(code_of))):
        events[UUID(str(stored.originator_id))].append(registry.mapper.to_domain_event(stored))
    return {code_of[originator]: replay(replayed) for originator, replayed in events.items()}


def replay(events: Iterable[Any]) -> Product:
    """A product from its events, in order (as the library's ``project_aggregate`` replays
    them, without its per-event check against a runtime protocol, a fifth of the cost)."""
    product = None
    for event in events:
        product = event.mutate(product)
    return cast(Product, product)


@retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
def postgres_events_of(
    recorder: PostgresAggregateRecorder, originator_ids: Sequence[UUID]
) -> list[StoredEvent]:
    """Every event of the given aggregates, each aggregate's in order (PostgreSQL)."""
    statement = SQL(
        f"SELECT {COLUMNS} FROM {{}}.{{}} WHERE originator_id = ANY(%s) "
        "ORDER BY originator_id, originator_version"
    ).format(Identifier(recorder.datastore.schema), Identifier(recorder.events_table_name))
    with recorder.datastore.get_connection() as conn, conn.cursor() as cursor:
        cursor.execute(statement, (list(originator_ids),), prepare=True)
        return [
            StoredEvent(row["originator_id"], row["originator_version"], row["topic"],
                        bytes(row["state"]))
            for row in cursor.fetchall()
        ]  # fmt: skip


def sqlite_events_of(
    recorder: SQLiteAggregateRecorder, originator_ids: Sequence[UUID]
) -> list[StoredEvent]:
    """Every event of the given aggregates, each aggregate's in order (SQLite)."""
    statement = (
        f"SELECT {COLUMNS} FROM {recorder.events_table_name} "
        f"WHERE originator_id IN ({marks(originator_ids)}) "
        "ORDER BY originator_id, originator_version"
    )
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(statement, [originator.hex for originator in originator_ids])
        return [
            StoredEvent(recorder.convert_originator_id(row["originator_id"]),
                        row["originator_version"], row["topic"], row["state"])
            for row in cursor.fetchall()
        ]  # fmt: skip
