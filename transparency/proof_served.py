"""The register's ``.tlog-proof`` of one event, read from the tree's read model.

The proof is made against the checkpoint the log serves (its signed note, handed in
verbatim with whatever cosignatures it carries), for that checkpoint's size: tiles and
nodes never change once made, so a read model ahead of the checkpoint proves the same.
The hashes come from the tile levels (``log_leaves`` for level 0, ``log_nodes`` above):
one query for them and one for the entry, a few hundred rows, however long the log.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.sql import Database
from transparency import leaves
from transparency.entry import leaf_index
from transparency.note import Checkpoint
from transparency.proof import TlogProof, note_text
from transparency.proof_path import Ranges, Reader, inclusion_path
from transparency.refusals import NotInCheckpoint


def reader(db: Database) -> Reader:
    """The tile levels of the read model, as ``proof_path`` reads them."""

    def read(ranges: Ranges) -> list[Sequence[bytes]]:
        leaf = [(first, end) for level, first, end in ranges if level == 0]
        node = [(level, first, end) for level, first, end in ranges if level > 0]
        parts = [
            "SELECT 0 AS level, position - 1 AS node, leaf_hash AS hash FROM log_leaves WHERE "
            + " OR ".join("(position > ? AND position <= ?)" for _ in leaf),
            "SELECT level, node, hash FROM log_nodes WHERE "
            + " OR ".join("(level = ? AND node >= ? AND node < ?)" for _ in node),
        ]
        chosen = [part for part, wanted in zip(parts, (leaf, node), strict=True) if wanted]
        bounds = [bound for pair in (*leaf, *node) for bound in pair]
        rows = db.rows(" UNION ALL ".join(chosen), bounds) if chosen else []
        found = {(int(r["level"]), int(r["node"])): bytes.fromhex(r["hash"]) for r in rows}
        return [
            [found[level, at] for at in range(first, end) if (level, at) in found]
            for level, first, end in ranges
        ]

    return read


def proof_of(db: Database, position: int, note: str) -> TlogProof:
    """The proof of the event at ``position`` against the signed checkpoint ``note``, with
    the event's entry as its extra data; ``NotInCheckpoint`` if that tree lacks it."""
    size = Checkpoint.from_text(note_text(note)).size
    if not 0 < position <= size:
        raise NotInCheckpoint(f"position {position} is not in the log's checkpoint of {size}")
    path = inclusion_path(leaf_index(position), size, reader(db))
    [entry] = leaves.entries(db, position - 1, position)
    return TlogProof(position - 1, path, note, extra=entry)
