"""Moving a register to another store (SQLite to PostgreSQL): the event log copied with its
positions, ids, versions and states (which hold the recorded times) intact, the read models
rebuilt there, and the two proved equal.

The copy goes batch by batch, one transaction each, so an interrupted copy leaves the target
holding a prefix of the source's log; a second run checks that prefix and goes on from its
head. A target holding anything else is refused before anything is written.

The proof of equality is also what ``ocop restore`` proves of a restored backup.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID

from eventsourcing.persistence import Notification

from lifecycle.events import ProductEvent, Registered
from registry.service import Registry
from storage import event_log
from storage.sql import Database
from transparency.entry import entry
from transparency.frontier import Frontier
from transparency.leaves import frontier
from transparency.tree import leaf_hash


class TargetRefused(Exception):
    """The target store holds events that are not a prefix of the source's log."""


class Different(Exception):
    """The source and the target differ; the message names the first difference."""


@dataclass(frozen=True)
class Proof:
    """What was found equal on both stores."""

    head: int
    products: int
    log_size: int
    root: str


def walk(db: Database, batch_size: int, up_to: int | None = None) -> Iterator[Notification]:
    """Every event of the log in order (up to position ``up_to`` if given)."""
    position = 0
    while batch := event_log.events_after(db, position, batch_size):
        for event in batch:
            if up_to is not None and event.id > up_to:
                return
            yield event
        position = batch[-1].id


def check_prefix(source: Database, target: Database, batch_size: int) -> int:
    """The target's head, if its log is exactly the first events of the source's;
    ``TargetRefused`` naming the first position where it is not."""
    target_head, source_head = event_log.head(target), event_log.head(source)
    if target_head > source_head:
        raise TargetRefused(
            f"the target's log runs to position {target_head}, past the source's {source_head}"
        )
    theirs = walk(target, batch_size)
    for ours in walk(source, batch_size, up_to=target_head):
        if next(theirs, None) != ours:
            raise TargetRefused(f"the target's event at position {ours.id} is not the source's")
    if next(theirs, None) is not None:
        raise TargetRefused("the target's log has a position the source's has not")
    return target_head


def copy_log(
    source: Database, target: Database, batch_size: int = 500, stop_after: int | None = None
) -> int:
    """Copies the source's events the target lacks, one transaction per batch, printing
    ``copied N of M`` after each; stops after ``stop_after`` batches if given (an
    interruption). Returns the target's head."""
    position, total = check_prefix(source, target, batch_size), event_log.head(source)
    batches = 0
    while position < total and (stop_after is None or batches < stop_after):
        events = event_log.events_after(source, position, batch_size)
        event_log.append_copies(target, events)
        position, batches = events[-1].id, batches + 1
        print(f"copied {position} of {total}", file=sys.stderr, flush=True)
    return position


def log_root(source: Registry, events: Iterator[Notification]) -> Frontier:
    """The verifiable log's tree over ``events``, computed from the events themselves."""
    tree, codes = Frontier(), dict[UUID, str]()
    for stored in events:
        event = source.mapper.to_domain_event(stored)
        if isinstance(event, ProductEvent):
            if isinstance(event, Registered):
                codes[event.originator_id] = event.code
            tree.add(leaf_hash(entry(stored.id, codes[event.originator_id], event)))
    return tree


def prove_equal(
    source: Registry, target: Registry, source_db: Database, target_db: Database,
    batch_size: int, as_of: int | None = None,
) -> Proof:  # fmt: skip
    """Same head, same event at every position, same history of every product (read back
    through each store's own recorder), and the rebuilt log tree's root equal to the one the
    source's events give; ``Different`` names the first difference. With ``as_of``, the
    source is read as it stood at that position (a backup's, the source having gone on)."""
    heads = event_log.head(source_db), event_log.head(target_db)
    if as_of is not None:
        heads = min(heads[0], as_of), heads[1]
    if heads[0] != heads[1]:
        raise Different(f"the heads differ: source {heads[0]}, target {heads[1]}")
    theirs, versions = walk(target_db, batch_size), dict[UUID, int]()
    for ours in walk(source_db, batch_size, up_to=heads[0]):
        if next(theirs, None) != ours:
            raise Different(f"the events at position {ours.id} differ")
        versions[UUID(str(ours.originator_id))] = ours.originator_version
    for product, version in sorted(versions.items()):
        history = source.recorder.select_events(product, lte=version)  # as of the head
        if history != target.recorder.select_events(product):
            raise Different(f"the history of {product} differs")
    expected = log_root(source, walk(source_db, batch_size, up_to=heads[0]))
    rebuilt = frontier(target_db)
    if (expected.size, expected.root()) != (rebuilt.size, rebuilt.root()):
        raise Different(
            f"the log's roots differ: {expected.size} leaves {expected.root().hex()} from the "
            f"source's events, {rebuilt.size} leaves {rebuilt.root().hex()} rebuilt"
        )
    return Proof(heads[0], len(versions), rebuilt.size, rebuilt.root().hex())
