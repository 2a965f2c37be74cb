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
from transparency.tree import check_inclusion, leaf_hash

# One range of a tile level as one row: its hashes in hex, concatenated in order by the
# database (PostgreSQL's ordered aggregate; SQLite 3.40 has none, so there a row per hash).
LEAF_RUN = (
    "SELECT string_agg(leaf_hash, '' ORDER BY position) AS hashes FROM log_leaves "
    "WHERE position > ? AND position <= ?"
)
NODE_RUN = (
    "SELECT string_agg(hash, '' ORDER BY node) AS hashes FROM log_nodes "
    "WHERE level = ? AND node >= ? AND node < ?"
)


# The roots of the large ranges (the top of the tree, its right edge) that proofs share,
# per tree, by its root: the same root is the same tree, whichever database it came from.
KNOWN: dict[bytes, dict[tuple[int, int], bytes]] = {}
TREES_KEPT = 4


def reader(db: Database, entries: dict[int, bytes] | None = None) -> Reader:
    """The tile levels of the read model, as ``proof_path`` reads them: one query (which on
    PostgreSQL also brings the entries at the positions ``entries`` names, into it)."""

    def read(ranges: Ranges) -> list[Sequence[bytes]]:
        if db.kind == "postgresql":
            return runs(db, ranges, entries if entries is not None else {})
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


def runs(db: Database, ranges: Ranges, entries: dict[int, bytes]) -> list[Sequence[bytes]]:
    """Each range's hashes from one row of its own (PostgreSQL), in the ranges' order, and
    the entries asked for (rows numbered below zero) in the same query."""
    sql = " UNION ALL ".join(
        [f"SELECT {n} AS n, hashes FROM ({LEAF_RUN if level == 0 else NODE_RUN}) AS r{n}"
         for n, (level, _, _) in enumerate(ranges)]
        + ["SELECT -position AS n, entry AS hashes FROM log_leaves WHERE position = ?"
           for _ in entries]
    )  # fmt: skip
    bounds = [
        bound
        for level, first, end in ranges
        for bound in ((first, end) if level == 0 else (level, first, end))
    ] + list(entries)
    found: dict[int, bytes] = {}
    for row in db.rows(sql, bounds):
        if int(row["n"]) < 0:
            entries[-int(row["n"])] = str(row["hashes"]).encode()
        else:
            found[int(row["n"])] = bytes.fromhex(row["hashes"] or "")
    return [[found[n][i : i + 32] for i in range(0, len(found[n]), 32)] for n in range(len(ranges))]


def proof_of(db: Database, position: int, note: str) -> TlogProof:
    """The proof of the event at ``position`` against the signed checkpoint ``note``, with
    the event's entry as its extra data; ``NotInCheckpoint`` if that tree lacks it."""
    checkpoint = Checkpoint.from_text(note_text(note))
    size = checkpoint.size
    if not 0 < position <= size:
        raise NotInCheckpoint(f"position {position} is not in the log's checkpoint of {size}")
    known = KNOWN.setdefault(checkpoint.root, {})
    while len(KNOWN) > TREES_KEPT:
        KNOWN.pop(next(iter(KNOWN)))
    entries: dict[int, bytes] = dict.fromkeys([position], b"")
    path = inclusion_path(leaf_index(position), size, reader(db, entries), known)
    entry = entries[position] or leaves.entries(db, position - 1, position)[0]
    # What the register serves, it has proven first: a read model that disagrees with the
    # checkpoint it signed is a fault to stop at (InclusionNotProven), never a file to hand out.
    check_inclusion(leaf_index(position), size, leaf_hash(entry), path, checkpoint.root)
    return TlogProof(position - 1, path, note, extra=entry)
