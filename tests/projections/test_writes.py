"""What a batch writes as sets: a row changed by many events is written once with its last
values, a new row changed in the same batch is loaded as changed, and a batch's products'
rows are read however many there are; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from projections.writes import RECALLED_AT_ONCE, Writes
from storage.sql import Database
from tests.conftest import connections_to

TABLE = "CREATE TABLE seasons (product_id TEXT PRIMARY KEY, status TEXT NOT NULL, stars INTEGER)"


@pytest.fixture
def db(store_url: str) -> Iterator[Database]:
    connections = connections_to(store_url)
    database = connections.connect("test")
    with database.transaction():
        database.run(TABLE)
    try:
        yield database
    finally:
        database.close()
        connections.close()


def rows(db: Database) -> list[dict[str, object]]:
    return db.rows("SELECT * FROM seasons ORDER BY product_id")


def test_each_row_is_written_once_with_its_last_values(db: Database) -> None:
    with db.transaction():
        db.run("INSERT INTO seasons VALUES ('old', 'participating', NULL)")
    writes = Writes(db, ["old", "new"])
    writes.append("seasons", {"product_id": "new", "status": "participating", "stars": None},
                  key="product_id")  # fmt: skip
    for status, stars in (("certified", 3), ("suspended", 3), ("certified", 4)):
        writes.change("seasons", "product_id", "old", {"status": status, "stars": stars})
        writes.change("seasons", "product_id", "new", {"status": status})
    writes.upsert("seasons", "product_id", {"product_id": "third", "status": "revoked",
                                            "stars": 4})  # fmt: skip
    with db.transaction():
        writes.send()
    assert rows(db) == [
        {"product_id": "new", "status": "certified", "stars": None},
        {"product_id": "old", "status": "certified", "stars": 4},
        {"product_id": "third", "status": "revoked", "stars": 4},
    ]


def test_a_batch_recalls_every_product_s_row_however_many(db: Database) -> None:
    products = [f"QN-{n:05d}" for n in range(RECALLED_AT_ONCE * 2 + 7)]
    with db.transaction():
        db.append_rows("seasons", ("product_id", "status"), [(p, "joined") for p in products])
    recalled = Writes(db, products).recall("SELECT * FROM seasons WHERE product_id IN ({products})")
    assert sorted(recalled) == products
