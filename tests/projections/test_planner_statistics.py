"""A shadow's tables are analysed as they grow (``projections.planner_statistics``): after
the first events, then each time the events applied have doubled; on PostgreSQL, which plans
by them."""

from __future__ import annotations

import pytest

from projections.planner_statistics import PlannerStatistics
from storage.connections import PostgresConnections
from storage.sql import Database
from tests.conftest import connections_to


def rows_planned_for(db: Database) -> float:
    """How many rows the planner believes the table holds (-1: never analysed)."""
    found = db.rows("SELECT reltuples FROM pg_class WHERE oid = 'growing'::regclass")
    return float(found[0]["reltuples"])


def grown_to(db: Database, rows: int) -> None:
    db.run("INSERT INTO growing SELECT generate_series(1, ?)", (rows,))


@pytest.mark.postgres
def test_the_tables_are_analysed_when_the_events_applied_have_doubled(postgres_url: str) -> None:
    connections = connections_to(postgres_url)
    assert isinstance(connections, PostgresConnections)
    db = connections.connect("statistics")
    try:
        db.run("CREATE TABLE growing (n INTEGER)")
        statistics = PlannerStatistics(db, ("growing",), first_at=100)
        grown_to(db, 10)
        statistics.applied(99)
        assert rows_planned_for(db) == -1  # not yet: too few events
        statistics.applied(100)
        assert rows_planned_for(db) == 10
        grown_to(db, 30)
        statistics.applied(150)
        assert rows_planned_for(db) == 10  # not doubled since
        statistics.applied(200)
        assert rows_planned_for(db) == 40
        grown_to(db, 5)
        statistics.analyse()
        assert rows_planned_for(db) == 45
    finally:
        db.close()
        connections.close()
