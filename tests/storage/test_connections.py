"""One SQL adapter for both databases, and one set of connections per process: SQL written
once with ``?`` placeholders, dict rows, values of the same types back, transactions that
store all or nothing, and connections the database dropped replaced rather than failing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from ocop.services import build_services
from ocop.settings import Settings
from storage.connections import Connections
from tests.conftest import connections_to, fixed_today, sessions_of

TABLE = (
    "CREATE TABLE IF NOT EXISTS ledger (code TEXT PRIMARY KEY, stars INTEGER, "
    "valid_until DATE, noted_at TIMESTAMPTZ, facts JSON)"
)


@pytest.fixture
def connections(store_url: str) -> Iterator[Connections]:
    opened = connections_to(store_url)
    with opened.transaction() as db:
        db.run(TABLE)
    yield opened
    opened.close()


def test_one_set_of_connections_serves_the_read_side_the_keys_and_the_answers(
    sqlite_url: str,
) -> None:
    services = build_services(Settings(database_url=sqlite_url), clock=fixed_today)
    try:
        shared = services.database
        assert services.read_side.connections is shared
        assert services.keys.database is shared and services.idempotency.database is shared
        assert services.projector.connections is shared
    finally:
        services.close()


def test_sql_written_once_gives_dict_rows_and_the_same_types_back(
    connections: Connections,
) -> None:
    noted = datetime(2026, 11, 29, 8, 30, tzinfo=UTC)
    row = ("QN-0101", 4, date(2029, 3, 19), noted, {"reasons": ["Sản xuất"]})
    with connections.transaction() as db:
        db.run("INSERT INTO ledger VALUES (?, ?, ?, ?, ?)", row)
    [found] = connections.ask(
        lambda db: db.rows("SELECT * FROM ledger WHERE code = ?", ("QN-0101",))
    )
    assert found == {
        "code": "QN-0101", "stars": 4, "valid_until": date(2029, 3, 19), "noted_at": noted,
        "facts": {"reasons": ["Sản xuất"]},
    }  # fmt: skip
    assert type(found["valid_until"]) is date


def test_a_transaction_that_fails_stores_nothing(connections: Connections) -> None:
    with pytest.raises(RuntimeError), connections.transaction() as db:
        db.run("INSERT INTO ledger (code, stars) VALUES (?, ?)", ("QN-0102", 3))
        raise RuntimeError("refused half-way")
    assert connections.ask(lambda db: db.rows("SELECT code FROM ledger")) == []
    with connections.transaction() as db:
        db.run("INSERT INTO ledger (code, stars) VALUES (?, ?)", ("QN-0102", 3))
    assert connections.ask(lambda db: db.rows("SELECT code FROM ledger")) == [{"code": "QN-0102"}]


def drop_pooled_connections(postgres_url: str) -> int:
    """Terminates the pooled connections of the store's database; how many there were."""
    return sessions_of(postgres_url, "ocop-read-side", terminate=True)


@pytest.mark.postgres
def test_connections_the_database_dropped_are_replaced_for_questions_and_for_writes(
    postgres_url: str,
) -> None:
    connections = connections_to(postgres_url)
    try:
        with connections.transaction() as db:
            db.run(TABLE)
        assert drop_pooled_connections(postgres_url) >= 1
        with connections.transaction() as db:  # a write is not retried: its connection is checked
            db.run("INSERT INTO ledger (code) VALUES (?)", ("QN-0103",))
        with connections.borrowed(), connections.borrowed():
            pass  # the pool now keeps two connections, both to be dropped
        assert drop_pooled_connections(postgres_url) >= 2
        rows = connections.ask(lambda db: db.rows("SELECT code FROM ledger"))
        assert rows == [{"code": "QN-0103"}]
    finally:
        connections.close()
