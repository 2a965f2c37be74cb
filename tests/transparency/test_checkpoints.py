"""Stored checkpoints, on both backends: replaced only by a compare-and-swap, so two
projectors racing never store two trees of one size nor go backwards; at most one per
interval under load, and none lost when the log falls quiet."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from ocop.log_keeping import LogKeeping
from projections import Projector
from registry.service import Registry
from tests.conftest import connections_to
from tests.projections import programme as story
from transparency import checkpoints, leaves
from transparency.checkpoints import Checkpointer, Stored
from transparency.note import Checkpoint, SigningKey, Verifier
from transparency.tree import root

KEY = SigningKey.generate("ocop.example.vn/log")


class Said:
    """A logger that keeps what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, dict[str, Any]]] = []

    def bind(self, **fields: Any) -> Said:
        return self

    def __getattr__(self, level: str) -> Any:
        return lambda event, **fields: self.events.append((level, event, fields))


def state(size: int, seed: bytes = b"") -> Checkpoint:
    return Checkpoint(KEY.name, size, bytes([size]) * 31 + seed[:1].ljust(1, b"\0"))


def test_a_stored_checkpoint_is_replaced_only_where_it_is_still_what_was_read(
    store_url: str,
) -> None:
    first, second = connections_to(store_url), connections_to(store_url)
    try:
        first.ask(checkpoints.create)
        with first.transaction() as db:
            assert checkpoints.store(db, "n3", state(3), None)
        with second.transaction() as db:  # a second projector that also read "nothing yet"
            assert not checkpoints.store(db, "n5", state(5), None)
        with second.transaction() as db:
            assert checkpoints.store(db, "n7", state(7), state(3))
        with first.transaction() as db:  # the first still thinks 3 is the latest
            assert not checkpoints.store(db, "n5", state(5), state(3))
            assert not checkpoints.store(db, "n9", state(9), state(7, b"x"))  # another root
            assert not checkpoints.store(db, "n6", state(6), state(7))  # backwards
        stored = first.ask(lambda db: checkpoints.latest(db, KEY.name))
        assert stored == Stored(state(7), "n7")
    finally:
        first.close()
        second.close()


def keeper(store_url: str, registry: Registry, interval: float, clock: Any = None) -> Projector:
    """A projector whose ``on_advance`` stores checkpoints, recording each it stored."""
    connections = connections_to(store_url)
    keeping = LogKeeping(connections, Said())
    found: list[Stored] = []
    options = {} if clock is None else {"clock": clock}
    keeping.checkpointer = Checkpointer(KEY, interval, found.append, **options)
    projector = Projector(
        registry, connections, batch_size=2, on_advance=keeping.after(lambda position: None)
    )
    projector.stored = found  # type: ignore[attr-defined]
    return projector


def race(projector: Projector, start: threading.Barrier) -> None:
    """Catches up as soon as the other racer is ready too."""
    start.wait(timeout=10)
    projector.catch_up()


def test_two_projectors_racing_never_fork_nor_go_back(registry: Registry, store_url: str) -> None:
    racers = [keeper(store_url, registry, 0) for _ in range(2)]
    for round_ in range(6):
        for number in range(3):
            story.register(registry, f"QN-{round_}{number}00", "Chè", date(2024, 1, 2))
        start = threading.Barrier(2)
        threads = [threading.Thread(target=race, args=(racer, start)) for racer in racers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    db = racers[0]._connection()
    hashes = leaves.leaf_hashes(db, 0, 18)
    stored = [each for racer in racers for each in racer.stored]  # type: ignore[attr-defined]
    sizes = [each.checkpoint.size for each in stored]
    assert len(sizes) == len(set(sizes))  # never two checkpoints of one size
    for each in stored:  # every one a prefix of the one tree, signed by the log's key
        assert each.checkpoint.root == root(hashes[: each.checkpoint.size])
        assert Verifier.open(KEY.verifier, each.note) == each.checkpoint.text
    latest = checkpoints.latest(db, KEY.name)
    assert latest is not None and latest.checkpoint == Checkpoint(KEY.name, 18, root(hashes))
    for racer in racers:
        racer.stop()
        racer.connections.close()


def test_at_most_one_per_interval_and_the_head_is_signed_once_quiet(
    registry: Registry, store_url: str
) -> None:
    now = [100.0]
    projector = keeper(store_url, registry, 2.0, clock=lambda: now[0])
    for number in range(5):
        story.register(registry, f"QN-09{number:02}", "Mật ong", date(2024, 1, 2))
    projector.catch_up(max_batches=1)
    now[0] += 1.5
    projector.catch_up()  # two more batches and the idle look, all inside the interval
    assert [each.checkpoint.size for each in projector.stored] == [2]  # type: ignore[attr-defined]
    now[0] += 1.0
    projector.catch_up()  # nothing new to project: the idle look signs the head
    assert [each.checkpoint.size for each in projector.stored] == [2, 5]  # type: ignore[attr-defined]
    projector.stop()
    projector.connections.close()


def test_cosignatures_added_at_once_are_all_kept(store_url: str) -> None:
    connections = connections_to(store_url)
    try:
        connections.ask(checkpoints.create)
        with connections.transaction() as db:
            checkpoints.store(db, "note", state(4), None)
        start = threading.Barrier(6)

        def add(line: str) -> None:
            start.wait(timeout=10)
            with connections.transaction() as db:
                checkpoints.add_cosignature(db, state(4), line)

        lines = [f"— witness.example.vn/w{n} line" for n in range(6)]
        threads = [threading.Thread(target=add, args=(line,)) for line in lines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        stored = connections.ask(lambda db: checkpoints.latest(db, KEY.name))
        assert stored is not None and sorted(stored.cosignatures) == lines
    finally:
        connections.close()
