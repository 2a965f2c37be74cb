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
GROWN_AT_ONCE = 10_000  # leaves read at a time as the tree grows over written ones
LEAF_COLUMNS = ("position", "product_id", "code", "entry", "leaf_hash")
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
    """The growth of the tree by a batch's product events, in log order (reads only)."""
    rows, edge = _rows_and_edge(db, events)
    growth = Growth(leaves=rows, frontier=_frontier_of(edge))
    for row in rows:
        growth.nodes += _completed(growth.frontier, row[4])
    return growth


def entries_of(db: Database, events: Sequence[tuple[int, Any]]) -> list[tuple[Any, ...]]:
    """The leaf rows of a batch's product events, without the tree (a rebuild in parts
    writes them first, and grows the tree over them after, ``grow_over_written``)."""
    return _rows_and_edge(db, events)[0]


def _rows_and_edge(
    db: Database, events: Sequence[tuple[int, Any]]
) -> tuple[list[tuple[Any, ...]], list[Row]]:
    """The leaf rows of the batch's product events, and the stored right edge, read with
    the codes of the products registered before the batch (one query for all of them)."""
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
    rows = []
    for position, event in product_events:
        product = str(event.originator_id)
        made = entry(position, codes[product], event)
        rows.append((position, product, codes[product], made.decode(), leaf_hash(made).hex()))
    return rows, edge


def _completed(tree: Frontier, hashed: str) -> list[tuple[int, int, str]]:
    """Adds a leaf's hash to the tree; the node rows it completes."""
    return [(level, node, value.hex()) for level, node, value in tree.add(bytes.fromhex(hashed))]


def add(db: Database, growth: Growth) -> None:
    """Writes what ``made`` found (the new leaves and nodes in bulk)."""
    db.append_rows("log_leaves", LEAF_COLUMNS, growth.leaves)
    _write_tree(db, growth.nodes, growth.frontier)


def grow_over_written(db: Database) -> None:
    """Grows the tree over the leaves written beyond it (``entries_of``), in log order, a
    chunk at a time, and records its new right edge."""
    tree = frontier(db)
    after = 0
    if tree.size:
        after = db.rows("SELECT position FROM log_leaves ORDER BY position LIMIT 1 OFFSET ?",
                        [tree.size - 1])[0]["position"]  # fmt: skip
    while rows := db.rows(
        "SELECT position, leaf_hash FROM log_leaves WHERE position > ? ORDER BY position "
        "LIMIT ?", [after, GROWN_AT_ONCE],
    ):  # fmt: skip
        nodes = [node for row in rows for node in _completed(tree, row["leaf_hash"])]
        db.append_rows("log_nodes", ("level", "node", "hash"), nodes)
        after = rows[-1]["position"]
    _write_tree(db, [], tree)


def _write_tree(db: Database, nodes: list[tuple[int, int, str]], tree: Frontier) -> None:
    db.append_rows("log_nodes", ("level", "node", "hash"), nodes)
    db.run(
        "INSERT INTO log_tree (name, size, frontier) VALUES (?, ?, ?) ON CONFLICT (name) "
        "DO UPDATE SET size = excluded.size, frontier = excluded.frontier",
        (TREE, tree.size, tree.text),
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
