"""The log's leaves as a read model, on each backend: one per event, in the projector's
transaction, the same bytes after a rebuild, and tiles computed from them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest

from projections import Projector, ReadSide
from registry.service import Registry
from tests.conftest import connections_to
from tests.projections import programme as story
from transparency import leaves
from transparency.refusals import TileBeyondTree
from transparency.tiles import Tile, unbundle
from transparency.tree import leaf_hash, root


@pytest.fixture
def read_side(store_url: str) -> Iterator[ReadSide]:
    side = ReadSide.open(connections_to(store_url))
    yield side
    side.close()


def record_a_season(registry: Registry) -> int:
    """Four products join; two are certified, one of them suspended. Returns the head."""
    for number in range(4):
        story.register(registry, f"QN-06{number:02}", f"Đặc sản {number}", date(2024, 1, 2))
    story.certify(registry, "QN-0600", 4, date(2024, 3, 1))
    story.certify(registry, "QN-0602", 3, date(2024, 3, 1))
    return story.suspend(registry, "QN-0600", date(2024, 5, 1), date(2024, 8, 1)).position


def projected_season(registry: Registry, store_url: str, batch_size: int) -> tuple[int, Projector]:
    """The season recorded and projected in batches of ``batch_size``; its head and the
    projector (stopped by the caller)."""
    head = record_a_season(registry)
    projector = Projector(registry, connections_to(store_url), batch_size=batch_size)
    projector.catch_up()
    return head, projector


def test_every_event_has_its_leaf_once_and_the_tiles_agree_with_the_tree(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    head, projector = projected_season(registry, store_url, batch_size=3)
    projector.stop()
    tree = read_side.ask(leaves.frontier)
    assert tree.size == head
    made = read_side.ask(lambda db: leaves.entries(db, 0, head))
    hashes = read_side.ask(lambda db: leaves.leaf_hashes(db, 0, head))
    facts = [json.loads(entry) for entry in made]
    assert [fact["position"] for fact in facts] == list(range(1, head + 1))
    assert hashes == [leaf_hash(entry) for entry in made]
    assert tree.root() == root(hashes)
    # A certificate in a later batch than its registration still names the product's code.
    assert {(f["product"], f["kind"]) for f in facts if f["kind"] != "registered"} >= {
        ("QN-0600", "certified"), ("QN-0602", "certified"), ("QN-0600", "suspended"),
    }  # fmt: skip
    level_zero = read_side.ask(lambda db: leaves.tile_bytes(db, Tile(0, 0, head), head))
    assert level_zero == b"".join(hashes) and root(hashes) == root(
        [level_zero[i : i + 32] for i in range(0, len(level_zero), 32)]
    )
    bundle = read_side.ask(lambda db: leaves.tile_bytes(db, Tile(None, 0, head), head))
    assert unbundle(bundle) == made
    with pytest.raises(TileBeyondTree):
        read_side.ask(lambda db: leaves.tile_bytes(db, Tile(0, 0, head + 1), head))


def test_a_rebuild_writes_the_same_leaves(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    head, projector = projected_season(registry, store_url, batch_size=4)
    before = read_side.snapshot()
    projector.rebuild()
    projector.stop()
    after = read_side.snapshot()
    assert len(before["log_leaves"]) == head
    assert [after[table] for table in leaves.TABLES] == [before[table] for table in leaves.TABLES]
