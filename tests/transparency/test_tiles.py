"""Tiles and entry bundles in C2SP tlog-tiles' encoding, with the spec's own examples."""

from __future__ import annotations

from collections import Counter

import pytest

from transparency.refusals import MalformedBundle, MalformedTilePath, TileBeyondTree
from transparency.tiles import (
    Tile,
    bundle,
    check_tile_in_tree,
    encode_index,
    hashes,
    parse,
    tiles_of,
    unbundle,
)
from transparency.tree import leaf_hash, root


def test_the_specs_index_encoding() -> None:
    assert encode_index(1234067) == "x001/x234/067"
    assert [encode_index(n) for n in (0, 7, 999, 1000)] == ["000", "007", "999", "x001/000"]
    assert Tile(0, 1234067).path == "tile/0/x001/x234/067"
    assert Tile(None, 3, 17).path == "tile/entries/003.p/17"


def test_the_specs_tree_of_70000_and_of_256() -> None:
    shapes = Counter((tile.level, tile.width) for tile in tiles_of(70_000))
    assert shapes[(0, 256)] == 273 and shapes[(0, 112)] == 1
    assert shapes[(1, 256)] == 1 and shapes[(1, 17)] == 1 and shapes[(2, 1)] == 1
    assert shapes[(None, 256)] == 273 and shapes[(None, 112)] == 1
    assert set(shapes) == {(0, 256), (0, 112), (1, 256), (1, 17), (2, 1), (None, 256), (None, 112)}
    assert {tile.path for tile in tiles_of(256)} == {
        "tile/0/000",
        "tile/1/000.p/1",
        "tile/entries/000",
    }


def test_every_tile_path_reads_back_as_its_tile() -> None:
    for tile in tiles_of(70_000):
        assert parse(tile.path) == tile
        check_tile_in_tree(tile, 70_000)


@pytest.mark.parametrize(
    "path",
    [
        "tile/00/000", "tile/64/000", "tile/-1/000", "tile/x/000", "tiles/0/000", "tile/0/",
        "tile/0/1", "tile/0/0000", "tile/0/x001", "tile/0/001/002", "tile/0/x000/001",
        "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/01", "tile/0/000.p/", "tile/0/000.q/5",
        "tile/entries/000.p/1000", "tile/entries", "tile/0/0a0", "tile/0/000/", "tile//000",
    ],
)  # fmt: skip
def test_a_malformed_path_is_refused(path: str) -> None:
    with pytest.raises(MalformedTilePath):
        parse(path)


def test_a_tile_beyond_the_tree_is_not_there() -> None:
    with pytest.raises(TileBeyondTree):
        check_tile_in_tree(Tile(0, 0, 10), 9)
    with pytest.raises(TileBeyondTree):
        check_tile_in_tree(Tile(1, 0), 65_535)
    check_tile_in_tree(Tile(0, 0, 9), 9)


def test_tile_hashes_are_the_trees_subtree_roots() -> None:
    leaves = [leaf_hash(f"event {i}".encode()) for i in range(256 * 3 + 5)]
    assert hashes(Tile(0, 1), leaves[256:512]) == b"".join(leaves[256:512])
    level_one = hashes(Tile(1, 0, 3), leaves[: 256 * 3])
    assert [level_one[i : i + 32] for i in range(0, 96, 32)] == [
        root(leaves[i * 256 : (i + 1) * 256]) for i in range(3)
    ]


def test_an_entry_bundle_hashes_to_its_level_zero_tile() -> None:
    entries = [b"", b"x", "Tinh dầu trầu".encode(), bytes(300)]
    data = bundle(entries)
    assert data[:2] == b"\x00\x00" and data[2:5] == b"\x00\x01x"
    assert unbundle(data) == entries
    assert b"".join(leaf_hash(e) for e in unbundle(data)) == hashes(
        Tile(0, 0, 4), [leaf_hash(e) for e in entries]
    )
    with pytest.raises(MalformedBundle):
        unbundle(data[:-1])
