"""The log's tree, kept as a read model: each event's entry and leaf hash by position, the
nodes at each tile level's height, and the tree's right edge (its size and root).

The projector records them in each batch's transaction, with its tracking position, so
every event has its leaf exactly once and a rebuild writes the same bytes. ``made`` reads
(before the batch's pipeline); ``add`` writes, after the other read models, in the order
every projector takes its locks. A later event names its product by the code its
registration carried, found in the batch or in this table's own rows (each of a product's
leaves carries it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lifecycle.events import ProductEvent, Registered
from storage.sql import Database, Row
from transparency.entry import entry
from transparency.frontier import Frontier
from transparency.tiles import Tile, bundle, check_tile_in_tree
from transparency.tree import leaf_hash

TREE = "register"
TABLES = ("log_leaves", "log_nodes", "log_tree")
CODES_AT_ONCE = 1_000  # products whose codes are read in one query
DDL = (
    """CREATE TABLE IF NOT EXISTS log_leaves (
        position BIGINT PRIMARY KEY, product_id TEXT NOT NULL, code TEXT NOT NULL,
        entry TEXT NOT NULL, leaf_hash TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS log_leaves_product ON log_leaves (product_id, position)",
    """CREATE TABLE IF NOT EXISTS log_nodes (
        level INTEGER NOT NULL, node BIGINT NOT NULL, hash TEXT NOT NULL,
        PRIMARY KEY (level, node))""",
    """CREATE TABLE IF NOT EXISTS log_tree (
        name TEXT PRIMARY KEY, size BIGINT NOT NULL, frontier TEXT NOT NULL)""",
)


@dataclass
class Growth:
    """What a batch adds to the tree: leaf rows, completed nodes, and the new right edge."""

    leaves: list[tuple[Any, ...]] = field(default_factory=list)
    nodes: list[tuple[int, int, str]] = field(default_factory=list)
    frontier: Frontier = field(default_factory=Frontier)


def made(db: Database, events: Sequence[tuple[int, Any]]) -> Growth:
    """The growth of the tree by a batch's product events, in log order (reads only: the
    right edge and the codes of products registered before the batch, at once)."""
    product_events = [(position, event) for position, event in events
                      if isinstance(event, ProductEvent)]  # fmt: skip
    codes = {str(event.originator_id): event.code for _, event in product_events
             if isinstance(event, Registered)}  # fmt: skip
    earlier = sorted({str(event.originator_id) for _, event in product_events} - codes.keys())
    chunks = [earlier[start : start + CODES_AT_ONCE]
              for start in range(0, len(earlier), CODES_AT_ONCE)]  # fmt: skip
    edge, *known = db.rows_of_each([
        ("SELECT size, frontier FROM log_tree WHERE name = ?", [TREE]),
        *(("SELECT product_id, MIN(code) AS code FROM log_leaves WHERE product_id IN "
           f"({', '.join('?' * len(chunk))}) GROUP BY product_id", chunk) for chunk in chunks),
    ])  # fmt: skip
    codes.update((str(row["product_id"]), str(row["code"])) for rows in known for row in rows)
    growth = Growth(frontier=_frontier_of(edge))
    for position, event in product_events:
        product = str(event.originator_id)
        made = entry(position, codes[product], event)
        hashed = leaf_hash(made)
        growth.leaves.append((position, product, codes[product], made.decode(), hashed.hex()))
        completed = growth.frontier.add(hashed)
        growth.nodes += [(level, node, value.hex()) for level, node, value in completed]
    return growth


def add(db: Database, growth: Growth) -> None:
    """Writes what ``made`` found (the new leaves and nodes in bulk)."""
    db.append_rows("log_leaves", ("position", "product_id", "code", "entry", "leaf_hash"),
                   growth.leaves)  # fmt: skip
    db.append_rows("log_nodes", ("level", "node", "hash"), growth.nodes)
    db.run(
        "INSERT INTO log_tree (name, size, frontier) VALUES (?, ?, ?) ON CONFLICT (name) "
        "DO UPDATE SET size = excluded.size, frontier = excluded.frontier",
        (TREE, growth.frontier.size, growth.frontier.text),
    )


def frontier(db: Database) -> Frontier:
    """The tree's right edge as last recorded: its size, and what gives its root."""
    return _frontier_of(db.rows("SELECT size, frontier FROM log_tree WHERE name = ?", [TREE]))


def _frontier_of(rows: list[Row]) -> Frontier:
    return Frontier.from_text(int(rows[0]["size"]), rows[0]["frontier"]) if rows else Frontier()


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
    if tile.level == 0:
        return b"".join(leaf_hashes(db, start, end))
    first = tile.index * 256
    rows = db.rows(
        "SELECT hash FROM log_nodes WHERE level = ? AND node >= ? AND node < ? ORDER BY node",
        [tile.level, first, first + tile.width],
    )
    return b"".join(bytes.fromhex(row["hash"]) for row in rows)
