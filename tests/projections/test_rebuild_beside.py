"""A rebuild fills fresh read models beside the serving ones and swaps them in at once: while
it runs the public register reads as before, and a rebuild that fails or is killed midway
leaves it exactly as it was (issue 8.1)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import Any, cast

import psycopg
import pytest
from eventsourcing.persistence import Notification

from projections import Projector, ReadSide, questions
from projections.models import project_next_batch
from projections.rebuild import SHADOW_SUFFIX, open_shadow
from registry.service import Registry
from storage.connections import PostgresConnections
from tests.conftest import TODAY, connections_to
from tests.projections import programme as story
from tests.projections.oracle import assert_read_models_match_the_events


class Undecodable(Exception):
    """What the sabotaged register raises for the event it cannot read."""


class Sabotaged:
    """The register as the projector sees it, except that one position fails to decode, and
    that ``meanwhile`` runs as that position is reached."""

    def __init__(
        self, registry: Registry, at: int, meanwhile: Callable[[], object] = lambda: None
    ) -> None:
        self.registry, self.at, self.meanwhile = registry, at, meanwhile
        self.mapper, self.env = self, registry.env  # a rebuild in parts decodes on its own

    def to_domain_event(self, notification: Notification) -> Any:
        if notification.id == self.at:
            self.meanwhile()
            raise Undecodable(f"position {notification.id}")
        return self.registry.mapper.to_domain_event(notification)


def a_projected_season(registry: Registry, projector: Projector) -> int:
    for number in range(1, 6):
        story.register(registry, f"QN-09{number:02}", f"Đặc sản {number}", date(2024, 1, number))
    last = story.certify(registry, "QN-0901", 3, date(2024, 3, 1))
    projector.catch_up()
    return last.position


def test_a_rebuild_failing_midway_leaves_the_public_register_as_it_was(
    registry: Registry, store_url: str, read_side: ReadSide, projector: Projector
) -> None:
    head = a_projected_season(registry, projector)
    before = read_side.snapshot()
    seen_during: list[Any] = []

    def read_the_register() -> None:
        seen_during.append(read_side.ask(questions.search(q="dac san", on=TODAY))[1])

    failing = Projector(
        cast(Registry, Sabotaged(registry, 4, read_the_register)),
        connections_to(store_url),
        batch_size=2,
    )
    try:
        with pytest.raises(Undecodable):
            failing.rebuild()
    finally:
        failing.stop()
    assert seen_during == [5]  # the serving register answered in full during the rebuild
    assert read_side.snapshot() == before
    assert (read_side.position(), read_side.lag()) == (head, 0)
    assert read_side.ask(questions.public_product("QN-0901", on=TODAY)) is not None
    assert projector.rebuild().events == head
    assert read_side.snapshot() == before


def test_a_rebuild_killed_before_its_swap_changes_nothing_and_the_next_one_starts_afresh(
    registry: Registry, store_url: str, read_side: ReadSide, projector: Projector
) -> None:
    head = a_projected_season(registry, projector)
    before = read_side.snapshot()
    connections = connections_to(store_url)
    shadow = open_shadow(connections)
    assert project_next_batch(shadow, registry.mapper.to_domain_event, 3) == (3, 3)
    shadow.close()  # killed: no swap
    connections.close()
    assert read_side.snapshot() == before and read_side.position() == head
    story.register(registry, "QN-0999", "Sau khi dừng", date(2024, 4, 1))
    assert projector.rebuild().events == head + 1
    assert read_side.ask(questions.public_product("QN-0999", on=TODAY)) is not None
    assert read_side.lag() == 0
    assert not shadow_left(store_url)


def test_a_rebuild_replaces_a_damaged_read_model(
    registry: Registry, read_side: ReadSide, projector: Projector
) -> None:
    a_projected_season(registry, projector)
    before = read_side.snapshot()
    with read_side.connections.borrowed() as db:
        db.run("DELETE FROM product_status WHERE code = 'QN-0903'")
    assert read_side.snapshot() != before
    projector.rebuild()
    assert read_side.snapshot() == before


def shadow_left(store_url: str) -> bool:
    """Whether the shadow of a rebuild is still there."""
    connections = connections_to(store_url)
    try:
        if isinstance(connections, PostgresConnections):
            with connections.borrowed() as db:
                rows = db.rows(
                    "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?",
                    (connections.schema + SHADOW_SUFFIX,),
                )
            return bool(rows)
        return os.path.exists(connections.path + SHADOW_SUFFIX)
    except psycopg.Error:
        return True
    finally:
        connections.close()


class Writing:
    """The register as the projector sees it, writing to it once as position ``at`` is read."""

    def __init__(self, registry: Registry, at: int, meanwhile: Callable[[], object]) -> None:
        self.registry, self.at, self.meanwhile = registry, at, meanwhile
        self.mapper, self.env = self, registry.env  # a rebuild in parts decodes on its own

    def to_domain_event(self, notification: Notification) -> Any:
        if notification.id == self.at:
            self.meanwhile()
        return self.registry.mapper.to_domain_event(notification)


def test_a_rebuild_beside_a_running_projector_and_new_writes_ends_with_every_event_once(
    registry: Registry, store_url: str, read_side: ReadSide, projecting: Projector
) -> None:
    head = a_projected_season(registry, projecting)
    later: list[int] = []

    def write_meanwhile() -> None:
        later.append(story.register(registry, "QN-0990", "Trong lúc dựng lại", TODAY).position)

    rebuilder = Projector(
        cast(Registry, Writing(registry, 3, write_meanwhile)),
        connections_to(store_url),
        batch_size=2,
    )
    try:
        rebuilder.rebuild()
    finally:
        rebuilder.stop()
    assert later == [head + 1]
    projecting.wake()
    assert read_side.wait_for(head + 1, timeout=10)
    assert read_side.lag() == 0
    assert_read_models_match_the_events(registry, read_side, TODAY)
