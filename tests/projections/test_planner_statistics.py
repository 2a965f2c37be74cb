"""A shadow's session reads by its indexes whatever the statistics say, and its tables are
analysed once loaded, on connections side by side (``projections.planner_statistics``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from projections.planner_statistics import analyse_side_by_side, prefer_indexes
from storage.connections import PostgresConnections
from storage.sql import Database
from tests.conftest import connections_to

A_BATCH_RECALL = "EXPLAIN SELECT * FROM growing WHERE product_id IN ('a', 'b', 'c')"


@pytest.fixture
def pg(postgres_url: str) -> Iterator[tuple[PostgresConnections, Database]]:
    connections = connections_to(postgres_url)
    assert isinstance(connections, PostgresConnections)
    db = connections.connect("statistics")
    try:
        yield connections, db
    finally:
        db.close()
        connections.close()


def rows_planned_for(db: Database, table: str) -> float:
    """How many rows the planner believes the table holds (-1: never analysed)."""
    found = db.rows("SELECT reltuples FROM pg_class WHERE oid = ?::regclass", (table,))
    return float(found[0]["reltuples"])


def plan(db: Database) -> str:
    return "\n".join(str(row["QUERY PLAN"]) for row in db.rows(A_BATCH_RECALL))


@pytest.mark.postgres
def test_a_shadow_session_recalls_by_index_from_a_table_analysed_empty(
    pg: tuple[PostgresConnections, Database],
) -> None:
    _, db = pg
    db.run("CREATE TABLE growing (product_id TEXT, n INTEGER)")
    db.run("CREATE INDEX growing_product ON growing (product_id)")
    db.run("ANALYZE growing")  # as a shadow's tables start: empty, and known to be
    assert "Seq Scan" in plan(db)  # what the planner would do, left to the statistics
    prefer_indexes(db)
    assert "Index" in plan(db) and "Seq Scan" not in plan(db)


@pytest.mark.postgres
def test_the_tables_named_are_analysed_once_loaded(
    pg: tuple[PostgresConnections, Database],
) -> None:
    connections, db = pg
    sizes = {"first": 10, "second": 3_000, "third": 40, "fourth": 700, "unnamed": 5}
    for table, rows in sizes.items():
        db.run(f"CREATE TABLE {table} (n INTEGER)")
        db.run(f"INSERT INTO {table} SELECT generate_series(1, ?)", (rows,))
    named = [table for table in sizes if table != "unnamed"]
    analyse_side_by_side(db, connections.kwargs, named, sessions=2)
    for table in named:
        assert rows_planned_for(db, table) == sizes[table]
    assert rows_planned_for(db, "unnamed") == -1
