"""The tree's right edge gives every root, and the tile-level nodes, as the tree does."""

from __future__ import annotations

from transparency.frontier import Frontier
from transparency.tiles import Tile, hashes
from transparency.tree import leaf_hash, root

LEAVES = [leaf_hash(f"event {i}".encode()) for i in range(256 * 256 + 300)]


def test_every_root_from_0_to_600_is_the_trees() -> None:
    frontier = Frontier()
    assert frontier.root() == root([])
    for size in range(1, 601):
        frontier.add(LEAVES[size - 1])
        assert frontier.root() == root(LEAVES[:size]), size
        assert Frontier.from_text(size, frontier.text) == frontier


def test_the_nodes_completed_are_the_tiles_above_level_zero() -> None:
    frontier = Frontier()
    completed = [node for leaf in LEAVES for node in frontier.add(leaf)]
    level_one = [hashed for level, _, hashed in completed if level == 1]
    assert [(level, index) for level, index, _ in completed if level == 1] == [
        (1, i) for i in range(257)
    ]
    assert b"".join(level_one[:256]) == hashes(Tile(1, 0), LEAVES[: 256 * 256])
    assert [(level, index) for level, index, _ in completed if level == 2] == [(2, 0)]
    [top] = [hashed for level, _, hashed in completed if level == 2]
    assert top == root(LEAVES[: 256 * 256]) == frontier.hashes[0]
