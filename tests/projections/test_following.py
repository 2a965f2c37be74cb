"""An API process follows the projection wherever the projector runs: a projector elsewhere
announces each batch as it commits, and the read side forgets what it remembered and wakes
its waiting reads. The projector here shares nothing with the read side but the database,
as ``ocop project`` beside ``ocop serve --no-projector``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import psycopg
import pytest

from projections import Projector, ReadSide
from projections.following import Following
from projections.questions import Remembered
from registry.service import Registry
from storage.sql import Database
from tests.conftest import connections_to
from tests.projections import programme as story
from tests.projections.waiting import wait_until


@pytest.fixture
def elsewhere(pg_registry: Registry, postgres_url: str) -> Iterator[Projector]:
    """A projector with connections of its own, telling this read side nothing."""
    connections = connections_to(postgres_url)
    runner = Projector(pg_registry, connections)
    yield runner
    runner.stop()
    connections.close()


@pytest.mark.postgres
def test_every_position_a_projector_elsewhere_reaches_is_told(
    pg_registry: Registry, elsewhere: Projector, pg_read_side: ReadSide
) -> None:
    told: list[int] = []
    following = Following(pg_read_side.connections, told.append)
    following.start()
    try:
        assert wait_until(following.listening.is_set)
        assert told == [0]  # read once on start
        first = story.register(pg_registry, "QN-0701", "Mật ong hoa nhãn", date(2024, 1, 2))
        elsewhere.catch_up()
        assert wait_until(lambda: first.position in told)
        later = story.register(pg_registry, "QN-0702", "Trà hoa vàng", date(2024, 1, 3))
        elsewhere.catch_up()
        assert wait_until(lambda: later.position in told)
    finally:
        following.stop()
    assert not following.running


@pytest.mark.postgres
def test_following_listens_again_after_its_connection_is_terminated(
    pg_registry: Registry, elsewhere: Projector, pg_read_side: ReadSide, postgres_url: str
) -> None:
    told: list[int] = []
    following = Following(pg_read_side.connections, told.append)
    following.start()
    try:
        assert wait_until(following.listening.is_set)
        with psycopg.connect(postgres_url.partition("?")[0], autocommit=True) as admin:
            ended = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'ocop-following' AND datname = current_database()"
            ).fetchall()
        assert len(ended) == 1
        # Projected while it was away, or after: the position read on listening again tells it.
        while_away = story.register(pg_registry, "QN-0703", "Nước mắm", date(2024, 1, 2))
        elsewhere.catch_up()
        assert wait_until(lambda: following.reconnections >= 1)
        assert wait_until(lambda: while_away.position in told)
    finally:
        following.stop()


@pytest.mark.postgres
def test_a_remembered_answer_is_forgotten_when_a_projector_elsewhere_moves(
    pg_registry: Registry, elsewhere: Projector, pg_read_side: ReadSide
) -> None:
    asked: list[int] = []

    def products(db: Database) -> int:
        asked.append(1)
        return int(db.rows("SELECT COUNT(*) AS n FROM product_status")[0]["n"])

    question = Remembered(("products",), products)
    pg_read_side.follow()
    assert wait_until(pg_read_side.following.listening.is_set)
    registered = story.register(pg_registry, "QN-0704", "Chè Shan tuyết", date(2024, 1, 2))
    elsewhere.catch_up()
    # told of the projector's move (the answer may be right before it is told, and forgotten then)
    assert wait_until(lambda: pg_read_side.remembered.position == registered.position)
    assert pg_read_side.ask(question) == 1
    times = len(asked)
    assert [pg_read_side.ask(question) for _ in range(3)] == [1, 1, 1]
    assert len(asked) == times  # remembered: the database was not asked again
    moved = story.register(pg_registry, "QN-0705", "Miến dong", date(2024, 1, 3))
    elsewhere.catch_up()
    assert wait_until(lambda: pg_read_side.ask(question) == 2)  # no position asked for
    assert pg_read_side.wait_for(moved.position, timeout=0)


def test_on_sqlite_there_is_nothing_to_follow(sqlite_url: str) -> None:
    side = ReadSide.open(connections_to(sqlite_url))
    try:
        side.follow()
        assert not side.following.running
    finally:
        side.close()
