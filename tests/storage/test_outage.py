"""The store through an outage (``storage.pool.PromptPool``): while PostgreSQL does not
answer, a question and a write are refused promptly, not after the pool's timeout, and the API
can answer 503; connections the server cut are all found at the first request after it; and
once it answers again, the pools lend connections again with no hand. The server here is a
loopback proxy in front of the tests' one, stopped and started (``tests/faults`` restarts a
real server under load)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from urllib.parse import urlsplit

import psycopg
import pytest
from eventsourcing.persistence import PersistenceError, StoredEvent

from api.outages import store_lost
from registry.answer_store import answering_environment
from registry.service import Registry
from storage.connections import PostgresConnections
from storage.pool import AWAY
from storage.sql import StoreUnavailable
from storage.url import StoreUrl
from tests.conftest import connections_to, fixed_today, sessions_of
from tests.projections import programme as story
from tests.projections.proxy import TcpProxy
from tests.projections.waiting import wait_until

pytestmark = pytest.mark.postgres
# A pool timeout no test waits out: a refusal that names it would have waited it in full.
LONG_WAIT = 60


@pytest.fixture
def proxy(postgres_url: str) -> Iterator[TcpProxy]:
    """A proxy in front of the tests' server, started."""
    server = urlsplit(postgres_url)
    running = TcpProxy((server.hostname or "127.0.0.1", server.port or 5432))
    running.start()
    yield running
    running.stop()


def through(proxy: TcpProxy, postgres_url: str) -> str:
    """The store's URL through ``proxy``, with a pool timeout no test waits out."""
    server = urlsplit(postgres_url)
    url = postgres_url.replace(f":{server.port}/", f":{proxy.port}/", 1)
    return f"{url}&connect_timeout={LONG_WAIT}"


@pytest.fixture
def registry(proxy: TcpProxy, postgres_url: str) -> Iterator[Registry]:
    """The register through the proxy, with the recorder that keeps answers."""
    store = StoreUrl.parse(through(proxy, postgres_url))
    app = Registry(answering_environment(store), clock=fixed_today)
    yield app
    app.close()


@pytest.fixture
def connections(proxy: TcpProxy, postgres_url: str) -> Iterator[PostgresConnections]:
    """The read side's connections through the proxy."""
    opened = connections_to(through(proxy, postgres_url))
    assert isinstance(opened, PostgresConnections)
    yield opened
    opened.close()


def one(connections: PostgresConnections) -> object:
    """A question the read side asks."""
    return connections.ask(lambda db: db.rows("SELECT 1 AS one"))


def test_while_the_database_is_away_questions_and_writes_are_refused_as_outages(
    proxy: TcpProxy, registry: Registry, connections: PostgresConnections
) -> None:
    story.register(registry, "QN-0701", "Chè Đường Hoa", date(2024, 1, 2))
    assert one(connections) == [{"one": 1}]
    proxy.stop()
    with pytest.raises(StoreUnavailable, match="does not answer") as question:
        one(connections)
    with pytest.raises(PersistenceError) as write:
        story.register(registry, "QN-0702", "Miến dong Bình Liêu", date(2024, 1, 3))
    assert AWAY in str(write.value) and f"{LONG_WAIT:.2f} sec" not in str(write.value)
    assert store_lost(question.value) and store_lost(write.value)  # 503, not 500


def test_a_write_is_tried_once_by_the_store_and_its_retry_left_to_the_client(
    proxy: TcpProxy, registry: Registry
) -> None:
    pool = registry.factory.datastore.pool  # type: ignore[attr-defined]
    event = StoredEvent(uuid.uuid4(), 1, "lifecycle.events:Registered", b"{}")
    proxy.stop()
    for _attempt in ("finds the outage", "asks the pool once"):
        asked = pool.get_stats()["requests_num"]
        with pytest.raises(PersistenceError, match="does not answer"):
            registry.recorder.insert_events([event])
    assert pool.get_stats()["requests_num"] == asked + 1  # the library alone would ask 10 times


def test_connections_the_server_cut_are_all_found_by_the_first_request_after_it(
    postgres_url: str,
) -> None:
    connections = connections_to(postgres_url)
    assert isinstance(connections, PostgresConnections)
    try:
        held = [connections.borrowed() for _ in range(3)]
        for lent in held:
            lent.__enter__()
        for lent in held:
            lent.__exit__(None, None, None)
        assert sessions_of(postgres_url, "ocop-read-side", terminate=True) == 3
        assert connections.ask(lambda db: db.rows("SELECT 1 AS one")) == [{"one": 1}]
        stats = connections.pool.get_stats()
        assert stats.get("returns_bad", 0) + stats.get("connections_lost", 0) == 3
    finally:
        connections.close()


def test_once_the_database_answers_again_questions_and_writes_go_through_with_no_hand(
    proxy: TcpProxy, registry: Registry, connections: PostgresConnections
) -> None:
    story.register(registry, "QN-0703", "Nước mắm Cái Rồng", date(2024, 1, 2))
    proxy.stop()
    with pytest.raises(StoreUnavailable):
        one(connections)
    proxy.start()
    # Liveness, not speed: the pools find the server again by themselves (within a second
    # here, every ``PROBE_SECONDS``); 10 s without would mean it needed a hand.
    assert wait_until(lambda: answered(lambda: one(connections)), timeout=10)
    assert wait_until(
        lambda: answered(lambda: story.register(registry, "QN-0704", "Sá sùng", date(2024, 3, 1))),
        timeout=10,
    )


def test_after_a_failure_the_projector_rests_until_the_database_answers_not_its_whole_pause(
    proxy: TcpProxy, connections: PostgresConnections
) -> None:
    proxy.stop()
    assert not connections.answers()
    stopping = threading.Event()
    resting = threading.Thread(target=connections.rest, args=(600, stopping))
    resting.start()
    try:
        proxy.start()
        assert wait_until(lambda: not resting.is_alive(), timeout=10)
    finally:
        stopping.set()
        resting.join()
    assert connections.answers()


def answered(attempt: Callable[[], object]) -> bool:
    """Whether ``attempt`` went through rather than meeting an outage."""
    try:
        attempt()
    except (StoreUnavailable, PersistenceError):
        return False
    return True


def test_a_write_cut_off_after_taking_its_position_leaves_no_gap_in_the_log(
    registry: Registry, postgres_url: str
) -> None:
    first = story.register(registry, "QN-0705", "Bánh gật gù", date(2024, 1, 2))
    database, _, schema = postgres_url.partition("?schema=")
    with psycopg.connect(database) as cut_off:  # as a killed process's transaction: rolled back
        cut_off.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'notification_id'))",
            [f'"{schema}".ocop_events'],
        )
        cut_off.rollback()
    later = story.register(registry, "QN-0706", "Sá sùng Vân Đồn", date(2024, 1, 3))
    assert later.position == first.position + 1
