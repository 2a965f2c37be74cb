"""The event-log reader reads the register's log as the library stored it, on every backend:
the events after a position in log order, the head, and news of appends."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from registry.service import Registry
from storage.connections import Connections, PostgresConnections
from storage.event_log import events_after, head, listen_for_news
from tests.conftest import connections_to
from tests.contract.stories import CODE, LIFE, record


@pytest.fixture
def connections(store_url: str) -> Iterator[Connections]:
    """Connections to the test's store, as the read side has them."""
    opened = connections_to(store_url)
    yield opened
    opened.close()


def test_a_log_without_its_table_yet_has_its_head_at_zero(tmp_path: object) -> None:
    fresh = connections_to(f"sqlite:///{tmp_path}/empty.db")
    try:
        assert fresh.ask(head) == 0
    finally:
        fresh.close()


def test_the_events_after_a_position_come_in_log_order_as_the_library_stored_them(
    registry: Registry, connections: Connections
) -> None:
    assert connections.ask(head) == 0
    answers = record(registry, LIFE)
    assert connections.ask(head) == answers[-1].position == len(LIFE)
    every = connections.ask(lambda db: events_after(db, 0, 100))
    assert [n.id for n in every] == [answer.position for answer in answers]
    decoded = [registry.mapper.to_domain_event(n) for n in every]
    assert decoded == registry.events_of(CODE)
    middle = connections.ask(lambda db: events_after(db, 2, 2))
    assert [(n.id, n.originator_version) for n in middle] == [(3, 3), (4, 4)]
    assert connections.ask(lambda db: events_after(db, len(LIFE), 100)) == []


def test_news_of_an_append_arrives_by_listen_on_postgresql_and_by_polling_on_sqlite(
    registry: Registry, connections: Connections
) -> None:
    news = listen_for_news(connections)
    try:
        quiet = threading.Event()
        if isinstance(connections, PostgresConnections):
            record(registry, LIFE[:1])
            assert news.wait(30, quiet) is True  # notified: not the 30 s passing
        else:
            assert news.wait(0, quiet) is False  # nothing to listen to: a pause, then a poll
        woken = threading.Event()
        woken.set()
        assert news.wait(30, woken) is True
    finally:
        news.close()
