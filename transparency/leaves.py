"""The log's leaves, kept as a read model: each event's entry and leaf hash, by position.

The projector records them in each batch's transaction, with its tracking position, so
every event has its leaf exactly once and a rebuild writes the same bytes. Tiles are not
stored: each is computed on demand from these leaves (every tile inside the tree is final).
A later event names its product by the code its registration carried, found in the batch
or in this table's own rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lifecycle.events import ProductEvent, Registered
from storage.sql import Database
from transparency.entry import entry
from transparency.tiles import Tile, bundle, check_tile_in_tree, hashes
from transparency.tree import leaf_hash

TABLES = ("log_leaves",)
DDL = (
    """CREATE TABLE IF NOT EXISTS log_leaves (
        position BIGINT PRIMARY KEY, product_id TEXT NOT NULL, code TEXT NOT NULL,
        entry TEXT NOT NULL, leaf_hash TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS log_leaves_product ON log_leaves (product_id, position)",
)
INSERT = (
    "INSERT INTO log_leaves (position, product_id, code, entry, leaf_hash) VALUES (?, ?, ?, ?, ?)"
)


def made(db: Database, events: Sequence[tuple[int, Any]]) -> list[tuple[Any, ...]]:
    """The leaf rows of a batch's product events, in log order (reads only; ``add`` writes
    them after the other read models, in the order every projector takes its locks)."""
    codes: dict[str, str] = {}
    rows: list[tuple[Any, ...]] = []
    for position, event in events:
        if not isinstance(event, ProductEvent):
            continue
        product = str(event.originator_id)
        if isinstance(event, Registered):
            codes[product] = event.code
        code = codes.get(product) or code_of(db, product)
        codes[product] = code
        made = entry(position, code, event)
        rows.append((position, product, code, made.decode(), leaf_hash(made).hex()))
    return rows


def add(db: Database, rows: Sequence[tuple[Any, ...]]) -> None:
    """Writes the leaf rows ``made`` returned."""
    db.run_many(INSERT, rows)


def code_of(db: Database, product_id: str) -> str:
    """The code a product was registered under, from its earliest leaf."""
    rows = db.rows(
        "SELECT code FROM log_leaves WHERE product_id = ? ORDER BY position LIMIT 1", [product_id]
    )
    return str(rows[0]["code"])


def size(db: Database) -> int:
    """How many leaves the tree has: the last position recorded (positions have no gaps)."""
    rows = db.rows("SELECT MAX(position) AS last FROM log_leaves")
    return int(rows[0]["last"] or 0)


def leaf_hashes(db: Database, start: int, end: int) -> list[bytes]:
    """The hashes of the leaves ``start`` to ``end`` (excluded), by leaf index."""
    rows = db.rows(
        "SELECT leaf_hash FROM log_leaves WHERE position > ? AND position <= ? ORDER BY position",
        [start, end],
    )
    return [bytes.fromhex(row["leaf_hash"]) for row in rows]


def entries(db: Database, start: int, end: int) -> list[bytes]:
    """The entries of the leaves ``start`` to ``end`` (excluded), by leaf index."""
    rows = db.rows(
        "SELECT entry FROM log_leaves WHERE position > ? AND position <= ? ORDER BY position",
        [start, end],
    )
    return [str(row["entry"]).encode() for row in rows]


def tile_bytes(db: Database, tile: Tile, tree_size: int) -> bytes:
    """The bytes of a tile or entry bundle of the tree of ``tree_size`` leaves;
    ``TileBeyondTree`` if that tree does not hold it whole."""
    check_tile_in_tree(tile, tree_size)
    start, end = tile.leaves()
    if tile.level is None:
        return bundle(entries(db, start, end))
    return hashes(tile, leaf_hashes(db, start, end))
