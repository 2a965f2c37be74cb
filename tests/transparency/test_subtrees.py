"""Consistency proofs read from the stored tree (a few nodes per subtree) are the proofs
computed from every leaf, on both backends, across tile boundaries (256 and 65,536 leaves)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storage.connections import Connections
from storage.sql import Database
from tests.conftest import connections_to
from transparency import leaves
from transparency.frontier import Frontier
from transparency.subtrees import consistency_proof, subtree_root
from transparency.tree import (
    check_consistency,
    consistency_proof as from_every_leaf,
    leaf_hash as hashed,
    root,
)

SMALL = [hashed(b"%d" % index) for index in range(1100)]


def stored(db: Database, hashes: list[bytes]) -> None:
    """The tree of ``hashes`` as the projector stores it: leaves, tile-level nodes, edge."""
    with db.transaction():
        for statement in leaves.DDL:
            db.run(statement)
        frontier, nodes = Frontier(), []
        for value in hashes:
            nodes += [(level, node, made.hex()) for level, node, made in frontier.add(value)]
        rows = [(index + 1, "p", "c", "", value.hex()) for index, value in enumerate(hashes)]
        leaves.add(db, leaves.Growth(rows, nodes, frontier))


@pytest.fixture
def small(store_url: str) -> Iterator[Connections]:
    connections = connections_to(store_url)
    connections.ask(lambda db: stored(db, SMALL))
    yield connections
    connections.close()


def pairs(size: int) -> list[int]:
    """Every old size of a small tree; the edges of tiles and of the tree of a larger one."""
    if size <= 20:
        return list(range(size + 1))
    edges = {0, 1, 2, 3, 7, 8, 9, 100, 255, 256, 257, 511, 512, 513, size - 1, size}
    return sorted(old for old in edges if old <= size)


@pytest.mark.parametrize("size", [*range(1, 21), 255, 256, 257, 300, 512, 513, 1024, 1100])
def test_stored_proofs_are_the_proofs_from_every_leaf(small: Connections, size: int) -> None:
    for old in pairs(size):
        proof = small.ask(lambda db, old=old: consistency_proof(db, old, size))
        assert proof == from_every_leaf(old, SMALL[:size]), (old, size)
        check_consistency(old, size, root(SMALL[:old]), root(SMALL[:size]), proof)
    assert small.ask(lambda db: subtree_root(db, 0, size)) == root(SMALL[:size])


def test_across_the_second_tile_level(sqlite_url: str) -> None:
    many = [hashed(b"%d" % index) for index in range(65536 + 300)]
    connections = connections_to(sqlite_url)
    try:
        connections.ask(lambda db: stored(db, many))
        for old, size in [(65535, 65536), (65536, 65836), (70, 65836), (65800, 65836)]:
            proof = connections.ask(lambda db, o=old, s=size: consistency_proof(db, o, s))
            check_consistency(old, size, root(many[:old]), root(many[:size]), proof)
            assert proof == from_every_leaf(old, many[:size])
    finally:
        connections.close()
