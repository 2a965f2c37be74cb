"""Subtree roots and consistency proofs read from the stored tree, not recomputed from every
leaf: a perfect subtree of 2^h leaves is one stored node when h is a tile level's height
(8, 16, ...), else at most 255 stored nodes (or leaf hashes) of the level below, hashed up.

So the proof the register sends a witness costs O(log n) small reads however long the log;
``tree.consistency_proof`` (over a list of every leaf) is what it is tested against.
"""

from __future__ import annotations

from storage.sql import Database
from transparency import leaves
from transparency.tiles import HEIGHT
from transparency.tree import EMPTY_ROOT, consistency_path, node_hash, split


def perfect_root(db: Database, start: int, height: int) -> bytes:
    """The root of the 2^height leaves from ``start`` (a multiple of 2^height)."""
    level = height // HEIGHT
    below = level * HEIGHT
    count = 1 << (height - below)
    if below == 0:
        hashes = leaves.leaf_hashes(db, start, start + count)
    else:
        first = start >> below
        rows = db.rows(
            "SELECT hash FROM log_nodes WHERE level = ? AND node >= ? AND node < ? ORDER BY node",
            [level, first, first + count],
        )
        hashes = [bytes.fromhex(row["hash"]) for row in rows]
    if len(hashes) != count:
        raise LookupError(f"the stored tree lacks the subtree of 2^{height} at {start}")
    while len(hashes) > 1:
        hashes = [node_hash(hashes[i], hashes[i + 1]) for i in range(0, len(hashes), 2)]
    return hashes[0]


def subtree_root(db: Database, start: int, end: int) -> bytes:
    """The root of the leaves ``start`` to ``end`` (excluded), as RFC 6962 splits them."""
    size = end - start
    if size == 0:
        return EMPTY_ROOT
    if size & (size - 1) == 0 and start % size == 0:
        return perfect_root(db, start, size.bit_length() - 1)
    middle = start + split(size)
    return node_hash(subtree_root(db, start, middle), subtree_root(db, middle, end))


def consistency_proof(db: Database, old_size: int, size: int) -> list[bytes]:
    """The proof that the tree of ``old_size`` leaves is a prefix of the stored tree's
    first ``size`` leaves (RFC 9162, 2.1.4.1), bottom first."""
    return consistency_path(old_size, size, lambda a, b: subtree_root(db, a, b))
